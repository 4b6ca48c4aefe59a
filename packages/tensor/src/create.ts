import { ValueError, fmtShape } from './errors.js';
import { currentBackend } from './kernels/registry.js';
import type { Rng } from './rng/rng.js';
import { type Shape, checkShape, sizeOf } from './shape.js';
import { type NestedArray, Tensor } from './tensor.js';

/** A tensor over `data` built on the host, handed to the current backend (kept as is by CPU backends). */
const make = (data: Float32Array, shape: Shape): Tensor => new Tensor(currentBackend().upload(data), shape);

/** A tensor, or a plain number standing for a scalar tensor. */
export type TensorLike = Tensor | number;

/** `x` itself if it is a tensor, else a new scalar tensor holding `x`. */
export const asTensor = (x: TensorLike): Tensor => (x instanceof Tensor ? x : scalar(x));

/** A rank-0 tensor. */
export const scalar = (value: number): Tensor => make(new Float32Array([value]), []);

/**
 * Build a tensor from (nested) arrays or a typed array plus shape.
 * @example fromArray([[1, 2], [3, 4]]) // shape [2, 2]
 */
export function fromArray(values: NestedArray | ArrayLike<number>, shape?: Shape): Tensor {
  if (shape !== undefined) {
    checkShape('fromArray', shape);
    const flat = Float32Array.from(values as ArrayLike<number>);
    if (flat.length !== sizeOf(shape)) {
      throw new ValueError('fromArray', `${sizeOf(shape)} values for shape ${fmtShape(shape)}`, `${flat.length} values`);
    }
    return make(flat, shape);
  }
  if (typeof values === 'number') return scalar(values);
  const inferred: number[] = [];
  let probe: unknown = values;
  while (Array.isArray(probe) || ArrayBuffer.isView(probe)) {
    const arr = probe as ArrayLike<unknown>;
    inferred.push(arr.length);
    probe = arr[0];
  }
  const flat: number[] = [];
  const walk = (v: unknown, dim: number): void => {
    if (dim === inferred.length) {
      if (typeof v !== 'number') throw new ValueError('fromArray', 'a number at full depth', typeof v);
      flat.push(v);
      return;
    }
    const arr = v as ArrayLike<unknown>;
    if (!(Array.isArray(v) || ArrayBuffer.isView(v)) || arr.length !== inferred[dim]) {
      throw new ValueError('fromArray', `a rectangular array with shape ${fmtShape(inferred)}`, `a ragged array at depth ${dim}`);
    }
    for (let i = 0; i < arr.length; i++) walk(arr[i], dim + 1);
  };
  walk(values, 0);
  return make(Float32Array.from(flat), inferred);
}

/** A new tensor of `shape` with every element `value`. */
export const full = (shape: Shape, value: number): Tensor => {
  checkShape('full', shape);
  return make(new Float32Array(sizeOf(shape)).fill(value), shape);
};
/** A new tensor of `shape` filled with 0. */
export const zeros = (shape: Shape): Tensor => full(shape, 0);
/** A new tensor of `shape` filled with 1. */
export const ones = (shape: Shape): Tensor => full(shape, 1);
/** A new tensor of `like`'s shape filled with `value` (no gradient link). */
export const fullLike = (like: Tensor, value: number): Tensor => full(like.shape, value);
/** A new tensor of `like`'s shape filled with 0 (no gradient link). */
export const zerosLike = (like: Tensor): Tensor => full(like.shape, 0);
/** A new tensor of `like`'s shape filled with 1 (no gradient link). */
export const onesLike = (like: Tensor): Tensor => full(like.shape, 1);

/** `count` evenly spaced values from start to stop, both included. @example linspace(0, 1, 5) // [0, .25, .5, .75, 1] */
export function linspace(start: number, stop: number, count: number): Tensor {
  if (!Number.isInteger(count) || count < 0) throw new ValueError('linspace', 'a non-negative integer count', String(count));
  if (!Number.isFinite(start) || !Number.isFinite(stop)) throw new ValueError('linspace', 'finite endpoints', `${start} and ${stop}`);
  const data = new Float32Array(count);
  const step = count > 1 ? (stop - start) / (count - 1) : 0;
  for (let i = 0; i < count; i++) data[i] = start + i * step;
  if (count > 1) data[count - 1] = stop;
  return make(data, [count]);
}

/** Values start, start+step, ... below stop. */
export function arange(start: number, stop?: number, step = 1): Tensor {
  const [lo, hi] = stop === undefined ? [0, start] : [start, stop];
  if (step === 0 || !Number.isFinite(step)) throw new ValueError('arange', 'a finite, non-zero step', String(step));
  const n = Math.max(0, Math.ceil((hi - lo) / step));
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = lo + i * step;
  return make(data, [n]);
}

/** n×m identity (m = n by default): ones on the main diagonal. */
export function eye(n: number, m = n): Tensor {
  const data = new Float32Array(n * m);
  for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  return make(data, [n, m]);
}

/** Normal samples from a seeded Rng. */
export function randn(shape: Shape, rng: Rng, mean = 0, std = 1): Tensor {
  checkShape('randn', shape);
  return make(rng.fillNormal(new Float32Array(sizeOf(shape)), mean, std), shape);
}

/** Uniform samples in [low, high) from a seeded Rng. */
export function uniform(shape: Shape, rng: Rng, low = 0, high = 1): Tensor {
  checkShape('uniform', shape);
  return make(rng.fillUniform(new Float32Array(sizeOf(shape)), low, high), shape);
}
