import { ModelFileError } from '../errors.js';
import { fmtShape } from '../format.js';
import { sha256Hex } from './sha256.js';

/** `__metadata__` key of the SHA-256 (hex) of the whole data section, written by {@link writeSafetensors}. */
export const DATA_SHA256_KEY = 'evoprop.sha256';
/** `__metadata__` key of a JSON object of each tensor's SHA-256, used to name the tensor a corruption hit. */
export const TENSOR_SHA256_KEY = 'evoprop.sha256.tensors';

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
  /**
   * `'verified'`: the data section matched the SHA-256 stored in `__metadata__`.
   * `'unverified'`: the file stores none (written before checksums, or by another tool), so a
   * flipped bit in its weights could not be noticed.
   */
  integrity: 'verified' | 'unverified';
}>;

/** Limits of {@link readSafetensors} against hostile files. */
export type ReadSafetensorsOptions = Readonly<{
  /** Largest header accepted, in bytes (default 100 MB), so a hostile length cannot make us allocate gigabytes. */
  maxHeaderBytes?: number;
  /** Reject a file that stores no SHA-256 of its data section (default false: such files load as `'unverified'`). */
  requireChecksum?: boolean;
}>;

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Write tensors in the safetensors format (https://github.com/huggingface/safetensors):
 * 8-byte little-endian header length, a JSON header mapping each name to
 * { dtype: 'F32', shape, data_offsets: [begin, end] } plus a string-to-string
 * `__metadata__`, then the raw little-endian data in header order. The header is
 * padded with spaces to a multiple of 8 bytes, as the reference writer does.
 * `__metadata__` also gets the SHA-256 of the data section (`evoprop.sha256`) and of each
 * tensor (`evoprop.sha256.tensors`), which {@link readSafetensors} verifies.
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
  const data = new Uint8Array(offset);
  let at = 0;
  const digests: Record<string, string> = {};
  for (const [name, t] of list) {
    const bytes = data.subarray(at, at + t.data.byteLength);
    if (littleEndian) bytes.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    else {
      const view = new DataView(data.buffer, at, t.data.byteLength);
      for (let i = 0; i < t.data.length; i++) view.setFloat32(i * 4, t.data[i] as number, true);
    }
    digests[name] = sha256Hex(bytes);
    at += t.data.byteLength;
  }
  header.__metadata__ = { ...metadata, [DATA_SHA256_KEY]: sha256Hex(data), [TENSOR_SHA256_KEY]: JSON.stringify(digests) };
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const p = new Uint8Array(padded).fill(0x20);
    p.set(json);
    json = p;
  }
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The first bytes of a file, printable, for saying what a file that is not safetensors starts with. */
function opening(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes.subarray(0, 12)) s += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
  return JSON.stringify(s);
}

/**
 * Check the data section against the SHA-256 in `__metadata__`; on a mismatch, name the first
 * tensor (and its byte range) whose own digest differs, else the bytes outside every tensor.
 */
function verify(
  data: Uint8Array,
  metadata: Readonly<Record<string, string>>,
  ranges: ReadonlyMap<string, readonly [number, number]>,
  requireChecksum: boolean,
): 'verified' | 'unverified' {
  const stored = metadata[DATA_SHA256_KEY];
  if (stored === undefined) {
    if (requireChecksum) {
      throw new ModelFileError(
        'safetensors __metadata__',
        `a '${DATA_SHA256_KEY}' entry (the SHA-256 of the data section)`,
        'none (unverifiable file)',
      );
    }
    return 'unverified';
  }
  if (!/^[0-9a-f]{64}$/.test(stored)) {
    throw new ModelFileError(
      `safetensors __metadata__.${DATA_SHA256_KEY}`,
      '64 lowercase hex digits (a SHA-256)',
      JSON.stringify(stored.slice(0, 80)),
    );
  }
  const actual = sha256Hex(data);
  if (actual === stored) return 'verified';
  let perTensor: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(metadata[TENSOR_SHA256_KEY] ?? '{}');
    if (isRecord(parsed)) perTensor = parsed;
  } catch {
    // without per-tensor digests the whole data section is named below
  }
  let checked = 0;
  for (const [name, [begin, end]] of ranges) {
    const want = perTensor[name];
    if (typeof want !== 'string') continue;
    checked++;
    const got = sha256Hex(data.subarray(begin, end));
    if (got !== want) {
      throw new ModelFileError(
        `safetensors tensor '${name}' (data bytes ${begin}–${end})`,
        `SHA-256 ${want.slice(0, 16)}… as written`,
        `${got.slice(0, 16)}… (corrupted data)`,
      );
    }
  }
  throw new ModelFileError(
    `safetensors data section (bytes 0–${data.length}${checked === 0 ? '' : checked === ranges.size ? ', outside every tensor' : ', in a tensor without its own digest'})`,
    `SHA-256 ${stored.slice(0, 16)}… as written`,
    `${actual.slice(0, 16)}… (corrupted data)`,
  );
}

