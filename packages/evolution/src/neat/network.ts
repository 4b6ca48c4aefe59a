/**
 * The phenotype: a genome compiled once into a flat evaluation plan (CSR arrays over
 * node slots), then activated without allocating.
 *
 * Every node uses the paper's steepened sigmoid φ(x) = 1 / (1 + e^(−4.9x)) (p. 113).
 * Feed-forward genomes run their nodes once in topological order. Recurrent genomes run
 * `activationSteps` synchronous updates per activation, every node reading the previous
 * step's values, and keep their state between activations until `reset()`.
 */
import { type ConnectionGene, type Genome, GenomeError } from './genome.js';

export type NetworkPlan = Readonly<{
  inputs: number;
  outputs: number;
  /** Number of node slots: inputs, bias, outputs, hidden (in id order). */
  size: number;
  biasSlot: number;
  /** Slot of output k is inputs + 1 + k. */
  /** Non-input slots in evaluation order. */
  order: Int32Array;
  /** Incoming connections of order[k] are start[k]..start[k+1]−1. */
  start: Int32Array;
  source: Int32Array;
  weight: Float64Array;
  /** Index of each incoming connection among the genome's enabled connections (innovation order), for Params. */
  parameter: Int32Array;
  recurrent: boolean;
  steps: number;
  slope: number;
}>;

export type PlanOptions = Readonly<{ slope: number; recurrent: boolean; activationSteps: number }>;

/** Topological order of the non-input slots; null if the enabled connections contain a cycle. */
function topologicalOrder(size: number, firstComputed: number, enabled: readonly Readonly<{ from: number; to: number }>[]): Int32Array | null {
  const indegree = new Int32Array(size);
  const out: number[][] = Array.from({ length: size }, () => []);
  for (const c of enabled) {
    indegree[c.to] = (indegree[c.to] as number) + 1;
    (out[c.from] as number[]).push(c.to);
  }
  const queue: number[] = [];
  for (let s = 0; s < size; s++) if (indegree[s] === 0) queue.push(s);
  const order: number[] = [];
  for (let h = 0; h < queue.length; h++) {
    const s = queue[h] as number;
    if (s >= firstComputed) order.push(s);
    for (const t of out[s] as number[]) {
      indegree[t] = (indegree[t] as number) - 1;
      if (indegree[t] === 0) queue.push(t);
    }
  }
  return order.length === size - firstComputed ? Int32Array.from(order) : null;
}

export function compileNetworkPlan(genome: Genome, options: PlanOptions): NetworkPlan {
  const slotOf = new Map<number, number>();
  genome.nodes.forEach((n, i) => slotOf.set(n.id, i));
  const size = genome.nodes.length;
  const firstComputed = genome.inputs + 1;
  const enabled: { from: number; to: number; weight: number; parameter: number }[] = [];
  let p = 0;
  for (const c of genome.connections as readonly ConnectionGene[]) {
    if (!c.enabled) continue;
    const from = slotOf.get(c.from);
    const to = slotOf.get(c.to);
    if (from === undefined || to === undefined) throw new GenomeError(`compileNetworkPlan: connection ${c.innovation} joins a node missing from the genome`);
    enabled.push({ from, to, weight: c.weight, parameter: p++ });
  }
  let order: Int32Array | null;
  if (options.recurrent) {
    order = new Int32Array(size - firstComputed);
    for (let k = 0; k < order.length; k++) order[k] = firstComputed + k;
  } else {
    order = topologicalOrder(size, firstComputed, enabled);
    if (order === null) throw new GenomeError('compileNetworkPlan: expected an acyclic genome for a feed-forward network, got a cycle (set network.recurrent)');
  }
  const incoming: (typeof enabled)[] = Array.from({ length: size }, () => []);
  for (const c of enabled) (incoming[c.to] as typeof enabled).push(c);
  const start = new Int32Array(order.length + 1);
  const source = new Int32Array(enabled.length);
  const weight = new Float64Array(enabled.length);
  const parameter = new Int32Array(enabled.length);
  let e = 0;
  order.forEach((slot, k) => {
    start[k] = e;
    for (const c of incoming[slot] as typeof enabled) {
      source[e] = c.from;
      weight[e] = c.weight;
      parameter[e] = c.parameter;
      e++;
    }
  });
  start[order.length] = e;
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
  };
}

/** A compiled network with its own buffers; `activate` allocates nothing. */
export class NeatNetwork {
  readonly values: Float64Array;
  private readonly next: Float64Array;
  readonly output: Float64Array;

  constructor(readonly plan: NetworkPlan) {
    this.values = new Float64Array(plan.size);
    this.next = new Float64Array(plan.size);
    this.output = new Float64Array(plan.outputs);
    this.reset();
  }

  static fromGenome(genome: Genome, options: PlanOptions): NeatNetwork {
    return new NeatNetwork(compileNetworkPlan(genome, options));
  }

  /** Clear the recurrent state (non-input nodes back to 0). */
  reset(): void {
    this.values.fill(0);
    this.values[this.plan.biasSlot] = 1;
  }

  /** Run the network on one input vector; returns the output buffer (overwritten by the next call). */
  activate(input: ArrayLike<number>): Float64Array {
    const { inputs, outputs, order, start, source, weight, slope, recurrent, steps } = this.plan;
    const v = this.values;
    for (let i = 0; i < inputs; i++) v[i] = input[i] as number;
    if (!recurrent) {
      for (let k = 0; k < order.length; k++) {
        let z = 0;
        for (let e = start[k] as number; e < (start[k + 1] as number); e++) z += (weight[e] as number) * (v[source[e] as number] as number);
        v[order[k] as number] = 1 / (1 + Math.exp(-slope * z));
      }
    } else {
      const next = this.next;
      for (let t = 0; t < steps; t++) {
        for (let k = 0; k < order.length; k++) {
          let z = 0;
          for (let e = start[k] as number; e < (start[k + 1] as number); e++) z += (weight[e] as number) * (v[source[e] as number] as number);
          next[order[k] as number] = 1 / (1 + Math.exp(-slope * z));
        }
        for (let k = 0; k < order.length; k++) v[order[k] as number] = next[order[k] as number] as number;
      }
    }
    for (let o = 0; o < outputs; o++) this.output[o] = v[inputs + 1 + o] as number;
    return this.output;
  }
}
