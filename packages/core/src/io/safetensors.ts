import { ModelFileError } from '../errors.js';
import { fmtShape } from '../format.js';

/** One float32 tensor of a safetensors file. */
/** One F32 tensor of a safetensors file. */
export type SafetensorsEntry = Readonly<{
  /** The tensor's shape. */
  shape: readonly number[];
  /** Its values, row-major. */
  data: Float32Array;
}>;

/** Everything a safetensors file holds. */
export type SafetensorsContents = Readonly<{
  /** The header's `__metadata__` (string keys and values). */
  metadata: Readonly<Record<string, string>>;
  /** The tensors by name, in file order. */
  tensors: ReadonlyMap<string, SafetensorsEntry>;
}>;

/** Limits of {@link readSafetensors} against hostile files. */
export type ReadSafetensorsOptions = Readonly<{
  /** Largest header accepted, in bytes (default 100 MB), so a hostile length cannot make us allocate gigabytes. */
  maxHeaderBytes?: number;
}>;

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Write tensors in the safetensors format (https://github.com/huggingface/safetensors):
 * 8-byte little-endian header length, a JSON header mapping each name to
 * { dtype: 'F32', shape, data_offsets: [begin, end] } plus a string-to-string
 * `__metadata__`, then the raw little-endian data in header order. The header is
 * padded with spaces to a multiple of 8 bytes, as the reference writer does.
 */
export function writeSafetensors(
  tensors: Iterable<readonly [string, SafetensorsEntry]>,
  metadata: Readonly<Record<string, string>> = {},
): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  const list = [...tensors];
  let offset = 0;
  for (const [name, t] of list) {
    if (name === '__metadata__' || Object.hasOwn(header, name))
      throw new ModelFileError('writeSafetensors', 'unique tensor names', `'${name}' twice`);
    const bytes = t.data.length * 4;
    header[name] = { dtype: 'F32', shape: [...t.shape], data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const p = new Uint8Array(padded).fill(0x20);
    p.set(json);
    json = p;
  }
  const out = new Uint8Array(8 + json.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let at = 8 + json.length;
  for (const [, t] of list) {
    if (littleEndian) out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), at);
    else {
      const view = new DataView(out.buffer, at, t.data.byteLength);
      for (let i = 0; i < t.data.length; i++) view.setFloat32(i * 4, t.data[i] as number, true);
    }
    at += t.data.byteLength;
  }
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Read a safetensors file of float32 tensors. Only parses JSON; never evaluates
 * anything. Every defect is a ModelFileError naming what was expected and found:
 * too short, header length beyond the cap or beyond the file, header not JSON,
 * a dtype other than F32, a shape that does not match the byte count, offsets
 * outside the data section.
 */
export function readSafetensors(bytes: Uint8Array, options: ReadSafetensorsOptions = {}): SafetensorsContents {
  const maxHeaderBytes = options.maxHeaderBytes ?? 100 * 1024 * 1024;
  if (bytes.length < 8)
    throw new ModelFileError('safetensors', 'at least 8 bytes (the header length)', `${bytes.length} bytes (truncated file)`);
  const declared = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true);
  if (declared > BigInt(maxHeaderBytes)) {
    throw new ModelFileError(
      'safetensors header',
      `at most ${maxHeaderBytes} bytes`,
      `a declared length of ${declared} bytes (oversized header)`,
    );
  }
  const headerLength = Number(declared);
  if (8 + headerLength > bytes.length) {
    throw new ModelFileError(
      'safetensors header',
      `${headerLength} header bytes after the length prefix`,
      `only ${bytes.length - 8} bytes in the file (truncated file)`,
    );
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)));
  } catch (e) {
    throw new ModelFileError('safetensors header', 'UTF-8 JSON', `unparseable text (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isRecord(header)) throw new ModelFileError('safetensors header', 'a JSON object', typeof header);
  const data = bytes.subarray(8 + headerLength);
  const metadata: Record<string, string> = {};
  const rawMeta = header.__metadata__;
  if (rawMeta !== undefined) {
    if (!isRecord(rawMeta)) throw new ModelFileError('safetensors __metadata__', 'an object of strings', JSON.stringify(rawMeta));
    for (const [k, v] of Object.entries(rawMeta)) {
      if (typeof v !== 'string') throw new ModelFileError(`safetensors __metadata__.${k}`, 'a string', typeof v);
      metadata[k] = v;
    }
  }
  const tensors = new Map<string, SafetensorsEntry>();
  for (const [name, info] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const where = `safetensors tensor '${name}'`;
    if (!isRecord(info)) throw new ModelFileError(where, '{ dtype, shape, data_offsets }', JSON.stringify(info));
    if (info.dtype !== 'F32') throw new ModelFileError(`${where} dtype`, "'F32'", JSON.stringify(info.dtype));
    const { shape, data_offsets: offsets } = info;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      throw new ModelFileError(`${where} shape`, 'an array of non-negative integers', JSON.stringify(shape));
    }
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
      throw new ModelFileError(`${where} data_offsets`, '[begin, end] non-negative integers', JSON.stringify(offsets));
    }
    const [begin, end] = offsets as [number, number];
    if (begin > end || end > data.length) {
      throw new ModelFileError(
        `${where} data_offsets`,
        `0 ≤ begin ≤ end ≤ ${data.length} (the data section)`,
        `[${begin}, ${end}] (offsets out of range)`,
      );
    }
    const count = (shape as number[]).reduce((a, b) => a * b, 1);
    if (end - begin !== count * 4) {
      throw new ModelFileError(
        `${where}`,
        `${count * 4} bytes for F32 shape ${fmtShape(shape as number[])}`,
        `${end - begin} bytes between its offsets`,
      );
    }
    const values = new Float32Array(count);
    if (littleEndian) new Uint8Array(values.buffer).set(data.subarray(begin, end));
    else {
      const view = new DataView(data.buffer, data.byteOffset + begin, end - begin);
      for (let i = 0; i < count; i++) values[i] = view.getFloat32(i * 4, true);
    }
    tensors.set(name, { shape: shape as number[], data: values });
  }
  return { metadata, tensors };
}
