import type { Genome } from '@evoprop/evolution/neat';

/**
 * Magnitude pruning of a trained NEAT genome, in place: every enabled connection with
 * |w| < `threshold` is disabled, then every enabled connection whose target no longer
 * leads to an output (a dead end, which cannot change the outputs) is disabled too.
 * Retraining the surviving weights in the next generation's refinement makes this the
 * prune–retrain loop of Han et al., "Learning both Weights and Connections for Efficient
 * Neural Networks", NeurIPS 2015 (§3, p. 3), with NEAT supplying the regrowth.
 * Returns the number of connections disabled.
 */
export function pruneGenome(genome: Genome, threshold: number): number {
  let pruned = 0;
  for (const c of genome.connections) {
    if (c.enabled && Math.abs(c.weight) < threshold) {
      c.enabled = false;
      pruned++;
    }
  }
  // Nodes that reach an output through enabled connections (outputs included).
  const live = new Set<number>();
  for (const n of genome.nodes) if (n.kind === 'output') live.add(n.id);
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of genome.connections) {
      if (c.enabled && live.has(c.to) && !live.has(c.from)) {
        live.add(c.from);
        grew = true;
      }
    }
  }
  for (const c of genome.connections) {
    if (c.enabled && !live.has(c.to)) {
      c.enabled = false;
      pruned++;
    }
  }
  return pruned;
}

/** Hidden nodes that feed at least one enabled connection: the units a pruned network still uses. */
export function activeHiddenCount(genome: Genome): number {
  const feeding = new Set<number>();
  for (const c of genome.connections) if (c.enabled) feeding.add(c.from);
  return genome.nodes.reduce((n, x) => n + (x.kind === 'hidden' && feeding.has(x.id) ? 1 : 0), 0);
}
