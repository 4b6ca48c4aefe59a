/**
 * Speciation (Stanley & Miikkulainen 2002, p. 110): "Each existing species is
 * represented by a random member of the species from the previous generation. A given
 * genome g in the current generation is placed in the first species in which g is
 * compatible with the representative genome of that species. If g is not compatible
 * with any existing species, a new species is created with g as its representative."
 */
import type { NeatConfig } from './config.js';
import { compatibilityDistance } from './distance.js';
import type { Genome } from './genome.js';

/** The result of `speciate`. */
export type Speciation = {
  /** Non-empty species, old ones first (by their previous order), then new ones. */
  species: SpeciesState[];
  /** Id the next new species gets. */
  nextSpeciesId: number;
};

/** A species as plain data. */
export type SpeciesState = {
  /** Species id (never reused). */
  readonly id: number;
  /** The genome new genomes are compared with. */
  representative: Genome;
  /** Indices into the population's genomes. */
  members: number[];
  /** Best raw fitness the species has ever had, and the generation it last improved (for stagnation, p. 113). */
  bestFitness: number;
  /** Generation of the last improvement of `bestFitness`. */
  lastImproved: number;
  /** Generation the species was founded in. */
  readonly createdAt: number;
};

/** Place each genome in the first species whose representative is within `threshold`, founding species as needed (p. 110); empty species are dropped. */
export function speciate(
  previous: readonly SpeciesState[],
  genomes: readonly Genome[],
  threshold: number,
  config: NeatConfig,
  generation: number,
  nextSpeciesId: number,
): Speciation {
  const species: SpeciesState[] = previous.map((s) => ({ ...s, members: [] }));
  genomes.forEach((g, i) => {
    const home = species.find((s) => compatibilityDistance(g, s.representative, config) < threshold);
    if (home !== undefined) home.members.push(i);
    else
      species.push({
        id: nextSpeciesId++,
        representative: g,
        members: [i],
        bestFitness: -Infinity,
        lastImproved: generation,
        createdAt: generation,
      });
  });
  return { species: species.filter((s) => s.members.length > 0), nextSpeciesId };
}

/**
 * Optional δt control toward a target species count (not in the paper; NEAT C++'s
 * "compat_adjust" nudges the threshold by a fixed step each generation).
 */
export function adjustThreshold(threshold: number, speciesCount: number, config: NeatConfig): number {
  const { targetSpecies, thresholdStep, minThreshold } = config.compatibility;
  if (targetSpecies === null) return threshold;
  if (speciesCount < targetSpecies) return Math.max(minThreshold, threshold - thresholdStep);
  if (speciesCount > targetSpecies) return threshold + thresholdStep;
  return threshold;
}

/**
 * Offspring per species. Explicit fitness sharing (p. 110, eq. 2): f'_i = f_i / |S|,
 * and "every species is assigned a potentially different number of offspring in
 * proportion to the sum of adjusted fitnesses f'_i of its member organisms" — the
 * species' mean fitness. Counts are rounded by largest remainder so they sum to `total`;
 * ties go to the earlier species, so the result is deterministic.
 * Species with `eligible[s] === false` (stagnant) get none.
 */
export function allocateOffspring(meanFitness: readonly number[], eligible: readonly boolean[], total: number): number[] {
  const weights = meanFitness.map((f, s) => (eligible[s] ? Math.max(0, f) : 0));
  let sum = weights.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) {
    weights.forEach((_, s) => (weights[s] = eligible[s] ? 1 : 0));
    sum = weights.reduce((a, b) => a + b, 0);
  }
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, s) => ({ s, r: e - Math.floor(e) })).sort((x, y) => y.r - x.r || x.s - y.s);
  for (let k = 0; left > 0; k = (k + 1) % order.length) {
    const s = (order[k] as { s: number }).s;
    if (weights[s] === 0) continue;
    counts[s] = (counts[s] as number) + 1;
    left--;
  }
  return counts;
}
