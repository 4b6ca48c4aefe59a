/** Plain-data state of early stopping; `bestParams` is the weight vector at the best value. */
export type EarlyStoppingState = Readonly<{
  best: number;
  bestEpoch: number;
  badValidations: number;
  bestParams: Float32Array | null;
  bestBuffers: Float32Array | null;
}>;

export type EarlyStoppingOptions = Readonly<{ patience: number; minDelta: number; mode: 'min' | 'max' }>;

export const initEarlyStopping = (mode: 'min' | 'max'): EarlyStoppingState => ({
  best: mode === 'min' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY,
  bestEpoch: 0,
  badValidations: 0,
  bestParams: null,
  bestBuffers: null,
});

/** Whether `value` improves on `best` by more than `minDelta` (Keras' EarlyStopping semantics). */
export const improves = (o: EarlyStoppingOptions, value: number, best: number): boolean =>
  Number.isFinite(value) && (o.mode === 'min' ? value < best - o.minDelta : value > best + o.minDelta);

/** Next state after a validation; `stop` once `patience` validations in a row brought no improvement. */
export function observeEarlyStopping(
  o: EarlyStoppingOptions,
  s: EarlyStoppingState,
  value: number,
  epoch: number,
  snapshot: () => Readonly<{ params: Float32Array; buffers: Float32Array | null }>,
): { state: EarlyStoppingState; stop: boolean } {
  if (improves(o, value, s.best)) {
    const snap = snapshot();
    return { state: { best: value, bestEpoch: epoch, badValidations: 0, bestParams: snap.params, bestBuffers: snap.buffers }, stop: false };
  }
  const badValidations = s.badValidations + 1;
  return { state: { ...s, badValidations }, stop: badValidations >= Math.max(1, o.patience) };
}
