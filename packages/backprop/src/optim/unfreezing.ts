import { type GradientTransformation, OptimizerError, type UpdateExtras, checkLength, checkOption } from './transform.js';

/** Options of {@link unfreezing}. */
export type UnfreezingOptions = Readonly<{
  /** 1 where a value may train at stage k, 0 where it stays put (stage k starts after k · `every` units). */
  maskAt: (stage: number) => Uint8Array;
  /** Steps or epochs between two stages, a positive integer. */
  every: number;
  /** What `every` counts: the transform's own updates, or the `epoch` of the update's extras. */
  unit: 'steps' | 'epochs';
}>;

/** Plain-data state of {@link unfreezing}. */
export type UnfreezingState = Readonly<{
  /** Updates done so far (the stage clock when `unit` is 'steps'). */
  count: number;
  /** The wrapped transform's state. */
  inner: unknown;
}>;

/**
 * Gradual unfreezing (Howard & Ruder 2018, §3.3) as a transform: at each update the values closed
 * at the current stage get a zero gradient before `inner` runs (so its moments see no signal) and a
 * zero update after it (so decoupled decay cannot move them either). With `unit: 'epochs'` the
 * stage comes from `extras.epoch`, which the caller must pass.
 */
export function unfreezing(inner: GradientTransformation<unknown>, o: UnfreezingOptions): GradientTransformation<UnfreezingState> {
  checkOption('unfreezing', 'every', o.every, (v) => Number.isInteger(v) && v > 0, 'a positive integer');
  const stageOf = (count: number, extras: UpdateExtras | undefined): number => {
    if (o.unit === 'steps') return Math.floor(count / o.every);
    const epoch = extras?.epoch;
    if (epoch === undefined) throw new OptimizerError('unfreezing.update', "extras.epoch (unit 'epochs')", 'no epoch');
    return Math.floor(epoch / o.every);
  };
  return {
    init: (n) => ({ count: 0, inner: inner.init(n) }),
    update(g, s, p, extras) {
      const open = o.maskAt(stageOf(s.count, extras));
      checkLength('unfreezing.update', 'a mask', g.length, open.length);
      const closedGrads = Float32Array.from(g);
      for (let i = 0; i < closedGrads.length; i++) if (open[i] === 0) closedGrads[i] = 0;
      const [u, next] = inner.update(closedGrads, s.inner, p, extras);
      const out = Float32Array.from(u);
      // NOTE: times 0, not = 0, as the hand-written loop did (a NaN update stays NaN).
      for (let i = 0; i < out.length; i++) if (open[i] === 0) out[i] = (out[i] as number) * 0;
      return [out, { count: s.count + 1, inner: next }];
    },
  };
}
