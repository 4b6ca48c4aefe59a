import { type ModelKind, Params, type Model, type ModelSpec } from '@evoprop/core';
import { Tensor } from '@evoprop/tensor';

/**
 * The trivial model an objective task is trained as: its parameter vector IS the solution.
 * `forward` ignores the input values and returns the vector once per row.
 */
export class VectorModel implements Model {
  /** `{ kind: 'vector', dimension }`, rebuildable through {@link vectorModelKind}. */
  readonly spec: ModelSpec;
  /** One parameter entry, `x`, of `dimension` values: the solution. */
  readonly params: Params;

  /** A model of `dimension` parameters, set to `values` when given (zeros otherwise). */
  constructor(dimension: number, values?: ArrayLike<number>) {
    this.spec = { kind: 'vector', dimension };
    this.params = new Params([{ name: 'x', shape: [dimension] }]);
    if (values !== undefined) this.params.setVector(values);
  }

  /** The parameter vector repeated once per row of `x`: shape [rows, dimension]. */
  forward(x: Tensor): Tensor {
    const rows = x.shape[0] ?? 1;
    const out = new Float32Array(rows * this.params.size);
    for (let r = 0; r < rows; r++) out.set(this.params.vector, r * this.params.size);
    return new Tensor(out, [rows, this.params.size]);
  }

  /** An independent copy with the same values. */
  clone(): VectorModel {
    return new VectorModel(this.params.size, this.params.vector);
  }
}

/** `buildModel` / `loadModel` support for `{ kind: 'vector', dimension }` specs: pass `{ kinds: vectorModelKinds }`. */
export const vectorModelKind: ModelKind = {
  kind: 'vector',
  build: (spec) => new VectorModel(Number((spec as { dimension?: unknown }).dimension)),
};
/** The model kinds this package adds, keyed by kind, for `buildModel(spec, rng, { kinds: vectorModelKinds })`. */
export const vectorModelKinds = {
  /** `{ kind: 'vector', dimension }`: see {@link VectorModel}. */
  vector: vectorModelKind,
} as const;
