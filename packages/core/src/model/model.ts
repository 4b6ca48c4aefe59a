import type { Rng, Tensor } from '@evoprop/tensor';
import type { Params } from '../params/params.js';

/** Forward mode: `'train'` enables dropout and batch-statistics updates; `'eval'` is deterministic. */
export type Mode = 'train' | 'eval';

/** A JSON-able description from which the same architecture can be rebuilt anywhere. */
export type ModelSpec = Readonly<{
  /** Which model kind rebuilds it (`'sequential'`, `'vector'`, NEAT's, or one from `defineModel`). */
  kind: string;
}> &
  Readonly<Record<string, unknown>>;

/** Per-call options of `forward`. */
export type ForwardOptions = Readonly<{
  /**
   * Randomness for train-mode layers (dropout). Pass a fresh fork per step
   * (`rng.fork(step)`) for runs that must resume exactly; without it the model
   * draws from its own stream, which `clone()` copies but checkpoints do not hold.
   */
  rng?: Rng;
}>;

/**
 * A trainable function of a batch. Every trainer trains this interface.
 * `forward` takes a batch ([batch, ...inputShape]) and returns [batch, outputSize]
 * (or [batch, time, size] for sequence outputs).
 */
export interface Model {
  /** The architecture as JSON; `buildModel(spec)` rebuilds it. */
  readonly spec: ModelSpec;
  /** All trainable weights in one flat vector, with named views. */
  readonly params: Params;
  /** Non-trainable state (batch-norm running statistics), cloned and saved with the weights. */
  readonly buffers?: Params;
  /** `mode` defaults to 'eval'. */
  forward(x: Tensor, mode?: Mode, options?: ForwardOptions): Tensor;
  /** A new model with the same spec and a copy of the weights (and of any buffers such as batch-norm statistics). */
  clone(): Model;
}
