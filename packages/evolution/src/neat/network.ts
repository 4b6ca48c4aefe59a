/**
 * The phenotype: a genome compiled once into a flat evaluation plan (CSR arrays over
 * node slots), then activated without allocating.
 *
 * Every node uses the paper's steepened sigmoid φ(x) = 1 / (1 + e^(−4.9x)) (p. 113), unless
 * its gene names another activation (a CPPN, Stanley 2007; see `activations.ts`).
 * Feed-forward genomes run their nodes once in topological order. Recurrent genomes run
 * `activationSteps` synchronous updates per activation, every node reading the previous
 * step's values, and keep their state between activations until `reset()`.
 */
import { recordFlops, portableMath } from '@evoprop/tensor';
import { activationCode, applyActivation } from './activations.js';
import { type ConnectionGene, type Genome, GenomeError } from './genome.js';

/** A genome compiled to flat arrays over node slots (slot of output k is inputs + 1 + k). */
export type NetworkPlan = Readonly<{
  /** Number of inputs. */
  inputs: number;
  /** Number of outputs. */
  outputs: number;
  /** Number of node slots: inputs, bias, outputs, hidden (in id order). */
  size: number;
  /** Slot of the bias (always 1). */
  biasSlot: number;
  /** Non-input slots in evaluation order. */
  order: Int32Array;
  /** Incoming connections of order[k] are start[k]..start[k+1]−1. */
  start: Int32Array;
  /** Source slot of each incoming connection. */
  source: Int32Array;
  /** Weight of each incoming connection. */
  weight: Float64Array;
  /** Index of each incoming connection among the genome's enabled connections (innovation order), for Params. */
  parameter: Int32Array;
  /** Whether nodes update synchronously from the previous step's values (cycles allowed). */
  recurrent: boolean;
  /** Synchronous steps per activation (1 when feed-forward). */
  steps: number;
  /** Sigmoid slope. */
  slope: number;
  /** Activation code of order[k] (see `activationNames`), or null when every node is the sigmoid. */
  activation: Uint8Array | null;
  /** Value of the bias input. */
  bias: number;
}>;

/** How a genome becomes a network. */
export type PlanOptions = Readonly<{
  /** Sigmoid slope (p. 113: 4.9). */
  slope: number;
  /** Recurrent (synchronous steps, state kept) or feed-forward (topological order). */
  recurrent: boolean;
  /** Synchronous steps per activation when recurrent. */
  activationSteps: number;
  /** Value the bias node feeds (default 1; NEAT C++'s pole balancing feeds 0.5). */
  bias?: number;
}>;

/**
 * Compile a genome once into flat arrays. Typed arrays and counting sorts only: this runs
 * once per genome per generation, so it is part of every evaluation's cost.
 */
