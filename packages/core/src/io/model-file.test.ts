import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng, randn } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { ModelFileError, RegistryError } from '../errors.js';
import { relu } from '../layers/activations.js';
import { dense } from '../layers/dense.js';
import { sequential } from '../model/sequential.js';
import { loadModel, loadModelFile, saveModel, saveModelFile } from './model-file.js';
import { readSafetensors, writeSafetensors } from './safetensors.js';

const model = sequential([dense(4, { activation: 'tanh' }), relu(), dense(3)], { inputShape: [2], rng: Rng.fromSeed(3) });
const bytesOf = (a: Float32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Split a file into its header object and data section, to break it on purpose. */
function parts(file: Uint8Array): { header: Record<string, unknown>; data: Uint8Array } {
  const n = Number(new DataView(file.buffer, file.byteOffset).getBigUint64(0, true));
  return { header: JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + n))), data: file.subarray(8 + n) };
}
function assemble(header: unknown, data: Uint8Array, declaredLength?: bigint): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, declaredLength ?? BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}
const tensorInfo = (h: Record<string, unknown>, name: string) => h[name] as { dtype: string; shape: number[]; data_offsets: number[] };

describe('model files (safetensors)', () => {
  it('round-trips bit-identically, with frozen flags, odd values included', () => {
    const m = model.clone();
    m.params.vector[0] = -0;
    m.params.vector[1] = 1e-45; // subnormal
    m.params.vector[2] = Number.NaN;
    m.params.setTrainable(['dense2.bias'], false);
    const loaded = loadModel(saveModel(m));
    expect(bytesOf(loaded.params.vector)).toEqual(bytesOf(m.params.vector));
    expect(loaded.spec).toEqual(m.spec);
    expect(loaded.params.frozenNames()).toEqual(['dense2.bias']);
    const x = randn([3, 2], Rng.fromSeed(1));
    expect(bytesOf(loaded.forward(x).data)).toEqual(bytesOf(m.forward(x).data));
  });

  it('writes the safetensors layout: LE u64 length, 8-aligned JSON header, F32 tensors in order', () => {
    const file = saveModel(model);
    const { header, data } = parts(file);
    const headerLength = Number(new DataView(file.buffer).getBigUint64(0, true));
    expect(headerLength % 8).toBe(0);
    expect(tensorInfo(header, 'dense1.weight')).toEqual({ dtype: 'F32', shape: [2, 4], data_offsets: [0, 32] });
    expect(tensorInfo(header, 'dense1.bias')).toEqual({ dtype: 'F32', shape: [4], data_offsets: [32, 48] });
    expect(data.length).toBe(model.params.size * 4);
    const meta = header.__metadata__ as Record<string, string>;
    expect(JSON.parse(meta['evoprop.spec'] as string)).toEqual(model.spec);
  });

  it('reads a hand-made file written to the published spec', () => {
    // {"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}} then 1.5, -2
    const header = new TextEncoder().encode('{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}');
    const file = new Uint8Array(8 + header.length + 8);
    const view = new DataView(file.buffer);
    view.setBigUint64(0, BigInt(header.length), true);
    file.set(header, 8);
    view.setFloat32(8 + header.length, 1.5, true);
    view.setFloat32(12 + header.length, -2, true);
    const read = readSafetensors(file);
    expect(Array.from(read.tensors.get('w')?.data ?? [])).toEqual([1.5, -2]);
    expect(read.metadata).toEqual({});
  });

  const good = saveModel(model);
  const broken: [string, () => Uint8Array, RegExp][] = [
    ['empty file', () => new Uint8Array(3), /at least 8 bytes .*got 3 bytes \(truncated file\)/],
    [
      'truncated header',
      () => good.subarray(0, 40),
      /header: expected \d+ header bytes .*got only 32 bytes in the file \(truncated file\)/,
    ],
    [
      'truncated data',
      () => good.subarray(0, good.length - 4),
      /'dense2.bias' data_offsets: expected 0 ≤ begin ≤ end ≤ \d+ .*\(offsets out of range\)/,
    ],
    [
      'oversized header',
      () => assemble({}, new Uint8Array(0), 1n << 40n),
      /at most 104857600 bytes, got a declared length of 1099511627776 bytes \(oversized header\)/,
    ],
    ['header not JSON', () => assemble({}, new Uint8Array(0)).fill(0x7b, 8), /header: expected UTF-8 JSON/],
    [
      'wrong dtype',
      () => {
        const { header, data } = parts(good);
        tensorInfo(header, 'dense1.bias').dtype = 'F16';
        return assemble(header, data);
      },
      /'dense1.bias' dtype: expected 'F32', got "F16"/,
    ],
    [
      'shape mismatch with the spec',
      () => {
        const { header, data } = parts(good);
        tensorInfo(header, 'dense1.weight').shape = [4, 2];
        return assemble(header, data);
      },
      /parameter 'dense1.weight' shape: expected \[2, 4\] \(from the spec\), got \[4, 2\]/,
    ],
    [
      'shape inconsistent with its bytes',
      () => {
        const { header, data } = parts(good);
        tensorInfo(header, 'dense1.weight').shape = [2, 5];
        return assemble(header, data);
      },
      /'dense1.weight': expected 40 bytes for F32 shape \[2, 5\], got 32 bytes/,
    ],
    [
      'offsets out of range',
      () => {
        const { header, data } = parts(good);
        tensorInfo(header, 'dense1.bias').data_offsets = [1000, 1016];
        return assemble(header, data);
      },
      /offsets out of range/,
    ],
    [
      'missing spec metadata',
      () => {
        const { header, data } = parts(good);
        header.__metadata__ = {};
        return assemble(header, data);
      },
      /expected a 'evoprop.spec' entry/,
    ],
    [
      'missing tensor',
      () => {
        const { header, data } = parts(good);
        delete header['dense2.bias'];
        return assemble(header, data);
      },
      /parameter 'dense2.bias': expected a tensor of shape \[3\], got no such tensor/,
    ],
    [
      'unexpected tensor',
      () =>
        writeSafetensors(
          [
            ['evil', { shape: [1], data: new Float32Array(1) }],
            ...model.params.entries.map((e) => [e.name, { shape: e.shape, data: model.params.get(e.name).data }] as const),
          ],
          parts(good).header.__metadata__ as Record<string, string>,
        ),
      /unexpected tensor 'evil'/,
    ],
  ];
  it.each(broken)('rejects a broken file: %s', (_, make, message) => {
    const file = make();
    expect(() => loadModel(file)).toThrow(ModelFileError);
    expect(() => loadModel(file)).toThrow(message);
  });

  it('never evaluates the spec: unknown kinds are registry errors, code strings stay strings', () => {
    const { header, data } = parts(good);
    (header.__metadata__ as Record<string, string>)['evoprop.spec'] = JSON.stringify({ kind: 'process.exit(1)' });
    expect(() => loadModel(assemble(header, data))).toThrow(RegistryError);
  });

  it('file helpers write and read the same bytes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'evoprop-core-'));
    try {
      const path = join(dir, 'model.safetensors');
      await saveModelFile(path, model);
      const loaded = await loadModelFile(path);
      expect(bytesOf(loaded.params.vector)).toEqual(bytesOf(model.params.vector));
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
