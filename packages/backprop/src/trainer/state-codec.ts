/**
 * Checkpoint state must be JSON-able, but optimizer states hold Float32Arrays. Encode each
 * as `{ $f32: base64 }` (exact bytes, a third of the size of a number list) and back.
 */
type Encoded = { $f32: string };

const isEncoded = (v: unknown): v is Encoded =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  typeof (v as { $f32?: unknown }).$f32 === 'string' &&
  Object.keys(v).length === 1;

/** A JSON-able copy of `value`: Float32Arrays become `{ $f32: base64 }`. */
export function encodeState(value: unknown): unknown {
  if (value instanceof Float32Array) return { $f32: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return value.map(encodeState);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeState(v);
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return { $num: String(value) };
  return value;
}

/** Inverse of {@link encodeState}. */
export function decodeState(value: unknown): unknown {
  if (isEncoded(value)) {
    const bytes = Buffer.from(value.$f32, 'base64');
    const out = new Float32Array(bytes.length / 4);
    new Uint8Array(out.buffer).set(bytes);
    return out;
  }
  if (Array.isArray(value)) return value.map(decodeState);
  if (typeof value === 'object' && value !== null) {
    const num = (value as { $num?: unknown }).$num;
    if (typeof num === 'string' && Object.keys(value).length === 1) return Number(num);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = decodeState(v);
    return out;
  }
  return value;
}
