import type { ConnectionGene, Genome, NodeGene } from './genome.js';
import { interfaceNodes } from './genome.js';

/** A genome from a compact gene list `[innovation, from, to, weight, enabled?]`; hidden nodes are inferred. Test-only helper. */
export function genomeOf(inputs: number, outputs: number, genes: readonly (readonly [number, number, number, number, boolean?])[]): Genome {
  const nodes: NodeGene[] = interfaceNodes(inputs, outputs);
  const ids = new Set(nodes.map((n) => n.id));
  const connections: ConnectionGene[] = genes.map(([innovation, from, to, weight, enabled = true]) => ({
    innovation,
    from,
    to,
    weight,
    enabled,
  }));
  for (const c of connections) {
    for (const id of [c.from, c.to]) {
      if (!ids.has(id)) {
        ids.add(id);
        nodes.push({ id, kind: 'hidden' });
      }
    }
  }
  nodes.sort((a, b) => a.id - b.id);
  return { inputs, outputs, nodes, connections };
}
