import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng, randn } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { ModelFileError, RegistryError } from '../errors.js';
import { activation } from '../layers/activations.js';
import { dense } from '../layers/dense.js';
import { sequential } from '../model/sequential.js';
import { loadModel, loadModelFile, saveModel, saveModelFile } from './model-file.js';
import { readSafetensors, writeSafetensors } from './safetensors.js';

const model = sequential([dense(4, { activation: 'tanh' }), activation('relu'), dense(3)], { inputShape: [2], rng: Rng.fromSeed(3) });
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

  it('never evaluates the spec: an unknown kind is a ModelFileError caused by the RegistryError, code strings stay strings', () => {
    const { header, data } = parts(good);
    (header.__metadata__ as Record<string, string>)['evoprop.spec'] = JSON.stringify({ kind: 'process.exit(1)' });
    const file = assemble(header, data);
    expect(() => loadModel(file)).toThrow(ModelFileError);
    expect(() => loadModel(file)).toThrow(/evoprop\.spec: expected a spec that builds, got RegistryError: model kind: expected one of/);
    try {
      loadModel(file);
    } catch (e) {
      expect((e as Error).cause).toBeInstanceOf(RegistryError);
    }
  });

  it('refuses a spec that asks for more weights than the file holds, before allocating them', () => {
    const { header, data } = parts(good);
    const spec = JSON.parse((header.__metadata__ as Record<string, string>)['evoprop.spec'] as string);
    spec.layers[0].units = 1e9; // 8e9 weights: 32 GB if it were allocated
    (header.__metadata__ as Record<string, string>)['evoprop.spec'] = JSON.stringify(spec);
    expect(() => loadModel(assemble(header, data))).toThrow(
      /evoprop\.spec: expected a model of at most \d+ values \(what the file's \d+ bytes could hold\), got a spec asking for more/,
    );
  });

  it('says a file that is not safetensors at all is not one (it used to say "oversized header")', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const text = new TextEncoder().encode('hello, this is a README and not a model\n');
    for (const file of [png, text]) {
      expect(() => loadModel(file)).toThrow(ModelFileError);
      expect(() => loadModel(file)).toThrow(/not a safetensors file/);
      expect(() => loadModel(file)).not.toThrow(/oversized/);
    }
    expect(() => loadModel(text)).toThrow(/got a file starting "hello, this ": not a safetensors file/);
    expect(() => loadModel(new Uint8Array(0))).toThrow(/expected at least 8 bytes \(the header length\), got 0 bytes \(an empty file\)/);
  });

  describe('SHA-256 of the data section', () => {
    const dataStart = (file: Uint8Array) => 8 + Number(new DataView(file.buffer, file.byteOffset).getBigUint64(0, true));

    it('is stored in __metadata__ when saving: the whole data section, and each tensor', async () => {
      const { createHash } = await import('node:crypto');
      const { header, data } = parts(good);
      const meta = header.__metadata__ as Record<string, string>;
      expect(meta['evoprop.sha256']).toBe(createHash('sha256').update(data).digest('hex'));
      const perTensor = JSON.parse(meta['evoprop.sha256.tensors'] as string);
      expect(perTensor['dense1.bias']).toBe(createHash('sha256').update(data.subarray(32, 48)).digest('hex'));
      expect(readSafetensors(good).integrity).toBe('verified');
    });

    it('names the tensor and byte range of a flipped byte (it used to load silently)', () => {
      const file = good.slice();
      file[dataStart(file) + 40] ^= 0x01; // inside dense1.bias, data bytes 32–48
      expect(() => loadModel(file)).toThrow(ModelFileError);
      expect(() => loadModel(file)).toThrow(
        /safetensors tensor 'dense1\.bias' \(data bytes 32–48\): expected SHA-256 [0-9a-f]{16}… as written, got [0-9a-f]{16}… \(corrupted data\)/,
      );
      expect(() => readSafetensors(file)).toThrow(/'dense1\.bias' \(data bytes 32–48\)/);
    });

    it('names the whole data section when the per-tensor digests are gone too', () => {
      const { header, data } = parts(good);
      delete (header.__metadata__ as Record<string, string>)['evoprop.sha256.tensors'];
      const flipped = data.slice();
      flipped[0] ^= 0x80;
      expect(() => loadModel(assemble(header, flipped))).toThrow(/safetensors data section \(bytes 0–108\): expected SHA-256/);
    });

    it('loads a file without one (older files), with a note, and refuses it when asked to', () => {
      const { header, data } = parts(good);
      const meta = header.__metadata__ as Record<string, string>;
      delete meta['evoprop.sha256'];
      delete meta['evoprop.sha256.tensors'];
      const old = assemble(header, data);
      const notes: string[] = [];
      const loaded = loadModel(old, { onWarning: (m) => notes.push(m) });
      expect(bytesOf(loaded.params.vector)).toEqual(bytesOf(model.params.vector));
      expect(notes).toEqual([expect.stringMatching(/stores no SHA-256 of its data .*loaded unverified/)]);
      expect(readSafetensors(old).integrity).toBe('unverified');
      expect(() => loadModel(old, { requireChecksum: true })).toThrow(
        /expected a 'evoprop\.sha256' entry .*got none \(unverifiable file\)/,
      );
      const quiet: string[] = [];
      loadModel(good, { onWarning: (m) => quiet.push(m) });
      expect(quiet).toEqual([]);
    });

    it('rejects a malformed stored digest', () => {
      const { header, data } = parts(good);
      (header.__metadata__ as Record<string, string>)['evoprop.sha256'] = 'not-a-digest';
      expect(() => loadModel(assemble(header, data))).toThrow(/__metadata__\.evoprop\.sha256: expected 64 lowercase hex digits/);
    });
  });

  it('rejects tensors whose byte ranges overlap (each would be copied again: allocation beyond the file)', () => {
    const { header, data } = parts(good);
    tensorInfo(header, 'dense1.bias').data_offsets = [0, 16];
    expect(() => loadModel(assemble(header, data))).toThrow(
      /data_offsets: expected a byte range no other tensor uses, got \[0, 16\], overlapping 'dense1\.weight' \[0, 32\]/,
    );
  });

  it('a missing file is a ModelFileError naming the path (it used to be a raw ENOENT)', async () => {
    const path = join(tmpdir(), 'evoprop-no-such-model.safetensors');
    await expect(loadModelFile(path)).rejects.toThrow(ModelFileError);
    await expect(loadModelFile(path)).rejects.toThrow(`model file '${path}': expected a readable file, got no such file (ENOENT)`);
    await expect(loadModelFile(tmpdir())).rejects.toThrow(/got a directory \(EISDIR\)/);
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
