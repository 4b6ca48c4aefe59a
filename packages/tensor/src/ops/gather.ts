import { record } from '../autograd.js';
import { backendFor, hostValues } from '../backend/dispatch.js';
import { ShapeError, ValueError } from '../errors.js';
import { normalizeAxes, sizeOf } from '../shape.js';
import { currentBackend } from '../kernels/registry.js';
import { Tensor } from '../tensor.js';

/** Integer indices: a tensor of whole numbers, a plain array, or an Int32Array. */
export type Indices = Tensor | readonly number[] | Int32Array;

function indexList(op: string, indices: Indices, bound: number): { values: Int32Array; shape: number[] } {
  const raw = indices instanceof Tensor ? hostValues(op, indices.storage) : indices;
  const shape = indices instanceof Tensor ? [...indices.shape] : [raw.length];
  const values = new Int32Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    if (!Number.isInteger(v) || v < 0 || v >= bound) {
      throw new ValueError(op, `integer indices in [0, ${bound - 1}]`, `${v} at position ${i}`);
    }
    values[i] = v;
  }
  return { values, shape };
}

/**
 * Take slices along `axis` at `indices` (NumPy's `take`): the output shape is
 * x.shape[:axis] + indices.shape + x.shape[axis+1:]. Gradients scatter-add back, so a
 * repeated index accumulates (an embedding lookup is `gather(table, ids, 0)`).
 * @example gather(embeddings, [3, 1, 3], 0) // rows 3, 1, 3
 */
export function gather(x: Tensor, indices: Indices, axis = 0): Tensor {
  if (x.rank === 0) throw new ShapeError('gather', 'a tensor of rank ≥ 1', 'a scalar');
  const [a] = normalizeAxes('gather', axis, x.rank) as [number];
  const { values, shape: idxShape } = indexList('gather', indices, x.shape[a]);
  const outer = sizeOf(x.shape.slice(0, a));
  const dim = x.shape[a];
  const inner = sizeOf(x.shape.slice(a + 1));
  const k = values.length;
  const shape = [...x.shape.slice(0, a), ...idxShape, ...x.shape.slice(a + 1)];
  const be = backendFor(x);
  const out = be.alloc(outer * k * inner);
  be.gatherRows(x.storage, outer, dim, inner, values, out);
  return record('gather', out, shape, [x], (g) => {
    const gx = be.alloc(x.size);
    be.gatherRowsBackward(g, outer, dim, inner, values, gx);
    return [gx];
  });
}

/**
 * One-hot encoding: indices of shape S give a [...S, depth] tensor of 0/1 (no gradient).
 * @example oneHot([2, 0], 3) // [[0, 0, 1], [1, 0, 0]]
 */
export function oneHot(indices: Indices, depth: number): Tensor {
  if (!Number.isInteger(depth) || depth <= 0) throw new ValueError('oneHot', 'a positive integer depth', String(depth));
  const { values, shape } = indexList('oneHot', indices, depth);
  // Built on the host from host indices, then handed to the backend.
  const out = new Float32Array(values.length * depth);
  for (let i = 0; i < values.length; i++) out[i * depth + values[i]] = 1;
  const be = indices instanceof Tensor ? backendFor(indices) : currentBackend();
  return new Tensor(be.upload(out), [...shape, depth]);
}
