/**
 * Strategy states hold typed arrays; checkpoints must be JSON. These encode Float64Array,
 * Float32Array and Int32Array as tagged plain arrays (JSON numbers round-trip doubles
 * exactly) and decode them back, so `decodeState(JSON.parse(JSON.stringify(encodeState(s))))`
 * equals `s` bit for bit.
 */
const tags = { Float64Array, Float32Array, Int32Array, Uint8Array } as const;
type Tag = keyof typeof tags;

/** A JSON-safe copy of `value`: typed arrays become `{ $typed, values }`, non-finite numbers `{ $number }`. */
export function encodeState(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) {
    const tag = value.constructor.name as Tag;
    if (!(tag in tags)) throw new TypeError(`encodeState: expected one of ${Object.keys(tags).join(', ')}, got ${tag}`);
    return { $typed: tag, values: Array.from(value as Float64Array) };
  }
  if (Array.isArray(value)) return value.map(encodeState);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeState(v)]));
  if (typeof value === 'number' && !Number.isFinite(value)) return { $number: String(value) };
  return value;
}

/** The inverse of {@link encodeState}: restores typed arrays and non-finite numbers. */
export function decodeState(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeState);
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.$typed === 'string' && Array.isArray(o.values))
      return (tags[o.$typed as Tag] as Float64ArrayConstructor).from(o.values as number[]);
    if (typeof o.$number === 'string') return Number(o.$number);
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, decodeState(v)]));
  }
  return value;
}
