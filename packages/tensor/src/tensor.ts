import { ValueError, fmtShape } from './errors.js';
import { type Shape, checkShape, sizeOf } from './shape.js';

/** How a result was made: its parents and the vector-Jacobian product back to each. */
export type GradNode = Readonly<{
  /** Name of the op that made the result (e.g. `'matmul'`), for debugging and graph dumps. */
  op: string;
  /** The op's tensor inputs, in argument order. */
  parents: readonly Tensor[];
  /** Given d(loss)/d(output), return d(loss)/d(parent) for each parent (null where not needed). */
  backward: (gradOutput: Float32Array) => readonly (Float32Array | null)[];
}>;

/** A number or arbitrarily nested arrays of numbers: what `Tensor.toArray` returns and `fromArray` accepts. */
export type NestedArray = number | NestedArray[];

/**
 * A row-major float32 tensor. `data` may be a view into a larger buffer (model
 * parameters are views into one contiguous vector); ops never write into their inputs.
 *
 * @example
 * const x = fromArray([[1, 2], [3, 4]]);
 * x.shape; // [2, 2]
 */
export class Tensor {
  /** The elements in row-major order (length `size`); possibly a view into a larger buffer. */
  readonly data: Float32Array;
  /** Dimensions, outermost first; `[]` for a scalar. Frozen. */
  readonly shape: Shape;
  /** Number of elements: the product of `shape` (1 for a scalar). */
  readonly size: number;
  /** Whether gradients flow to this tensor. Leaves with `requiresGrad` collect `.grad` on backward. */
  requiresGrad: boolean;
  /** Accumulated gradient of a leaf after `backward`; may be pre-bound to a view of a gradient buffer. */
  grad: Tensor | null = null;
  /** Set on results recorded by autograd; null on leaves and under `noGrad`. */
  readonly gradNode: GradNode | null;

  constructor(data: Float32Array, shape: Shape, options: { requiresGrad?: boolean; gradNode?: GradNode | null } = {}) {
    checkShape('Tensor', shape);
    if (data.length !== sizeOf(shape)) {
      throw new ValueError('Tensor', `data of length ${sizeOf(shape)} for shape ${fmtShape(shape)}`, `length ${data.length}`);
    }
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.size = data.length;
    this.gradNode = options.gradNode ?? null;
    this.requiresGrad = options.requiresGrad ?? this.gradNode !== null;
  }

  /** Number of dimensions (0 for a scalar). */
  get rank(): number {
    return this.shape.length;
  }

  /** The value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) throw new ValueError('item', 'a tensor with exactly one element', `shape ${fmtShape(this.shape)}`);
    return this.data[0] as number;
  }

  /** Nested JavaScript arrays (a number for a scalar). */
  toArray(): NestedArray {
    const build = (dim: number, offset: number): NestedArray => {
      if (dim === this.shape.length) return this.data[offset] as number;
      const n = this.shape[dim] as number;
      const inner = sizeOf(this.shape.slice(dim + 1));
      return Array.from({ length: n }, (_, i) => build(dim + 1, offset + i * inner));
    };
    return build(0, 0);
  }

  /** A tensor sharing this one's data but cut from the graph. */
  detach(): Tensor {
    return new Tensor(this.data, this.shape);
  }

  /** Mark this leaf as needing gradients (chainable). */
  requireGrad(flag = true): this {
    this.requiresGrad = flag;
    return this;
  }

  /** `Tensor([2, 2], [[1,2],[3,4]])`: shape and nested values. */
  toString(): string {
    return `Tensor(${fmtShape(this.shape)}, ${JSON.stringify(this.toArray())})`;
  }
}