export function compileNetworkPlan(genome: Genome, options: PlanOptions): NetworkPlan {
  const size = genome.nodes.length;
  const firstComputed = genome.inputs + 1;
  const slotOf = new Map<number, number>();
  genome.nodes.forEach((n, i) => slotOf.set(n.id, i));
  let m = 0;
  for (const c of genome.connections as readonly ConnectionGene[]) if (c.enabled) m++;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const w = new Float64Array(m);
  let e = 0;
  for (const c of genome.connections as readonly ConnectionGene[]) {
    if (!c.enabled) continue;
    const f = slotOf.get(c.from);
    const t = slotOf.get(c.to);
    if (f === undefined || t === undefined)
      throw new GenomeError(`compileNetworkPlan: connection ${c.innovation} joins a node missing from the genome`);
    from[e] = f;
    to[e] = t;
    w[e] = c.weight;
    e++;
  }
  // Incoming connections grouped by target slot (counting sort keeps innovation order within a slot).
  const inStart = new Int32Array(size + 1);
  for (let k = 0; k < m; k++) inStart[(to[k] as number) + 1] = (inStart[(to[k] as number) + 1] as number) + 1;
  for (let sl = 0; sl < size; sl++) inStart[sl + 1] = (inStart[sl + 1] as number) + (inStart[sl] as number);
  const inList = new Int32Array(m);
  const fill = inStart.slice(0, size);
  for (let k = 0; k < m; k++) inList[(fill[to[k] as number] as number)++] = k;

  const order = new Int32Array(size - firstComputed);
  if (options.recurrent) {
    for (let k = 0; k < order.length; k++) order[k] = firstComputed + k;
  } else {
    // Kahn's algorithm over outgoing connections.
    const outStart = new Int32Array(size + 1);
    for (let k = 0; k < m; k++) outStart[(from[k] as number) + 1] = (outStart[(from[k] as number) + 1] as number) + 1;
    for (let sl = 0; sl < size; sl++) outStart[sl + 1] = (outStart[sl + 1] as number) + (outStart[sl] as number);
    const outList = new Int32Array(m);
    const cursor = outStart.slice(0, size);
    for (let k = 0; k < m; k++) outList[(cursor[from[k] as number] as number)++] = to[k] as number;
    const indegree = new Int32Array(size);
    for (let sl = 0; sl < size; sl++) indegree[sl] = (inStart[sl + 1] as number) - (inStart[sl] as number);
    const queue = new Int32Array(size);
    let tail = 0;
    for (let sl = 0; sl < size; sl++) if (indegree[sl] === 0) queue[tail++] = sl;
    let placed = 0;
    for (let head = 0; head < tail; head++) {
      const sl = queue[head] as number;
      if (sl >= firstComputed) order[placed++] = sl;
      for (let k = outStart[sl] as number; k < (outStart[sl + 1] as number); k++) {
        const t = outList[k] as number;
        indegree[t] = (indegree[t] as number) - 1;
        if (indegree[t] === 0) queue[tail++] = t;
      }
    }
    if (placed !== order.length)
      throw new GenomeError(
        'compileNetworkPlan: expected an acyclic genome for a feed-forward network, got a cycle (set network.recurrent)',
      );
  }
  const start = new Int32Array(order.length + 1);
  const source = new Int32Array(m);
  const weight = new Float64Array(m);
  const parameter = new Int32Array(m);
  e = 0;
  for (let k = 0; k < order.length; k++) {
    const sl = order[k] as number;
    start[k] = e;
    for (let j = inStart[sl] as number; j < (inStart[sl + 1] as number); j++) {
      const c = inList[j] as number;
      source[e] = from[c] as number;
      weight[e] = w[c] as number;
      parameter[e] = c;
      e++;
    }
  }
  start[order.length] = e;
  let activation: Uint8Array | null = null;
  if (genome.nodes.some((n) => n.activation !== undefined && n.activation !== 'sigmoid')) {
    activation = new Uint8Array(order.length);
    for (let k = 0; k < order.length; k++) activation[k] = activationCode(genome.nodes[order[k] as number]?.activation ?? 'sigmoid');
  }
  return {
    inputs: genome.inputs,
    outputs: genome.outputs,
    size,
    biasSlot: genome.inputs,
    order,
    start,
    source,
    weight,
    parameter,
    recurrent: options.recurrent,
    steps: options.recurrent ? options.activationSteps : 1,
    slope: options.slope,
    activation,
    bias: options.bias ?? 1,
  };
}

/** A compiled network with its own buffers; `activate` allocates nothing. */
export class NeatNetwork {
  /** Current value of every node slot (the recurrent state). */
  readonly values: Float64Array;
  private readonly next: Float64Array;
  /** The output buffer `activate` returns (overwritten by the next call). */
  readonly output: Float64Array;

  /** @param plan A compiled plan (see `compileNetworkPlan`). */
  constructor(
    /** The compiled plan this network runs. */
    readonly plan: NetworkPlan,
  ) {
    this.values = new Float64Array(plan.size);
    this.next = new Float64Array(plan.size);
    this.output = new Float64Array(plan.outputs);
    this.reset();
  }

  /** Compile `genome` and wrap it. */
  static fromGenome(genome: Genome, options: PlanOptions): NeatNetwork {
    return new NeatNetwork(compileNetworkPlan(genome, options));
  }

  /** Clear the recurrent state (non-input nodes back to 0). */
  reset(): void {
    this.values.fill(0);
    this.values[this.plan.biasSlot] = this.plan.bias;
  }

  /** Run the network on one input vector; returns the output buffer (overwritten by the next call). */
  activate(input: ArrayLike<number>): Float64Array {
    const { inputs, outputs, order, start, source, weight, slope, recurrent, steps, activation } = this.plan;
    const v = this.values;
    // Charged like the batched forward op: a multiply-add per connection, a sigmoid per node.
    recordFlops(2 * (recurrent ? steps : 1) * (source.length + order.length));
    for (let i = 0; i < inputs; i++) v[i] = input[i] as number;
    if (!recurrent) {
      for (let k = 0; k < order.length; k++) {
        let z = 0;
        for (let e = start[k] as number; e < (start[k + 1] as number); e++) z += (weight[e] as number) * (v[source[e] as number] as number);
        v[order[k] as number] =
          activation === null ? 1 / (1 + portableMath.exp(-slope * z)) : applyActivation(activation[k] as number, z, slope);
      }
    } else {
      const next = this.next;
      for (let t = 0; t < steps; t++) {
        for (let k = 0; k < order.length; k++) {
          let z = 0;
          for (let e = start[k] as number; e < (start[k + 1] as number); e++)
            z += (weight[e] as number) * (v[source[e] as number] as number);
          next[order[k] as number] =
            activation === null ? 1 / (1 + portableMath.exp(-slope * z)) : applyActivation(activation[k] as number, z, slope);
        }
        for (let k = 0; k < order.length; k++) v[order[k] as number] = next[order[k] as number] as number;
      }
    }
    for (let o = 0; o < outputs; o++) this.output[o] = v[inputs + 1 + o] as number;
    return this.output;
  }
}
