import type { Model } from '../model/model.js';
import { ValueError } from '@evoprop/tensor';

/*
 * Checkpoint state must survive JSON, but weights, optimizer moments and strategy states are
 * typed arrays. `encodeState` turns each into `{ $f32: base64 }` (`$f64`, `$i32`, `$u8` for the
 * other kinds; exact bytes) and non-finite numbers into `{ $num: 'NaN' }`; `decodeState` reverses
 * them. It also reads `{ $typed, values }` and `{ $number }`, the format of the codec evolution
 * had of its own before 0.2 (checkpoints written then still resume).
 */

/** The typed arrays a state may hold, by their tag. */
const typed = { $f32: Float32Array, $f64: Float64Array, $i32: Int32Array, $u8: Uint8Array } as const;
type TypedTag = keyof typeof typed;
const tagOf = new Map<unknown, TypedTag>(Object.entries(typed).map(([tag, ctor]) => [ctor, tag as TypedTag]));
/** Tags of evolution's former codec (`{ $typed: 'Float64Array', values }`). */
const legacyTyped: Readonly<Record<string, (typeof typed)[TypedTag]>> = { Float32Array, Float64Array, Int32Array, Uint8Array };

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

const soleKey = (v: object, key: string): boolean => Object.keys(v).length === 1 && key in v;

/** A JSON-able copy of `value`: Float32Arrays → `{ $f32: base64 }` (Float64Array `$f64`, Int32Array `$i32`, Uint8Array `$u8`), NaN/±Infinity → `{ $num }`. */
export function encodeState(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) {
    const tag = tagOf.get(value.constructor);
    if (tag === undefined)
      throw new TypeError(`encodeState: expected one of Float32Array, Float64Array, Int32Array, Uint8Array, got ${value.constructor.name}`);
    return { [tag]: toBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $num: String(value) };
  if (Array.isArray(value)) return value.map(encodeState);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeState(v);
    return out;
  }
  return value;
}

/** Inverse of {@link encodeState}. */
export function decodeState(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeState);
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    const tag = keys.length === 1 ? (keys[0] as TypedTag) : undefined;
    if (tag !== undefined && tag in typed && typeof o[tag] === 'string') {
      const bytes = fromBase64(o[tag] as string);
      const ctor = typed[tag];
      const out = new ctor(bytes.length / ctor.BYTES_PER_ELEMENT);
      new Uint8Array(out.buffer).set(bytes);
      return out;
    }
    if (soleKey(o, '$num') && typeof o.$num === 'string') return Number(o.$num);
    const legacy = typeof o.$typed === 'string' ? legacyTyped[o.$typed] : undefined;
    if (legacy !== undefined && Array.isArray(o.values)) return legacy.from(o.values as number[]);
    if (soleKey(o, '$number') && typeof o.$number === 'string') return Number(o.$number);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = decodeState(v);
    return out;
  }
  return value;
}

/** The weights and buffers of a model as plain data (copies). */
export type ModelSnapshot = Readonly<{
  /** Copy of `model.params.vector`. */
  vector: Float32Array;
  /** Copy of `model.buffers.vector`, when the model has buffers. */
  buffers?: Float32Array;
}>;

/** Copy a model's weights and buffers (for a checkpoint or to keep the best model so far). */
export const snapshotModel = (model: Model): ModelSnapshot => ({
  vector: Float32Array.from(model.params.vector),
  ...(model.buffers === undefined ? {} : { buffers: Float32Array.from(model.buffers.vector) }),
});

/** Write a snapshot back into a model of the same architecture. */
export function restoreModel(model: Model, snapshot: ModelSnapshot): void {
  if (!(snapshot.vector instanceof Float32Array))
    throw new ValueError('restoreModel', 'a snapshot with a Float32Array vector (decodeState first?)', typeof snapshot.vector);
  model.params.setVector(snapshot.vector);
  if (snapshot.buffers !== undefined) model.buffers?.setVector(snapshot.buffers);
}
