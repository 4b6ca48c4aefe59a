import type { Tensor } from '@evoprop/tensor';
import type { Params } from '../params/params.js';

export type Mode = 'train' | 'eval';

/** A JSON-able description from which the same architecture can be rebuilt anywhere. */
export type ModelSpec = Readonly<{ kind: string }> & Readonly<Record<string, unknown>>;

/**
 * A trainable function of a batch. Every trainer trains this interface.
 * `forward` takes a batch ([batch, ...inputShape]) and returns [batch, outputSize]
 * (or [batch, time, size] for sequence outputs).
 */
export interface Model {
  readonly spec: ModelSpec;
  readonly params: Params;
  forward(x: Tensor, mode?: Mode): Tensor;
  /** A new model with the same spec and a copy of the weights (and of any buffers such as batch-norm statistics). */
  clone(): Model;
}