/**
 * Read a safetensors file of float32 tensors. Only parses JSON; never evaluates
 * anything. Every defect is a ModelFileError naming what was expected and found:
 * not a safetensors file at all, too short, header length beyond the cap or beyond
 * the file, header not JSON, a dtype other than F32, a shape that does not match the
 * byte count, offsets outside the data section or overlapping another tensor's, and
 * data that does not match the SHA-256 stored in `__metadata__` (naming the tensor
 * and its byte range). Files without a stored SHA-256 load with `integrity:
 * 'unverified'`.
 *
 * Allocation is bounded by construction: the header is decoded only once its declared
 * length is known to lie within the file, and tensor data is copied only for ranges
 * inside the data section that do not overlap, so everything allocated for the
 * tensors together is at most the file's size.
 */
export function readSafetensors(bytes: Uint8Array, options: ReadSafetensorsOptions = {}): SafetensorsContents {
  const maxHeaderBytes = options.maxHeaderBytes ?? 100 * 1024 * 1024;
  if (bytes.length < 8) {
    const what = bytes.length === 0 ? '0 bytes (an empty file)' : `${bytes.length} bytes (truncated file)`;
    throw new ModelFileError('safetensors', 'at least 8 bytes (the header length)', what);
  }
  // Every safetensors header is a JSON object, so byte 8 is '{'; anything else is another kind of file.
  if (bytes.length > 8 && bytes[8] !== 0x7b) {
    throw new ModelFileError(
      'safetensors',
      "a safetensors file (an 8-byte header length, then a JSON header starting with '{')",
      `a file starting ${opening(bytes)}: not a safetensors file`,
    );
  }
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
  if (!isRecord(header)) throw new ModelFileError('safetensors header', 'a JSON object', header === null ? 'null' : typeof header);
  const data = bytes.subarray(8 + headerLength);
  const metadata: Record<string, string> = {};
  const rawMeta = header.__metadata__;
  if (rawMeta !== undefined) {
    if (!isRecord(rawMeta))
      throw new ModelFileError('safetensors __metadata__', 'an object of strings', JSON.stringify(rawMeta).slice(0, 80));
    for (const [k, v] of Object.entries(rawMeta)) {
      if (typeof v !== 'string') throw new ModelFileError(`safetensors __metadata__.${k}`, 'a string', typeof v);
      metadata[k] = v;
    }
  }
  // First every tensor's extent, checked against the data section and each other; only then any copying.
  const ranges = new Map<string, readonly [number, number]>();
  const shapes = new Map<string, number[]>();
  for (const [name, info] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const where = `safetensors tensor '${name}'`;
    if (!isRecord(info)) throw new ModelFileError(where, '{ dtype, shape, data_offsets }', String(JSON.stringify(info)).slice(0, 80));
    if (info.dtype !== 'F32') throw new ModelFileError(`${where} dtype`, "'F32'", String(JSON.stringify(info.dtype)).slice(0, 80));
    const { shape, data_offsets: offsets } = info;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      throw new ModelFileError(`${where} shape`, 'an array of non-negative integers', String(JSON.stringify(shape)).slice(0, 80));
    }
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
      throw new ModelFileError(`${where} data_offsets`, '[begin, end] non-negative integers', String(JSON.stringify(offsets)).slice(0, 80));
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
    ranges.set(name, [begin, end]);
    shapes.set(name, shape as number[]);
  }
  const sorted = [...ranges].filter(([, [b, e]]) => e > b).sort((x, y) => x[1][0] - y[1][0]);
  for (let i = 1; i < sorted.length; i++) {
    const [prevName, [prevBegin, prevEnd]] = sorted[i - 1] as [string, readonly [number, number]];
    const [name, [begin, end]] = sorted[i] as [string, readonly [number, number]];
    if (begin < prevEnd) {
      throw new ModelFileError(
        `safetensors tensor '${name}' data_offsets`,
        'a byte range no other tensor uses',
        `[${begin}, ${end}], overlapping '${prevName}' [${prevBegin}, ${prevEnd}]`,
      );
    }
  }
  const integrity = verify(data, metadata, ranges, options.requireChecksum ?? false);
  const tensors = new Map<string, SafetensorsEntry>();
  for (const [name, [begin, end]] of ranges) {
    const count = (end - begin) / 4;
    const values = new Float32Array(count);
    if (littleEndian) new Uint8Array(values.buffer).set(data.subarray(begin, end));
    else {
      const view = new DataView(data.buffer, data.byteOffset + begin, end - begin);
      for (let i = 0; i < count; i++) values[i] = view.getFloat32(i * 4, true);
    }
    tensors.set(name, { shape: shapes.get(name) as number[], data: values });
  }
  return { metadata, tensors, integrity };
}
