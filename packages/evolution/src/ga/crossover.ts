import { type Rng, portableMath } from '@evoprop/tensor';
import { z } from 'zod';

/** Recombination operators; each makes one child from two parents. */
export const crossoverSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    /** Uniform: each gene from either parent with probability 1/2 (Syswerda 1989). */
    kind: z.literal('uniform'),
  }),
  z.strictObject({
    /** One-point: genes before a random cut from the first parent, the rest from the second (Holland 1975). */
    kind: z.literal('one-point'),
  }),
  z.strictObject({
    /** Two-point: the genes between two random cuts from the second parent (one-point below 3 genes). */
    kind: z.literal('two-point'),
  }),
  z.strictObject({
    /** Whole arithmetic recombination: c = a·p1 + (1 − a)·p2 with one a ~ U(0, 1) per child. */
    kind: z.literal('arithmetic'),
  }),
  z.strictObject({
    /** BLX-α: each gene uniform in [min − αd, max + αd] (Eshelman & Schaffer, FOGA 1993, p. 193). */
    kind: z.literal('blend'),
    /** α, how far beyond the parents' interval (in units of its width d) a gene may land, ≥ 0. Default 0.5. */
    alpha: z.number().nonnegative().default(0.5).meta({ unit: 'parent-interval widths' }),
  }),
  z.strictObject({
    /** Simulated binary crossover, SBX (Deb & Agrawal, Complex Systems 9, 1995, eq. 4–5); each gene crossed with probability 1/2. */
    kind: z.literal('sbx'),
    /** Distribution index η, ≥ 0: larger keeps children closer to the parents. Default 15. */
    eta: z.number().nonnegative().default(15).meta({ unit: 'coefficient' }),
  }),
]);
/** A parsed crossover operator; see the {@link crossoverSchema} schema. */
export type Crossover = z.output<typeof crossoverSchema>;

/** One child of parents `p1` and `p2` (same length) by the operator `op`; the parents are not modified. */
export function crossover(op: Crossover, p1: Float64Array, p2: Float64Array, rng: Rng): Float64Array {
  const n = p1.length;
  const c = Float64Array.from(p1);
  switch (op.kind) {
    case 'uniform':
      for (let i = 0; i < n; i++) if (rng.bernoulli(0.5)) c[i] = p2[i];
      return c;
    case 'one-point': {
      const cut = n > 1 ? rng.int(1, n) : 0;
      for (let i = cut; i < n; i++) c[i] = p2[i];
      return c;
    }
    case 'two-point': {
      if (n < 3) return crossover({ kind: 'one-point' }, p1, p2, rng);
      let a = rng.int(1, n);
      let b = rng.int(1, n);
      if (a > b) [a, b] = [b, a];
      for (let i = a; i < b; i++) c[i] = p2[i];
      return c;
    }
    case 'arithmetic': {
      const a = rng.uniform();
      for (let i = 0; i < n; i++) c[i] = a * p1[i] + (1 - a) * p2[i];
      return c;
    }
    case 'blend':
      for (let i = 0; i < n; i++) {
        const lo = Math.min(p1[i], p2[i]);
        const d = Math.abs(p1[i] - p2[i]);
        c[i] = rng.uniform(lo - op.alpha * d, lo + d + op.alpha * d);
      }
      return c;
    case 'sbx':
      for (let i = 0; i < n; i++) {
        if (!rng.bernoulli(0.5)) continue;
        const u = rng.uniform();
        const beta = u <= 0.5 ? portableMath.pow(2 * u, 1 / (op.eta + 1)) : portableMath.pow(1 / (2 * (1 - u)), 1 / (op.eta + 1));
        c[i] = 0.5 * ((1 + beta) * p1[i] + (1 - beta) * p2[i]);
      }
      return c;
  }
}
