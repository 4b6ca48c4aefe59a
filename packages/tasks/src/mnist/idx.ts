/**
 * Reader for the IDX files of MNIST (LeCun et al.; format at yann.lecun.com/exdb/mnist):
 * a big-endian header — magic 0x00000801 (labels) or 0x00000803 (images), then the item
 * count and, for images, rows and columns — followed by one unsigned byte per label or pixel.
 *
 * Images are streamed in chunks straight into the Float32 destination, so reading costs the
 * output arrays plus one chunk buffer, never a second copy of the file.
 */
import { DatasetError } from '../errors.js';
import { type IdxReader, type IdxSource, openIdx } from './idx-source.js';

const LABELS_MAGIC = 0x00000801;
const IMAGES_MAGIC = 0x00000803;
const CHUNK_ROWS = 2048;

/** The dimensions an IDX image file declares. */
export type IdxImagesHeader = Readonly<{
  /** Number of images. */
  count: number;
  /** Pixel rows per image. */
  rows: number;
  /** Pixel columns per image. */
  cols: number;
}>;

function readExactly(file: IdxReader, buffer: Uint8Array, position: number): void {
  const got = file.read(buffer, position);
  if (got !== buffer.length)
    throw new DatasetError(file.name, `${buffer.length} bytes at offset ${position}`, `${got} bytes (truncated file)`);
}

function header(file: IdxReader, magic: number, words: number): number[] {
  const size = file.size;
  if (size < 4 * words) throw new DatasetError(file.name, `an IDX header of ${4 * words} bytes`, `a file of ${size} bytes`);
  const bytes = new Uint8Array(4 * words);
  readExactly(file, bytes, 0);
  const view = new DataView(bytes.buffer);
  const values = Array.from({ length: words }, (_, i) => view.getUint32(4 * i, false));
  if (values[0] !== magic) {
    throw new DatasetError(
      file.name,
      `IDX magic number 0x${magic.toString(16).padStart(8, '0')}`,
      `0x${values[0].toString(16).padStart(8, '0')}`,
    );
  }
  return values.slice(1);
}

/** Every label of an IDX label file, checked to lie in [0, classes). */
export function readIdxLabels(path: IdxSource, classes = 10): Uint8Array {
  const file = openIdx(path);
  try {
    const [count] = header(file, LABELS_MAGIC, 2);
    const size = file.size;
    if (size !== 8 + count) throw new DatasetError(file.name, `8 + ${count} bytes for ${count} labels`, `${size} bytes`);
    const labels = new Uint8Array(count);
    readExactly(file, labels, 8);
    const bad = labels.findIndex((l) => l >= classes);
    if (bad >= 0) throw new DatasetError(file.name, `labels in [0, ${classes})`, `label ${labels[bad]} at index ${bad}`);
    return labels;
  } finally {
    file.close();
  }
}

/** The header of an IDX image file, checked against the file size. */
export function readIdxImagesHeader(path: IdxSource): IdxImagesHeader {
  const file = openIdx(path);
  try {
    return imagesHeader(file);
  } finally {
    file.close();
  }
}

function imagesHeader(file: IdxReader): IdxImagesHeader {
  const [count, rows, cols] = header(file, IMAGES_MAGIC, 4);
  const size = file.size;
  const expected = 16 + count * rows * cols;
  if (size !== expected) throw new DatasetError(file.name, `${expected} bytes for ${count} images of ${rows}×${cols}`, `${size} bytes`);
  return { count, rows, cols };
}

/** How often each byte value 0..255 occurs in the images at `indices` (for exact pixel statistics without a float copy). */
export function idxByteHistogram(path: IdxSource, indices: Int32Array): Float64Array {
  const file = openIdx(path);
  try {
    const h = imagesHeader(file);
    const pixels = h.rows * h.cols;
    const wanted = new Uint8Array(h.count);
    for (const row of indices) {
      if (!(row >= 0 && row < h.count)) throw new DatasetError(file.name, `row indices in [0, ${h.count})`, `index ${row}`);
      wanted[row] = 1;
    }
    const counts = new Float64Array(256);
    const chunk = new Uint8Array(CHUNK_ROWS * pixels);
    for (let first = 0; first < h.count; first += CHUNK_ROWS) {
      const rows = Math.min(CHUNK_ROWS, h.count - first);
      const view = chunk.subarray(0, rows * pixels);
      readExactly(file, view, 16 + first * pixels);
      for (let r = 0; r < rows; r++) {
        if (wanted[first + r] === 0) continue;
        for (let p = r * pixels, end = p + pixels; p < end; p++) counts[view[p]]++;
      }
    }
    return counts;
  } finally {
    file.close();
  }
}

/** Options of {@link readIdxImages}. */
export type ImageReadOptions = Readonly<{
  /** Value of each byte 0..255 (a lookup table is faster than arithmetic per pixel); the byte itself by default. */
  table?: Float32Array;
  /** out pixel j = in pixel pixelOrder[j] (a permutation, for permuted MNIST). */
  pixelOrder?: Int32Array;
}>;

/**
 * Read the images at each list of row indices into its own Float32Array (row-major, rows × pixels),
 * in one pass over the file. Each list must hold distinct indices; the output keeps the list's order.
 */
export function readIdxImages(
  path: IdxSource,
  selections: readonly Int32Array[],
  options: ImageReadOptions = {},
): Readonly<{
  /** The file's declared dimensions. */
  header: IdxImagesHeader;
  /** One array per selection, rows × pixels. */
  images: Float32Array[];
}> {
  const file = openIdx(path);
  try {
    const h = imagesHeader(file);
    const pixels = h.rows * h.cols;
    const table = options.table ?? Float32Array.from({ length: 256 }, (_, b) => b);
    if (table.length !== 256) throw new DatasetError(file.name, 'a byte table of 256 values', `length ${table.length}`);
    const order = options.pixelOrder;
    if (order !== undefined && order.length !== pixels)
      throw new DatasetError(file.name, `a pixel order of length ${pixels}`, `length ${order.length}`);
    // Where each file row goes: which output and which row of it (-1: not wanted).
    const target = new Int32Array(h.count).fill(-1);
    const position = new Int32Array(h.count);
    const images = selections.map((indices, s) => {
      for (let i = 0; i < indices.length; i++) {
        const row = indices[i];
        if (!(row >= 0 && row < h.count) || target[row] !== -1) {
          throw new DatasetError(file.name, `distinct row indices in [0, ${h.count})`, `index ${row} in selection ${s}`);
        }
        target[row] = s;
        position[row] = i;
      }
      return new Float32Array(indices.length * pixels);
    });
    const chunk = new Uint8Array(CHUNK_ROWS * pixels);
    for (let first = 0; first < h.count; first += CHUNK_ROWS) {
      const rows = Math.min(CHUNK_ROWS, h.count - first);
      let wanted = false;
      for (let r = first; r < first + rows && !wanted; r++) wanted = target[r] !== -1;
      if (!wanted) continue;
      const view = chunk.subarray(0, rows * pixels);
      readExactly(file, view, 16 + first * pixels);
      for (let r = 0; r < rows; r++) {
        const s = target[first + r];
        if (s === -1) continue;
        const out = images[s];
        const o = position[first + r] * pixels;
        const i = r * pixels;
        if (order === undefined) for (let p = 0; p < pixels; p++) out[o + p] = table[view[i + p]];
        else for (let p = 0; p < pixels; p++) out[o + p] = table[view[i + order[p]]];
      }
    }
    return { header: h, images };
  } finally {
    file.close();
  }
}
