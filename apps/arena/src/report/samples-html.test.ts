import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createDefaultCatalog } from '../catalog/default-catalog.js';
import { planRuns } from '../experiment/experiment.js';
import { suiteDefinition } from '../experiment/load.js';
import { parseExperiment } from '../experiment/parse.js';
import { executeRun } from '../runner/execute-run.js';
import type { HeaderRecord, RunRecord } from '../runner/record.js';
import { buildReports } from './build.js';
import { greyPng } from './png.js';
import { reconstructionGrid } from './samples-html.js';

/** The pixels of an 8-bit greyscale PNG written by greyPng (one IDAT, filter 0 on every row). */
function decodeGrey(png: Buffer): { width: number; height: number; grey: Uint8Array } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idatAt = png.indexOf('IDAT');
  const raw = inflateSync(png.subarray(idatAt + 4, idatAt + 4 + png.readUInt32BE(idatAt - 4)));
  const grey = new Uint8Array(width * height);
  for (let r = 0; r < height; r++) {
    expect(raw[r * (width + 1)]).toBe(0);
    grey.set(raw.subarray(r * (width + 1) + 1, (r + 1) * (width + 1)), r * width);
  }
  return { width, height, grey };
}

describe('report samples: reconstructions and sampled text', () => {
  it('greyPng writes the pixels it is given; the reconstruction grid puts originals above outputs', () => {
    const grey = Uint8Array.from({ length: 6 * 3 }, (_, i) => (i * 13) % 256);
    expect(decodeGrey(greyPng(grey, 6, 3))).toEqual({ width: 6, height: 3, grey });
    const original = Buffer.from(Uint8Array.from({ length: 2 * 4 }, (_, i) => 10 + i)).toString('base64');
    const output = Buffer.from(Uint8Array.from({ length: 2 * 4 }, (_, i) => 200 + i)).toString('base64');
    const png = decodeGrey(reconstructionGrid({ kind: 'image', shape: [1, 2, 2], count: 2, originals: original, outputs: output }));
    // Two 2×2 images per row, a 2-pixel grey gap between images and between the rows.
    expect([png.width, png.height]).toEqual([6, 6]);
    expect([...png.grey.subarray(0, 6)]).toEqual([10, 11, 128, 128, 14, 15]);
    expect([...png.grey.subarray(4 * 6, 5 * 6)]).toEqual([200, 201, 128, 128, 204, 205]);
  });

  it('arena runs record reconstructions (MNIST grid, 2-D points) and names; the HTML report shows them', async () => {
    const catalog = await createDefaultCatalog();
    const namesTask = suiteDefinition('text').tasks[0] as Record<string, unknown>;
    const { experiment } = parseExperiment(
      {
        name: 'samples',
        tasks: [
          {
            id: 'mnist-denoising',
            options: { trainSize: 64, validationSize: 16, testSize: 16 },
            model: {
              layers: [
                { type: 'dense', units: 8, activation: 'relu' },
                { type: 'dense', units: 784 },
              ],
            },
          },
          'manifold-2d',
          { ...namesTask, options: { samples: 100 } },
        ],
        trainers: [{ id: 'adam', config: { optimizer: { name: 'adam', learningRate: 0.01 }, batchSize: 16 } }],
        seeds: 1,
        budget: { flops: 5e6 },
      },
      { source: 'samples', catalog },
    );
    const records: RunRecord[] = [];
    for (const spec of planRuns(experiment)) {
      const r = await executeRun(spec, catalog, AbortSignal.timeout(60_000));
      expect(r?.ok, `${r?.task}: ${r?.reason}`).toBe(true);
      records.push(r as RunRecord);
    }
    const [mnist, manifold, names] = records;
    expect(mnist?.extras?.reconstructions).toMatchObject({ kind: 'image', shape: [1, 28, 28], count: 8 });
    const image = mnist?.extras?.reconstructions as { originals: string; inputs: string; outputs: string };
    // Denoising: the clean originals, the masked inputs (about 30 % of the lit pixels dark) and the outputs, 8 × 784 bytes each.
    for (const b of [image.originals, image.inputs, image.outputs]) expect(Buffer.from(b, 'base64')).toHaveLength(8 * 784);
    expect(image.inputs).not.toBe(image.originals);
    const points = manifold?.extras?.reconstructions as { kind: string; originals: unknown[]; outputs: unknown[] };
    expect(points.kind).toBe('points');
    expect(points.originals.length).toBe(points.outputs.length);
    expect(points.originals.length).toBeGreaterThan(10);
    expect(names?.extras?.reconstructions).toBeUndefined();

    const header: HeaderRecord = { type: 'experiment', version: 1, experiment, runs: records.length, skipped: [] };
    const { html } = await buildReports({ header, records });
    const section = (label: string) =>
      html.slice(html.indexOf(`<h2>${label}</h2>`), html.indexOf('</section>', html.indexOf(`<h2>${label}</h2>`)));
    expect(section('mnist-denoising')).toMatch(
      /<h3>Reconstructions \(lowest seed\): test images: originals \(top\), the corrupted inputs and the outputs/,
    );
    const src = section('mnist-denoising').match(/<img class="reconstructions"[^>]* src="data:image\/png;base64,([^"]+)"/)?.[1];
    // Three rows of eight 28×28 images.
    expect(decodeGrey(Buffer.from(src as string, 'base64'))).toMatchObject({ width: 8 * 30 - 2, height: 3 * 30 - 2 });
    expect(section('manifold-2d')).toContain(
      '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240" viewBox="0 0 240 240" class="reconstruction-points">',
    );
    const sampled = names?.extras?.samples as string[];
    expect(section('names-2k')).toContain(
      `<h3>Sampled at temperature 0.8 (lowest seed)</h3><ul class="samples"><li><strong>adam</strong>: ${sampled.join(', ')}</li>`,
    );
    expect(section('names-2k')).not.toContain('Reconstructions');
  }, 120_000);
});
