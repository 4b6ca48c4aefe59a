import { type GradientTransformation, OptimizerError, type UpdateExtras, checkLength } from './transform.js';

/** Plain-data state of {@link multiTransform}: one inner state per label. */
export type MultiTransformState = Readonly<{
  /** Each label's transform state, sized for that label's values only. */
  inner: Readonly<Record<string, unknown>>;
}>;

/**
 * A different transform for each group of parameters (optax's `multi_transform`): `labels[i]`
 * names the group of value i, and each group's transform sees only its own values, compacted
 * (so its state and any global norm cover that group alone). Per-layer learning rates are
 * `multiTransform({ trunk: scale(0.1), head: identity() }, labels)` after the optimizer; two
 * optimizers are `multiTransform({ trunk: sgd(...), head: adam(...) }, labels)`.
 *
 * @throws {@link OptimizerError} when a label has no transform or `init` gets a vector of another length.
 */
export function multiTransform(
  transforms: Readonly<Record<string, GradientTransformation<unknown>>>,
  labels: readonly string[],
): GradientTransformation<MultiTransformState> {
  const byLabel = new Map<string, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as string;
    if (!Object.hasOwn(transforms, label)) {
      throw new OptimizerError(
        'multiTransform',
        `a transform for every label (${Object.keys(transforms).join(', ')})`,
        `label '${label}' at ${i}`,
      );
    }
    const group = byLabel.get(label);
    if (group === undefined) byLabel.set(label, [i]);
    else group.push(i);
  }
  const groups = [...byLabel].map(([label, indices]) => ({
    label,
    idx: Int32Array.from(indices),
    t: transforms[label] as GradientTransformation<unknown>,
  }));
  const gather = (v: Float32Array, idx: Int32Array): Float32Array => {
    const out = new Float32Array(idx.length);
    for (let k = 0; k < idx.length; k++) out[k] = v[idx[k] as number] as number;
    return out;
  };
  return {
    init(n) {
      if (n !== labels.length)
        throw new OptimizerError('multiTransform.init', `a vector of the labels' length ${labels.length}`, `length ${n}`);
      return { inner: Object.fromEntries(groups.map((g) => [g.label, g.t.init(g.idx.length)])) };
    },
    update(g, s, p, extras?: UpdateExtras) {
      checkLength('multiTransform.update', 'gradients', labels.length, g.length);
      const out = new Float32Array(g.length);
      const inner: Record<string, unknown> = {};
      for (const { label, idx, t } of groups) {
        const [u, next] = t.update(gather(g, idx), s.inner[label], gather(p, idx), extras);
        for (let k = 0; k < idx.length; k++) out[idx[k] as number] = u[k] as number;
        inner[label] = next;
      }
      return [out, { inner }];
    },
  };
}
