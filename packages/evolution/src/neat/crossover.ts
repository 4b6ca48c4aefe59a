/**
 * Crossover aligned by historical markings (Stanley & Miikkulainen 2002, p. 108, fig. 4).
 */
import type { Rng } from '@evoprop/tensor';
import type { NeatConfig } from './config.js';
import { type ConnectionGene, type Genome, type NodeGene, createsCycle } from './genome.js';

/**
 * NEAT p.108: "matching genes are inherited randomly, whereas disjoint genes ... and
 * excess genes ... are inherited from the more fit parent"; with equal fitness
 * (fig. 4) "the disjoint and excess genes are also inherited randomly".
 * p. 113: "a 75 % chance that an inherited gene was disabled if it was disabled in either parent".
 */
export function crossoverGenomes(a: Genome, fitnessA: number, b: Genome, fitnessB: number, rng: Rng, config: NeatConfig): Genome {
  const tie = fitnessA === fitnessB;
  const equal = tie && config.reproduction.equalFitness === 'random';
  const aFitter = tie ? b.connections.length >= a.connections.length : fitnessA > fitnessB;
  const [fit, weak] = aFitter ? [a, b] : [b, a];
  const pDisabled = config.reproduction.disabledGeneInheritance;
  const average = rng.bernoulli(config.reproduction.averageMatchingProbability);
  const keepDisabled = config.reproduction.keepUnmatchedDisabled;
  const child: ConnectionGene[] = [];
  const weakByInnovation = new Map(weak.connections.map((c) => [c.innovation, c]));
  const fitInnovations = new Set(fit.connections.map((c) => c.innovation));
  const take = (gene: ConnectionGene, disabledInEither: boolean): ConnectionGene => ({
    ...gene,
    enabled: disabledInEither ? !rng.bernoulli(pDisabled) : true,
  });
  // Walk both gene lists in innovation order so the child stays sorted.
  const all = [
    ...fit.connections.map((c) => ({ c, fromFit: true })),
    ...(equal ? weak.connections.filter((c) => !fitInnovations.has(c.innovation)).map((c) => ({ c, fromFit: false })) : []),
  ];
  all.sort((x, y) => x.c.innovation - y.c.innovation);
  for (const { c, fromFit } of all) {
    const other = fromFit ? weakByInnovation.get(c.innovation) : undefined;
    let gene: ConnectionGene;
    if (other !== undefined) {
      gene = take(rng.bernoulli(0.5) ? c : other, !c.enabled || !other.enabled);
      if (average) gene.weight = (c.weight + other.weight) / 2;
    } else {
      if (equal && !rng.bernoulli(0.5)) continue;
      gene = keepDisabled ? { ...c } : take(c, !c.enabled);
    }
    child.push(gene);
  }
  // Mixing both parents' disjoint genes (equal fitness only) can close a cycle; drop the genes that would.
  let connections = child;
  if (equal && !config.network.recurrent) {
    connections = [];
    for (const gene of child) if (!createsCycle(connections, gene.from, gene.to)) connections.push(gene);
  }
  const used = new Set<number>();
  for (const c of connections) {
    used.add(c.from);
    used.add(c.to);
  }
  const nodes = new Map<number, NodeGene>();
  for (const n of fit.nodes) nodes.set(n.id, { ...n });
  for (const n of weak.nodes) if (used.has(n.id) && !nodes.has(n.id)) nodes.set(n.id, { ...n });
  return { inputs: a.inputs, outputs: a.outputs, nodes: [...nodes.values()].sort((x, y) => x.id - y.id), connections };
}
