import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../errors.js';
import { buildMnist, mnistOptions } from './mnist.js';
import { idxByteHistogram, readIdxImages, readIdxLabels } from './idx.js';

const dir = mkdtempSync(join(tmpdir(), 'evoprop-idx-'));

/** A well-formed IDX file: big-endian magic, dims, then bytes. */
function idx(magic: number, dims: number[], bytes: number[]): Buffer {
  const head = Buffer.alloc(4 * (dims.length + 1));
  head.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 * (i + 1)));
  return Buffer.concat([head, Buffer.from(bytes)]);
}

function fixture(name: string, content: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

// Three 2×2 images with pixel values 0..11 and labels 3, 1, 4.
const images = fixture(
  'images',
  idx(
    0x803,
    [3, 2, 2],
    Array.from({ length: 12 }, (_, i) => i),
  ),
);
const labels = fixture('labels', idx(0x801, [3], [3, 1, 4]));

describe('IDX reader', () => {
  it('reads labels and any selection of images, scaled and in the order asked', () => {
    expect(Array.from(readIdxLabels(labels))).toEqual([3, 1, 4]);
    const { header, images: out } = readIdxImages(images, [Int32Array.of(2, 0), Int32Array.of(1)], {
      table: Float32Array.from({ length: 256 }, (_, b) => b / 2),
    });
    expect(header).toEqual({ count: 3, rows: 2, cols: 2 });
    expect(Array.from(out[0])).toEqual([4, 4.5, 5, 5.5, 0, 0.5, 1, 1.5]);
    expect(Array.from(out[1])).toEqual([2, 2.5, 3, 3.5]);
  });

  it('counts byte values of a selection', () => {
    const counts = idxByteHistogram(images, Int32Array.of(0, 2));
    expect([0, 1, 2, 3, 4, 8, 11].map((b) => counts[b])).toEqual([1, 1, 1, 1, 0, 1, 1]);
  });

  it('applies a pixel permutation', () => {
    const { images: out } = readIdxImages(images, [Int32Array.of(0)], { pixelOrder: Int32Array.of(3, 2, 1, 0) });
    expect(Array.from(out[0])).toEqual([3, 2, 1, 0]);
  });

  it('reads the same from the bytes as from the path (the browser way), and names bad bytes', () => {
    const bytes = (path: string) => new Uint8Array(readFileSync(path));
    expect(Array.from(readIdxLabels(bytes(labels)))).toEqual([3, 1, 4]);
    const fromBytes = readIdxImages(bytes(images), [Int32Array.of(2, 0)]).images[0];
    expect(Array.from(fromBytes)).toEqual(Array.from(readIdxImages(images, [Int32Array.of(2, 0)]).images[0]));
    expect(Array.from(idxByteHistogram(bytes(images), Int32Array.of(1)))).toEqual(Array.from(idxByteHistogram(images, Int32Array.of(1))));
    expect(() => readIdxLabels(bytes(images))).toThrow('IDX bytes (28): expected IDX magic number 0x00000801, got 0x00000803');
    expect(() => readIdxLabels(new Uint8Array([0, 0, 8]))).toThrow(/expected an IDX header of 8 bytes, got a file of 3 bytes/);
  });

  it('a missing file fails naming the path', () => {
    const missing = join(dir, 'nope-idx3-ubyte');
    expect(() => readIdxLabels(missing)).toThrow(DatasetError);
    expect(() => readIdxLabels(missing)).toThrow(`${missing}: expected a readable IDX file`);
  });

  it('a wrong magic number, a truncated body, a short header and an out-of-range label all fail clearly', () => {
    expect(() => readIdxLabels(images)).toThrow(/expected IDX magic number 0x00000801, got 0x00000803/);
    const truncated = fixture('truncated', idx(0x803, [3, 2, 2], [1, 2, 3, 4, 5]));
    expect(() => readIdxImages(truncated, [Int32Array.of(0)])).toThrow(/expected 28 bytes for 3 images of 2×2, got 21 bytes/);
    const short = fixture('short', Buffer.from([0, 0, 8]));
    expect(() => readIdxLabels(short)).toThrow(/expected an IDX header of 8 bytes, got a file of 3 bytes/);
    const badLabel = fixture('bad-label', idx(0x801, [2], [1, 12]));
    expect(() => readIdxLabels(badLabel)).toThrow(/expected labels in \[0, 10\), got label 12 at index 1/);
    expect(() => readIdxImages(images, [Int32Array.of(0, 0)])).toThrow(/distinct row indices/);
  });

  it('the MNIST builder surfaces a corrupt file as a DatasetError', () => {
    const files = {
      trainImages: images,
      trainLabels: labels,
      testImages: images,
      testLabels: fixture('corrupt', Buffer.from('not an idx file')),
    };
    const o = mnistOptions.parse({ validationSize: 1 });
    expect(() => buildMnist({ id: 'mnist', description: '' }, 1, o, {}, { files })).toThrow(DatasetError);
  });
});
