import { ShapeError, type Shape, Tensor, ValueError, sizeOf } from '@evoprop/tensor';

/** One named parameter tensor: a range of the model's flat vector. */
export type ParamEntry = Readonly<{
  /** Full name, e.g. `'dense1.weight'`. */
  name: string;
  /** The tensor's shape. */
  shape: Shape;
  /** Index of its first value in the flat vector. */
  offset: number;
  /** Number of values (the product of `shape`). */
  size: number;
}>;

/** Thrown for unknown parameter names and layout mismatches. */
export class ParamsError extends Error {
  /** The class name. */
  override name = 'ParamsError';
}

/** Values that `Params` may still allocate inside {@link withParamsLimit} (infinite outside it). */
let allocatable = Number.POSITIVE_INFINITY;

/**
 * Run `build` with every `Params` created inside it counted against `maxValues` values in
 * all; one that would exceed the rest throws a ParamsError before allocating. The model-file
 * loader builds a file's spec this way, so a spec cannot make it allocate more weights than
 * the file holds. Synchronous only; the previous limit is restored afterwards.
 */
export function withParamsLimit<T>(maxValues: number, build: () => T): T {
  const previous = allocatable;
  allocatable = Math.min(previous, maxValues);
  try {
    return build();
  } finally {
    allocatable = previous;
  }
}

/**
 * All of a model's parameters in one contiguous Float32Array (`vector`) and all their
 * gradients in a second (`grads`). Each named tensor is a view into both, so evolution
 * reads and writes the whole genome with zero copies and an optimizer updates one flat
 * vector. Freezing is a per-entry flag, exposed as a 0/1 mask over the vector.
 *
 * @example
 * const p = new Params([{ name: 'dense1.weight', shape: [2, 3] }, { name: 'dense1.bias', shape: [3] }]);
 * p.vector.length; // 9
 * p.get('dense1.bias').data === p.vector.subarray(6, 9); // same memory
 */
export class Params {
  /** Every value, entries laid out back to back in declaration order. */
  readonly vector: Float32Array;
  /** The gradients, laid out like `vector`; `backward` accumulates into it. */
  readonly grads: Float32Array;
  /** The named entries in declaration order. */
  readonly entries: readonly ParamEntry[];
  private readonly tensors = new Map<string, Tensor>();
  private readonly frozen = new Set<string>();

  /**
   * @param layout Names and shapes, in the order they are laid out in the vector.
   * @param vector Existing storage to view (its length must equal the total size); a new zeroed one when absent.
   */
  constructor(layout: readonly Readonly<{ name: string; shape: Shape }>[], vector?: Float32Array) {
    let offset = 0;
    const entries: ParamEntry[] = [];
    for (const { name, shape } of layout) {
      if (this.tensors.has(name) || entries.some((e) => e.name === name)) {
        throw new ParamsError(`Params: duplicate parameter name '${name}'`);
      }
      const size = sizeOf(shape);
      entries.push({ name, shape: [...shape], offset, size });
      offset += size;
    }
    if (vector !== undefined && vector.length !== offset) {
      throw new ShapeError('Params', `a vector of ${offset} values`, `${vector.length}`);
    }
    if (offset > allocatable)
      throw new ParamsError(`Params: expected at most ${allocatable} values in all (the limit), got ${offset} more`);
    allocatable -= offset;
    this.vector = vector ?? new Float32Array(offset);
    this.grads = new Float32Array(offset);
    this.entries = entries;
    for (const e of entries) {
      const t = new Tensor(this.vector.subarray(e.offset, e.offset + e.size), e.shape, { requiresGrad: true });
      t.grad = new Tensor(this.grads.subarray(e.offset, e.offset + e.size), e.shape);
      this.tensors.set(e.name, t);
    }
  }

  /** Total number of values. */
  get size(): number {
    return this.vector.length;
  }

  /** The entry names in declaration order. */
  get names(): string[] {
    return this.entries.map((e) => e.name);
  }

  /** The named tensor (a view into `vector`, gradient a view into `grads`). */
  get(name: string): Tensor {
    const t = this.tensors.get(name);
    if (t === undefined) {
      throw new ParamsError(`Params.get: unknown parameter '${name}'; known: ${this.names.join(', ') || '(none)'}`);
    }
    return t;
  }

  /** The named entry's layout; throws `ParamsError` for an unknown name. */
  entry(name: string): ParamEntry {
    const e = this.entries.find((x) => x.name === name);
    if (e === undefined) throw new ParamsError(`Params.entry: unknown parameter '${name}'; known: ${this.names.join(', ')}`);
    return e;
  }

  /** False when the named entry is frozen. */
  isTrainable(name: string): boolean {
    this.entry(name);
    return !this.frozen.has(name);
  }

  /** Freeze or unfreeze the named entries. Frozen tensors stop requiring grad. */
  setTrainable(names: Iterable<string>, trainable: boolean): void {
    for (const name of names) {
      const t = this.get(name);
      if (trainable) this.frozen.delete(name);
      else this.frozen.add(name);
      t.requiresGrad = trainable;
    }
  }

  /** 1 where a value may be trained, 0 where it is frozen. */
  trainableMask(): Uint8Array {
    const mask = new Uint8Array(this.size);
    for (const e of this.entries) if (!this.frozen.has(e.name)) mask.fill(1, e.offset, e.offset + e.size);
    return mask;
  }

  /** Indices of trainable values, for strategies that search only the unfrozen part. */
  trainableIndices(): Int32Array {
    const mask = this.trainableMask();
    const out: number[] = [];
    for (let i = 0; i < mask.length; i++) if (mask[i] === 1) out.push(i);
    return Int32Array.from(out);
  }

  /** Set every gradient to 0 (before a new backward pass; `backward` adds). */
  zeroGrad(): void {
    this.grads.fill(0);
  }

  /** Copy values from another vector of the same length. */
  setVector(values: ArrayLike<number>): void {
    if (values.length !== this.size) throw new ValueError('Params.setVector', `${this.size} values`, `${values.length}`);
    this.vector.set(values);
  }

  /** The frozen entry names (for specs and checkpoints). */
  frozenNames(): string[] {
    return this.entries.filter((e) => this.frozen.has(e.name)).map((e) => e.name);
  }
}
