import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveModel, writeSafetensors } from '@evoprop/core/io';
import { NeatModel, interfaceNodes } from '@evoprop/evolution/neat';
import { describe, expect, it } from 'vitest';
import { tensorStats } from './tensor-stats.js';
import { main } from './main.js';

describe('evoprop-arena show', () => {
  it('summarises a NEAT model and draws its topology as SVG', async () => {
    const genome = {
      inputs: 2,
      outputs: 1,
      nodes: [...interfaceNodes(2, 1), { id: 4, kind: 'hidden' as const }],
      connections: [
        { innovation: 0, from: 0, to: 4, weight: 1.5, enabled: true },
        { innovation: 1, from: 1, to: 4, weight: -2, enabled: true },
        { innovation: 2, from: 4, to: 3, weight: 0.5, enabled: true },
        { innovation: 3, from: 2, to: 3, weight: 0.25, enabled: false },
      ],
    };
    const dir = mkdtempSync(join(tmpdir(), 'arena-show-'));
    const file = join(dir, 'neat.safetensors');
    writeFileSync(file, saveModel(new NeatModel(genome, { slope: 4.9, recurrent: false, activationSteps: 1 })));
    let out = '';
    const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true } };
    expect(await main(['show', file, '--svg', join(dir, 'net.svg')], io)).toBe(0);
    expect(out).toContain('kind: neat');
    expect(out).toContain('weights: match the SHA-256 stored in the file');
    expect(out).toContain('NEAT network: 5 nodes, 3 enabled connections (1 disabled)');
    expect(out).toContain('1 → 4  w=-2.000');
    const svg = readFileSync(join(dir, 'net.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect((svg.match(/<circle/g) ?? []).length).toBeGreaterThanOrEqual(5);
  });
});

/** A safetensors file from a header object and a data section, with any defect the test wants. */
const safetensors = (header: unknown, data = new Uint8Array(0), declared?: bigint): Uint8Array => {
  const json = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, declared ?? BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
};

async function show(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['show', ...argv], {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  });
  return { code, out, err };
}

describe('evoprop-arena show on bad files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'arena-show-bad-'));
  const tensor = { dtype: 'F32', shape: [2], data_offsets: [0, 8] };
  const cases: readonly (readonly [string, Uint8Array | null, RegExp])[] = [
    ['empty', new Uint8Array(0), /empty\.safetensors: safetensors: expected at least 8 bytes \(the header length\), got 0 bytes/],
    ['oversized', safetensors({}, new Uint8Array(0), 2n ** 40n), /oversized\.safetensors: safetensors header: expected at most \d+ bytes/],
    ['bad-json', safetensors('{"w": [1,'), /bad-json\.safetensors: safetensors header: expected UTF-8 JSON, got unparseable text/],
    [
      'bad-offsets',
      safetensors({ w: { ...tensor, data_offsets: [0, 800] } }, new Uint8Array(8)),
      /bad-offsets\.safetensors: safetensors tensor 'w'/,
    ],
    [
      'bad-dtype',
      safetensors({ w: { ...tensor, dtype: 'F16' } }, new Uint8Array(8)),
      /bad-dtype\.safetensors: safetensors tensor 'w' dtype: expected 'F32', got "F16"/,
    ],
    [
      'bad-spec',
      safetensors({ __metadata__: { 'evoprop.spec': '{"kind": "mlp",' }, w: tensor }, new Uint8Array(8)),
      /bad-spec\.safetensors: __metadata__\.evoprop\.spec: expected a JSON object, got "\{\\"kind\\": \\"mlp\\","/,
    ],
    [
      'bad-frozen',
      safetensors({ __metadata__: { 'evoprop.frozen': '[1]' }, w: tensor }, new Uint8Array(8)),
      /bad-frozen\.safetensors: __metadata__\.evoprop\.frozen: expected a JSON list of tensor names, got "\[1\]"/,
    ],
    ['missing', null, /missing\.safetensors: expected a model file \(\.safetensors\), got no such file/],
  ];

  it.each(cases)('%s: one line naming the file and the defect, exit 2', async (name, bytes, message) => {
    const file = join(dir, `${name}.safetensors`);
    if (bytes !== null) writeFileSync(file, bytes);
    const r = await show(file);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^evoprop-arena: [^\n]+\n$/);
    expect(r.err).toMatch(message);
  });

  it('a flipped byte in the weights: one line naming the SHA-256 mismatch, exit 2; a file without a checksum shows as unverified', async () => {
    const bytes = writeSafetensors(new Map([['w', { shape: [4], data: new Float32Array([1, 2, 3, 4]) }]]));
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] as number) ^ 0x10;
    const flipped = join(dir, 'flipped.safetensors');
    writeFileSync(flipped, bytes);
    const r = await show(flipped);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^evoprop-arena: [^\n]*flipped\.safetensors: [^\n]*SHA-256[^\n]*\n$/);
    const plain = join(dir, 'plain.safetensors');
    writeFileSync(plain, safetensors({ w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }, new Uint8Array(8)));
    const ok = await show(plain);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('weights: unverified (the file stores no SHA-256)');
  });

  it('a directory is not a model file', async () => {
    expect((await show(dir)).err).toBe(`evoprop-arena: ${dir}: expected a model file (.safetensors), got a directory\n`);
  });
});

describe('evoprop-arena show on large tensors', () => {
  it('summarises a 784×256 layer (200,704 values: too many to spread into Math.min)', async () => {
    const n = 784 * 256;
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++) data[i] = ((i * 7919) % 1000) / 1000 - 0.5;
    data[123_456] = -3;
    data[200_000] = 2.5;
    const file = join(mkdtempSync(join(tmpdir(), 'arena-show-big-')), 'big.safetensors');
    writeFileSync(file, writeSafetensors(new Map([['dense.weight', { shape: [784, 256], data }]])));
    const r = await show(file, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const t = (JSON.parse(r.out) as { tensors: { size: number; min: number; max: number }[] }).tensors[0];
    expect(t).toMatchObject({ size: n, min: -3, max: 2.5 });
    expect(JSON.parse(r.out).integrity).toBe('verified');
  });

  it("tensorStats gives the summary module's mean and sample std, and propagates NaN to min and max", () => {
    expect(tensorStats([1, 2, 3, 4])).toEqual({ mean: 2.5, std: Math.sqrt(5 / 3), min: 1, max: 4 });
    expect(tensorStats([7])).toEqual({ mean: 7, std: 0, min: 7, max: 7 });
    expect(tensorStats([1, Number.NaN]).min).toBeNaN();
  });
});
