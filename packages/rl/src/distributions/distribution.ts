import type { Rng, Tensor } from '@evoprop/tensor';

/**
 * A batch of probability distributions over actions, one per row (the policy's output for a
 * batch of observations). Actions travel as rows of a Float32Array in the layout every control
 * task uses (`actionWidth`): one index per row for discrete actions, `actionSize` values for
 * continuous ones. `logProb` and `entropy` are differentiable tensors of shape `[rows]`; `sample`
 * and `mode` are plain numbers (no gradient flows through an action).
 */
export interface ActionDistribution {
  /** Number of rows (distributions) in the batch. */
  readonly rows: number;
  /** Values per action row: 1 for a categorical, the dimension for a Gaussian. */
  readonly width: number;
  /** Draw one action per row with `rng` into `out` (`rows × width`), which is returned. */
  sample(rng: Rng, out?: Float32Array): Float32Array;
  /** The most likely action of each row (argmax, or the mean) into `out`, which is returned. */
  mode(out?: Float32Array): Float32Array;
  /** log π(a | s) of each row's action in `actions` (`rows × width`), shape `[rows]`. */
  logProb(actions: Float32Array): Tensor;
  /** Entropy of each row's distribution, shape `[rows]` (nats). */
  entropy(): Tensor;
}
