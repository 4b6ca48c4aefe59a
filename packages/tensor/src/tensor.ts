import type { Backend } from './backend/backend.js';
import { type Storage, isHost } from './backend/storage.js';
import { TensorError, ValueError, fmtShape } from './errors.js';
import { currentBackend } from './kernels/registry.js';
import { type Shape, checkShape, sizeOf } from './shape.js';

/** How a result was made: its parents and the vector-Jacobian product back to each. */
export type GradNode = Readonly<{
  /** Name of the op that made the result (e.g. `'matmul'`), for debugging and graph dumps. */
  op: string;
  /** The op's tensor inputs, in argument order. */
  parents: readonly Tensor[];
  /**
   * Given d(loss)/d(output), return d(loss)/d(parent) for each parent (null where not needed),
   * as storages of the op's backend.
   */
  backward: (gradOutput: Storage) => readonly (Storage | null)[];
}>;

/** A number or arbitrarily nested arrays of numbers: what `Tensor.toArray` returns and `fromArray` accepts. */
export type NestedArray = number | NestedArray[];

/** Thrown when host code reads a tensor whose storage lives on a device synchronously. */
export class DeviceReadError extends TensorError {
  /** Always `'DeviceReadError'`. */
  override name = 'DeviceReadError';
}

/**
 * A row-major float32 tensor over a backend's {@link Storage}. On a CPU backend the storage is
 * a host `Float32Array`, read synchronously through `data` (possibly a view into a larger
 * buffer: model parameters are views into one contiguous vector); on any backend
 * `await read()` copies the elements back. Ops never write into their inputs.
 *
 * @example
 * const x = fromArray([[1, 2], [3, 4]]);
 * x.shape; // [2, 2]
 */
export class Tensor {
  /** Where the elements live: a host Float32Array (CPU backends) or a device backend's storage. */
  readonly storage: Storage;
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

  constructor(data: Storage, shape: Shape, options: { requiresGrad?: boolean; gradNode?: GradNode | null } = {}) {
    checkShape('Tensor', shape);
    const length = isHost(data) ? data.length : data.size;
    if (length !== sizeOf(shape)) {
      throw new ValueError('Tensor', `data of length ${sizeOf(shape)} for shape ${fmtShape(shape)}`, `length ${length}`);
    }
    this.storage = data;
    this.shape = Object.freeze([...shape]);
    this.size = length;
    this.gradNode = options.gradNode ?? null;
    this.requiresGrad = options.requiresGrad ?? this.gradNode !== null;
  }

  /**
   * The elements in row-major order (length `size`), synchronously: the host storage itself on
   * a CPU backend (writes go through), possibly a view into a larger buffer. Throws a
   * `DeviceReadError` for device storage: use `await read()` there.
   */
  get data(): Float32Array {
    const s = this.storage;
    if (isHost(s)) return s;
    throw new DeviceReadError(
      'Tensor.data',
      'a tensor in host memory (a CPU backend)',
      `one on '${s.backend.name}'; use await tensor.read()`,
    );
  }

  /**
   * The elements synchronously (TensorFlow.js's name): on a CPU backend the host storage itself,
   * as `data`; on a device backend a copy, where it can read back synchronously (WebGPU cannot:
   * use `await read()`), else a `DeviceReadError`.
   */
  dataSync(): Float32Array {
    const s = this.storage;
    if (isHost(s)) return s;
    if (s.backend.readSync !== undefined) return s.backend.readSync(s);
    return this.data;
  }

  /** A copy of the elements on the host, on every backend (waits for a device to finish). */
  read(): Promise<Float32Array> {
    const s = this.storage;
    return isHost(s) ? Promise.resolve(Float32Array.from(s)) : s.backend.read(s);
  }

  /** The backend that owns the storage: a device's own, or for host memory the CPU backend ops use now. */
  get backend(): Backend {
    const s = this.storage;
    return isHost(s) ? currentBackend() : s.backend;
  }

  /** Number of dimensions (0 for a scalar). */
  get rank(): number {
    return this.shape.length;
  }

  /** The value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) throw new ValueError('item', 'a tensor with exactly one element', `shape ${fmtShape(this.shape)}`);
    return this.dataSync()[0] as number;
  }

  /** Nested JavaScript arrays (a number for a scalar). */
  toArray(): NestedArray {
    const data = this.dataSync();
    const build = (dim: number, offset: number): NestedArray => {
      if (dim === this.shape.length) return data[offset] as number;
      const n = this.shape[dim] as number;
      const inner = sizeOf(this.shape.slice(dim + 1));
      return Array.from({ length: n }, (_, i) => build(dim + 1, offset + i * inner));
    };
    return build(0, 0);
  }

  /** A tensor sharing this one's data but cut from the graph. */
  detach(): Tensor {
    return new Tensor(this.storage, this.shape);
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
