import { type ActivationName, activationNames } from './activations.js';

/**
 * The NEAT genome as plain data (Stanley & Miikkulainen 2002, p. 105–106, fig. 2):
 * a list of node genes and a list of connection genes, each connection carrying its
 * in-node, out-node, weight, enabled bit and innovation number.
 *
 * Node ids are fixed for the interface: inputs 0..I−1, the bias I, outputs
 * I+1..I+O; hidden nodes get ids from the innovation tracker.
 */
export type NodeKind = 'input' | 'bias' | 'output' | 'hidden';

/** A node gene (p. 105, fig. 2). */
export type NodeGene = Readonly<{
  /** Node id: inputs 0..I−1, bias I, outputs I+1..I+O, hidden nodes after. */
  id: number;
  /** Input, bias, output or hidden. */
  kind: NodeKind;
  /** A CPPN node's activation (Stanley 2007); absent means the paper's sigmoid. Hidden and output nodes only. */
  activation?: ActivationName;
}>;

/** A connection gene (p. 105, fig. 2). */
export type ConnectionGene = {
  /** Historical marking: the global innovation number of this structural change (p. 107). */
  readonly innovation: number;
  /** Id of the source node. */
  readonly from: number;
  /** Id of the target node. */
  readonly to: number;
  /** Connection weight. */
  weight: number;
  /** Whether the connection is expressed in the network. */
  enabled: boolean;
};

/** Nodes sorted by id, connections sorted by innovation number. */
export type Genome = {
  /** Number of inputs (the bias is extra). */
  readonly inputs: number;
  /** Number of outputs. */
  readonly outputs: number;
  /** Node genes, sorted by id. */
  nodes: NodeGene[];
  /** Connection genes, sorted by innovation number. */
  connections: ConnectionGene[];
};

/** Id of the bias node. */
export const biasId = (genome: Pick<Genome, 'inputs'>): number => genome.inputs;
/** Id of the first output node. */
export const firstOutputId = (genome: Pick<Genome, 'inputs'>): number => genome.inputs + 1;
/** The first id free for hidden nodes in a genome with this interface. */
export const firstHiddenId = (inputs: number, outputs: number): number => inputs + 1 + outputs;

/** The input, bias and output node genes of a genome with this interface. */
export function interfaceNodes(inputs: number, outputs: number): NodeGene[] {
  const nodes: NodeGene[] = [];
  for (let i = 0; i < inputs; i++) nodes.push({ id: i, kind: 'input' });
  nodes.push({ id: inputs, kind: 'bias' });
  for (let o = 0; o < outputs; o++) nodes.push({ id: inputs + 1 + o, kind: 'output' });
  return nodes;
}

/** A deep copy (with a fixed key order, so equal genomes serialise to equal JSON). */
export const cloneGenome = (g: Genome): Genome => ({
  inputs: g.inputs,
  outputs: g.outputs,
  nodes: g.nodes.map((n) =>
    n.activation === undefined ? { id: n.id, kind: n.kind } : { id: n.id, kind: n.kind, activation: n.activation },
  ),
  // Explicit key order, so equal genomes serialise to equal JSON.
  connections: g.connections.map((c) => ({ innovation: c.innovation, from: c.from, to: c.to, weight: c.weight, enabled: c.enabled })),
});

/** Number of hidden nodes. */
export const hiddenCount = (g: Genome): number => g.nodes.reduce((n, x) => n + (x.kind === 'hidden' ? 1 : 0), 0);
/** Number of enabled connections. */
export const enabledCount = (g: Genome): number => g.connections.reduce((n, c) => n + (c.enabled ? 1 : 0), 0);

/** Whether adding from→to would close a directed cycle (counting disabled genes too, so re-enabling stays safe). */
export function createsCycle(connections: readonly Pick<ConnectionGene, 'from' | 'to'>[], from: number, to: number): boolean {
  if (from === to) return true;
  const out = new Map<number, number[]>();
  for (const c of connections) {
    const list = out.get(c.from);
    if (list === undefined) out.set(c.from, [c.to]);
    else list.push(c.to);
  }
  const stack = [to];
  const seen = new Set<number>([to]);
  while (stack.length > 0) {
    const n = stack.pop() as number;
    if (n === from) return true;
    for (const m of out.get(n) ?? []) {
      if (!seen.has(m)) {
        seen.add(m);
        stack.push(m);
      }
    }
  }
  return false;
}

/** Thrown for malformed genomes (dangling node ids, unsorted genes, interface mismatch). */
export class GenomeError extends Error {
  /** Always 'GenomeError'. */
  override name = 'GenomeError';
}

/** Check a genome's invariants; throws a GenomeError naming the first broken one. */
export function validateGenome(g: Genome): void {
  const ids = new Set<number>();
  let last = -1;
  for (const n of g.nodes) {
    if (n.id <= last) throw new GenomeError(`genome: node ids must be strictly increasing, got ${n.id} after ${last}`);
    last = n.id;
    ids.add(n.id);
    if (n.activation !== undefined) {
      if (!(activationNames as readonly string[]).includes(n.activation))
        throw new GenomeError(`genome: node ${n.id} has activation '${n.activation}', expected one of ${activationNames.join(', ')}`);
      if (n.kind === 'input' || n.kind === 'bias') throw new GenomeError(`genome: ${n.kind} node ${n.id} cannot have an activation`);
    }
  }
  for (const n of interfaceNodes(g.inputs, g.outputs)) {
    const found = g.nodes.find((x) => x.id === n.id);
    if (found?.kind !== n.kind) throw new GenomeError(`genome: expected node ${n.id} to be ${n.kind}, got ${found?.kind ?? 'nothing'}`);
  }
  last = -1;
  for (const c of g.connections) {
    if (c.innovation <= last)
      throw new GenomeError(`genome: innovation numbers must be strictly increasing, got ${c.innovation} after ${last}`);
    last = c.innovation;
    if (!ids.has(c.from) || !ids.has(c.to))
      throw new GenomeError(`genome: connection ${c.innovation} joins unknown node ${ids.has(c.from) ? c.to : c.from}`);
    const to = g.nodes.find((n) => n.id === c.to);
    if (to?.kind === 'input' || to?.kind === 'bias')
      throw new GenomeError(`genome: connection ${c.innovation} ends at ${to.kind} node ${c.to}`);
    if (!Number.isFinite(c.weight)) throw new GenomeError(`genome: connection ${c.innovation} has weight ${c.weight}`);
  }
}
