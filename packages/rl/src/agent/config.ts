import { deprecatedKeys } from '@evoprop/core/config';
import { z } from 'zod';

/** The keys every policy-gradient trainer here ends its schema with: observation handling, initialisation and held-out evaluation. */
const evaluationFields = {
  /**
   * Normalise observations by running mean and variance (VecNormalize's norm_obs), clipped to
   * ±`clipObservations`; both are folded into the returned policy (see `foldObservationNormalizer`). Default false.
   */
  normalizeObservations: z.boolean().default(false),
  /**
   * Bound of normalised observations, > 0 (VecNormalize's clip_obs). The returned policy folds the
   * clip in too (a frozen ReLU layer in front of it), so it computes the trained policy on every observation. Default 10.
   */
  clipObservations: z.number().positive().default(10).meta({ unit: 'standard deviations' }),
  /**
   * SB3's orthogonal initialisation (`ortho_init`, its default): orthogonal weights, gain √2 in
   * hidden layers, 0.01 in the policy's output layer, 1 in the critic's, zero biases. False: Glorot
   * weights with the policy's output layer scaled by 0.01. Default true.
   */
  orthoInit: z.boolean().default(true),
  /** Initial log σ of Gaussian actions (continuous tasks). Default 0. */
  logStdInit: z.number().default(0).meta({ unit: 'log action units' }),
  /** Held-out episodes of the greedy policy behind the `return` metric, an integer > 0. Default 10. */
  evaluationEpisodes: z.number().int().positive().default(10).meta({ unit: 'episodes' }),
  /** Updates between held-out evaluations, an integer > 0 (events in between carry no `return`). Default 1. Formerly `evaluateEvery`. */
  validateEvery: z.number().int().positive().default(1).meta({ unit: 'updates' }),
};

/**
 * A policy-gradient trainer's strict schema: its own `fields`, then the shared evaluation keys,
 * with `evaluateEvery` accepted as the deprecated name of `validateEvery`.
 */
export const policyConfig = <F extends z.ZodRawShape>(fields: F) =>
  deprecatedKeys(z.strictObject({ ...fields, ...evaluationFields }), { evaluateEvery: 'validateEvery' });

/** The deprecated keys a policy-gradient config still accepts. */
export type DeprecatedPolicyKeys = {
  /** @deprecated The old name of `validateEvery` (still accepted, with a deprecation warning). */
  readonly evaluateEvery?: number;
};
