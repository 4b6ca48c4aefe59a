import { type Rng, portableMath } from '@evoprop/tensor';
import { z } from 'zod';

/**
 * Mutation, applied to each gene with probability `rate` (default 1/n).
 * Gaussian: x += σ·N(0, 1). With `selfAdaptive`, every individual carries its own σ,
 * mutated log-normally before use, σ' = σ·exp(τ·N(0, 1)) with τ = 1/√n (Schwefel 1981;
 * Beyer & Schwefel, "Evolution strategies — A comprehensive introduction", Nat. Comput. 2002, p. 26).
 * Uniform: the gene is redrawn uniformly from `bounds` (which must then be given).
 */
export const mutationSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    /** Gaussian: x += σ·N(0, 1) on each mutated gene. */
    kind: z.literal('gaussian'),
    /** Probability that a gene mutates, in [0, 1]; default 1/n. */
    rate: z.number().min(0).max(1).optional().meta({ unit: 'probability per gene' }),
    /** Mutation step size σ, > 0 (the starting σ of every individual when self-adaptive). Default 0.1. */
    sigma: z.number().positive().default(0.1).meta({ unit: 'weight units' }),
    /** Each individual carries and log-normally mutates its own σ (Schwefel 1981). Default false. */
    selfAdaptive: z.boolean().default(false),
    /** Learning rate τ of the self-adaptive σ, > 0; default 1/√n. */
    tau: z.number().positive().optional().meta({ unit: 'coefficient' }),
  }),
  z.strictObject({
    /** Uniform: a mutated gene is redrawn uniformly from the GA's `bounds`. */
    kind: z.literal('uniform'),
    /** Probability that a gene mutates, in [0, 1]; default 1/n. */
    rate: z.number().min(0).max(1).optional().meta({ unit: 'probability per gene' }),
  }),
]);
/** A parsed mutation operator; see the {@link mutationSchema} schema. */
export type Mutation = z.output<typeof mutationSchema>;

/** A box constraint applied to every gene: genes are clipped into [lower, upper]. */
export type Bounds = Readonly<{
  /** Smallest value of a gene. */
  lower: number;
  /** Largest value of a gene; must be > `lower`. */
  upper: number;
}>;

/** Mutates `x` in place and returns the step size the child carries. */
export function mutate(op: Mutation, x: Float64Array, stepSize: number, bounds: Bounds | undefined, rng: Rng): number {
  const n = x.length;
  const rate = op.rate ?? 1 / n;
  let sigma = stepSize;
  if (op.kind === 'gaussian') {
    if (op.selfAdaptive) sigma = stepSize * portableMath.exp((op.tau ?? 1 / Math.sqrt(n)) * rng.normal());
    for (let i = 0; i < n; i++) if (rng.bernoulli(rate)) x[i] += sigma * rng.normal();
  } else {
    const { lower, upper } = bounds as Bounds;
    for (let i = 0; i < n; i++) if (rng.bernoulli(rate)) x[i] = rng.uniform(lower, upper);
  }
  if (bounds !== undefined) for (let i = 0; i < n; i++) x[i] = Math.min(bounds.upper, Math.max(bounds.lower, x[i]));
  return sigma;
}
