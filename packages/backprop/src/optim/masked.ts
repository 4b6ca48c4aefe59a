import { type GradientTransformation, OptimizerError, type UpdateExtras, checkLength } from './transform.js';

/** Plain-data state of {@link masked}. */
export type MaskedState = Readonly<{
  /** The wrapped transform's state, sized for the unmasked (trainable) values only. */
  inner: unknown;
}>;

/**
 * Run `inner` on the values where `mask` is 1 only; the others get a zero update, so frozen
 * parameters never move. The inner transform sees a compacted vector, so its state holds
 * only trainable values and frozen values do not count in, say, a global-norm clip.
 * (Unlike optax's `masked`, which passes masked-out gradients through unchanged.)
 */
export function masked(inner: GradientTransformation<unknown>, mask: Uint8Array | readonly boolean[]): GradientTransformation<MaskedState> {
  const indices: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) indices.push(i);
  const idx = Int32Array.from(indices);
  const all = idx.length === mask.length;
  const gather = (v: Float32Array): Float32Array => {
    if (all) return v;
    const out = new Float32Array(idx.length);
    for (let k = 0; k < idx.length; k++) out[k] = v[idx[k] as number] as number;
    return out;
  };
  return {
    init(n) {
      if (n !== mask.length) throw new OptimizerError('masked.init', `a vector of the mask's length ${mask.length}`, `length ${n}`);
      return { inner: inner.init(idx.length) };
    },
    update(g, s, p, extras) {
      checkLength('masked.update', 'gradients', mask.length, g.length);
      const [u, innerState] = inner.update(gather(g), s.inner, gather(p), extras);
      if (all) return [u, { inner: innerState }];
      const out = new Float32Array(g.length);
      for (let k = 0; k < idx.length; k++) out[idx[k] as number] = u[k] as number;
      return [out, { inner: innerState }];
    },
    // Without frozen values the inner transform sees the whole vector, so its fast path applies.
    ...(all && inner.updateInPlace !== undefined
      ? {
          updateInPlace(u: Float32Array, s: MaskedState, p: Float32Array, extras?: UpdateExtras): MaskedState {
            checkLength('masked.updateInPlace', 'gradients', mask.length, u.length);
            return { inner: (inner.updateInPlace as NonNullable<typeof inner.updateInPlace>)(u, s.inner, p, extras) };
          },
        }
      : {}),
  };
}
