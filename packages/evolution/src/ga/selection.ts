import type { Rng } from '@evoprop/tensor';
import { z } from 'zod';
import { argsort } from '../util/vector.js';

/** Parent selection schemes (Goldberg & Deb, "A Comparative Analysis of Selection Schemes Used in Genetic Algorithms", FOGA 1991). Fitness: lower is better. */
export const selectionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    /** Tournament: the best of `size` individuals drawn uniformly with replacement. */
    kind: z.literal('tournament'),
    /** Individuals per tournament, an integer ≥ 1 (1 = uniform random selection). Default 3. */
    size: z.number().int().min(1).default(3).meta({ unit: 'candidates' }),
  }),
  z.strictObject({
    /** Roulette wheel: fitness-proportional on (worst − f), so lower fitness gets more mass. */
    kind: z.literal('roulette'),
  }),
  z.strictObject({
    /** Linear ranking (Baker 1985): selection probability falls linearly with the rank. */
    kind: z.literal('rank'),
    /** Selection pressure s in [1, 2]: the best is picked s times as often as the average (1 = uniform). Default 1.5. */
    pressure: z.number().min(1).max(2).default(1.5).meta({ unit: 'coefficient' }),
  }),
  z.strictObject({
    /** Truncation: uniform among the best `fraction` of the population. */
    kind: z.literal('truncation'),
    /** Fraction of the population eligible as parents, in (0, 1]. Default 0.5. */
    fraction: z.number().gt(0).max(1).default(0.5).meta({ unit: 'fraction of population' }),
  }),
]);
/** A parsed parent-selection scheme; see the {@link selectionSchema} schema. */
export type Selection = z.output<typeof selectionSchema>;

/** Returns a function that picks one parent index per call. */
export function makeSelector(selection: Selection, fitness: Float64Array, rng: Rng): () => number {
  const n = fitness.length;
  const order = argsort(fitness);
  switch (selection.kind) {
    case 'tournament':
      return () => {
        let winner = rng.int(0, n);
        for (let i = 1; i < selection.size; i++) {
          const c = rng.int(0, n);
          if (fitness[c] < fitness[winner] || (fitness[c] === fitness[winner] && c < winner)) winner = c;
        }
        return winner;
      };
    case 'truncation': {
      const keep = Math.max(1, Math.round(selection.fraction * n));
      return () => order[rng.int(0, keep)];
    }
    case 'roulette': {
      const worst = fitness[order[n - 1]];
      const weights = Array.from(fitness, (f) => worst - f);
      return wheel(weights, rng);
    }
    case 'rank': {
      const s = selection.pressure;
      const weights = new Array<number>(n);
      for (let r = 0; r < n; r++) weights[order[r]] = n === 1 ? 1 : s - ((2 * s - 2) * r) / (n - 1);
      return wheel(weights, rng);
    }
  }
}

/** Roulette wheel over non-negative weights; uniform when they are all zero. */
function wheel(weights: number[], rng: Rng): () => number {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    total += Math.max(0, weights[i]);
    cumulative[i] = total;
  }
  if (!(total > 0) || !Number.isFinite(total)) return () => rng.int(0, weights.length);
  return () => {
    const u = rng.uniform(0, total);
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}
