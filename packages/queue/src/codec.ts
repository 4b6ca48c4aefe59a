/**
 * How payloads and results travel through Redis: JSON text in which typed arrays (a model file's
 * bytes, a Float32Array of weights) and the numbers JSON cannot hold (NaN, ±Infinity, -0) are
 * tagged objects, so a value decodes to the same value it was on the sending machine — structured
 * clone's rules for the data the executors carry, in a format any machine reads.
 */

import { Buffer } from 'node:buffer';

const tag = '$evoprop';

const typedArrays = {
  Float32Array,
  Float64Array,
  Int8Array,
  Int16Array,
  Int32Array,
  Uint8Array,
  Uint8ClampedArray,
  Uint16Array,
  Uint32Array,
} as const;
type TypedArrayName = keyof typeof typedArrays;

const isTypedArrayName = (name: unknown): name is TypedArrayName => typeof name === 'string' && Object.hasOwn(typedArrays, name);

/** A value the codec cannot carry (a function, a class instance other than the typed arrays, a Map, a bigint...). */
export class CodecError extends Error {
  /** The class name, for `error.name` checks across package copies. */
  override name = 'CodecError';
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function encodeValue(key: string, value: unknown): unknown {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { [tag]: 'number', value: 'NaN' };
    if (value === Number.POSITIVE_INFINITY) return { [tag]: 'number', value: 'Infinity' };
    if (value === Number.NEGATIVE_INFINITY) return { [tag]: 'number', value: '-Infinity' };
    if (Object.is(value, -0)) return { [tag]: 'number', value: '-0' };
    return value;
  }
  if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol') {
    throw new CodecError(`queue codec: expected JSON data, typed arrays or non-finite numbers, got a ${typeof value} at '${key}'`);
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const name = value.constructor.name;
    if (!isTypedArrayName(name)) throw new CodecError(`queue codec: expected a supported typed array at '${key}', got ${name}`);
    return { [tag]: name, base64: toBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'an object without prototype';
      throw new CodecError(`queue codec: expected plain objects at '${key}', got ${name}`);
    }
  }
  return value;
}

/** `value` as JSON text with typed arrays and non-finite numbers tagged; throws {@link CodecError} for what it cannot carry. */
export function encode(value: unknown): string {
  const text = JSON.stringify(value, (key, v: unknown) => encodeValue(key, v));
  // JSON.stringify answers undefined (not text) for a top-level undefined.
  return text ?? 'null';
}

function decodeValue(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || !Object.hasOwn(value, tag)) return value;
  const tagged = value as Record<string, unknown>;
  const kind = tagged[tag];
  if (kind === 'number') return Number(tagged.value);
  if (isTypedArrayName(kind) && typeof tagged.base64 === 'string') {
    const bytes = Buffer.from(tagged.base64, 'base64');
    const Ctor = typedArrays[kind];
    // Copy into a fresh, aligned buffer of its own (the decoded Buffer may share a pool).
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    return new Ctor(copy.buffer, 0, bytes.byteLength / Ctor.BYTES_PER_ELEMENT);
  }
  throw new CodecError(`queue codec: expected a tagged number or typed array, got tag '${String(kind)}'`);
}

/** The value {@link encode} turned into `text`. */
export function decode(text: string): unknown {
  return JSON.parse(text, decodeValue);
}
