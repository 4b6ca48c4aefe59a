import { Tensor } from '@evoprop/tensor';
import { z } from 'zod';
import { Params } from '../params/params.js';
import { parseSpec } from '../validate.js';
import type { ModelKind } from './kinds.js';
import type { Model, ModelSpec } from './model.js';

const VectorSpec = z.strictObject({ kind: z.literal('vector'), dimension: z.number().int().nonnegative() });

/**
 * The trivial model of an objective task: its parameter vector (`x`) is the solution.
 * `forward` ignores the input's values and returns the vector once per row.
 */
export class VectorModel implements Model {
  /** `{ kind: 'vector', dimension }`. */
  readonly spec: ModelSpec;
  /** One entry, `x`, of length `dimension`: the solution. */
  readonly params: Params;

  constructor(dimension: number, values?: ArrayLike<number>) {
    this.spec = { kind: 'vector', dimension };
    this.params = new Params([{ name: 'x', shape: [dimension] }]);
    if (values !== undefined) this.params.setVector(values);
  }

  forward(x: Tensor): Tensor {
    const rows = x.shape[0] ?? 1;
    const out = new Float32Array(rows * this.params.size);
    for (let r = 0; r < rows; r++) out.set(this.params.vector, r * this.params.size);
    return new Tensor(out, [rows, this.params.size]);
  }

  clone(): VectorModel {
    const c = new VectorModel(this.params.size, this.params.vector);
    c.params.setTrainable(this.params.frozenNames(), false);
    return c;
  }
}

/** Rebuilds `{ kind: 'vector', dimension }`; initialised to zeros unless `rng` is given (then N(0, 1)). */
export const vectorKind: ModelKind = {
  kind: 'vector',
  build(raw, options) {
    const spec = parseSpec(VectorSpec, raw, 'vector spec');
    const m = new VectorModel(spec.dimension);
    if (options.rng !== undefined && options.initialize !== false) options.rng.fork('init/x').fillNormal(m.params.vector);
    return m;
  },
};
