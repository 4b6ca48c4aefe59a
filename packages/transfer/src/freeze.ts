import type { Model } from '@evoprop/core';
import { type ParamSelector, selectParams } from './select.js';

/**
 * Freeze the selected parameters: backprop masks them and evolution searches only the rest
 * (`params.trainableIndices()`), so their bytes never change. Returns the names frozen.
 * Batch-norm running statistics are buffers, not parameters: they still update in train mode.
 *
 * @example
 * freeze(model, 'conv*');          // by glob (a layer name selects its weight and bias)
 * freeze(model, /^fc\.weight$/);    // by RegExp
 * freeze(model, { layers: [0, -1] }); // every layer with parameters but the last
 */
export function freeze(model: Model, selector: ParamSelector): string[] {
  const names = selectParams(model, selector);
  model.params.setTrainable(names, false);
  return names;
}

/** Make the selected parameters trainable again. Returns the names unfrozen. */
export function unfreeze(model: Model, selector: ParamSelector): string[] {
  const names = selectParams(model, selector);
  model.params.setTrainable(names, true);
  return names;
}

/** Freeze everything except the selected parameters (which become trainable). Returns the names frozen. */
export function freezeAllExcept(model: Model, selector: ParamSelector): string[] {
  const keep = new Set(selectParams(model, selector));
  const frozen = model.params.names.filter((n) => !keep.has(n));
  model.params.setTrainable(frozen, false);
  model.params.setTrainable(keep, true);
  return frozen;
}

/** Copies of the frozen values, by name: compare after training to prove they did not move. */
export function frozenValues(model: Model): Map<string, Float32Array> {
  return new Map(model.params.frozenNames().map((n) => [n, Float32Array.from(model.params.get(n).data)]));
}

/** Number of trainable and frozen parameter values. */
export function countParams(model: Model): Readonly<{
  /** Number of trainable parameter values. */
  trainable: number;
  /** Number of frozen parameter values. */
  frozen: number;
  /** trainable + frozen: the length of `params.vector`. */
  total: number;
}> {
  const mask = model.params.trainableMask();
  let trainable = 0;
  for (let i = 0; i < mask.length; i++) trainable += mask[i] as number;
  return { trainable, frozen: mask.length - trainable, total: mask.length };
}
