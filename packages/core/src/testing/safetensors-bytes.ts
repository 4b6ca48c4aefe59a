/**
 * The two halves of a safetensors file as a fuzz test takes them apart and puts them back: an
 * 8-byte little-endian header length, the header JSON, then the tensor bytes. For tests that
 * damage model files on purpose (the model-file and `arena show` fuzz tests).
 */

/** What {@link splitSafetensors} returns. */
export type SafetensorsParts = {
  /** The header, parsed from its JSON. */
  header: unknown;
  /** The bytes after the header (a view into the file). */
  data: Uint8Array;
};

/** The parsed header JSON and the data bytes (a view) of the safetensors file `bytes`. */
export function splitSafetensors(bytes: Uint8Array): SafetensorsParts {
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  return { header: JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))), data: bytes.subarray(8 + n) };
}

/** A safetensors file of `header` (written as JSON, as given: nothing is checked) and `data`. */
export function assembleSafetensors(header: unknown, data: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}
