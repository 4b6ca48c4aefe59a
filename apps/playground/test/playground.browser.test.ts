// Issue 25, part 3: the built playground in headless Chromium. A race of adam, CMA-ES, NEAT and memetic
// on circles runs to the end, every strategy reaches its target, nothing is logged as an error, nothing
// is fetched from elsewhere, and loading the same URL again gives the same numbers. Leaves a screenshot
// in test-results/ and prints the bundle size and the race's wall time.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, formatConfig } from '../src/race/config.js';
import { launchChromium } from '@evoprop/browser-check/chromium';
import { serveStatic } from '@evoprop/browser-check/serve';

const app = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(app, 'test-results', 'dist');
const artefacts = join(app, 'test-results');
const query = formatConfig({ ...defaultConfig, dataset: 'circles', strategies: ['adam', 'cma-es', 'neat', 'memetic'], seed: 1 });

let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(artefacts, { recursive: true });
  await build({ root: app, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  server = await serveStatic(outDir);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type Row = Readonly<{ strategy: string; status: string; flopsToTarget: string; testAccuracy: string; flops: string }>;

/** Open the race's URL, wait for its end; the ranking rows, the problems seen and the wall time. */
async function runRace(page: Page): Promise<{ rows: Row[]; problems: string[]; outside: string[]; seconds: number }> {
  const problems: string[] = [];
  const outside: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) outside.push(r.url());
  });
  const started = performance.now();
  await page.goto(`${server.url}/?${query}`);
  await page.waitForFunction(() => document.body.dataset.race === 'done' || document.body.dataset.race === 'failed', undefined, {
    timeout: 240_000,
  });
  const seconds = (performance.now() - started) / 1000;
  const status = await page.textContent('#status');
  expect(await page.evaluate(() => document.body.dataset.race), status ?? '').toBe('done');
  const rows = await page.$$eval('#ranking tbody tr', (trs) =>
    trs.map((tr) => {
      const d = (tr as HTMLElement).dataset;
      return {
        strategy: d.strategy ?? '',
        status: d.status ?? '',
        flopsToTarget: d.flopsToTarget ?? '',
        testAccuracy: d.testAccuracy ?? '',
        flops: d.flops ?? '',
      };
    }),
  );
  return { rows, problems, outside, seconds };
}

describe('the playground in headless Chromium', () => {
  it('builds a small static bundle (gzip, excluding the wasm module)', () => {
    const files = readdirSync(outDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    const gzip = files
      .filter((f) => !f.name.endsWith('.wasm'))
      .reduce((sum, f) => sum + gzipSync(readFileSync(join(f.parentPath, f.name))).length, 0);
    console.info(`playground bundle: ${(gzip / 1024).toFixed(1)} KB gzip over ${files.length} files`);
    expect(gzip).toBeLessThanOrEqual(300 * 1024);
  });

  it('races adam, CMA-ES, NEAT and memetic on circles to the end; each reaches its target; the URL reproduces the numbers', async () => {
    const first = await browser.context.newPage();
    await first.setViewportSize({ width: 1300, height: 1000 });
    const a = await runRace(first);
    await first.screenshot({ path: join(artefacts, 'playground.png'), fullPage: true });
    console.info(`race of 4 strategies: ${a.seconds.toFixed(1)} s from page load to ranking`);
    await first.close();
    expect(a.problems).toEqual([]);
    expect(a.outside).toEqual([]);
    expect(a.rows.map((r) => r.strategy).sort()).toEqual(['adam', 'cma-es', 'memetic', 'neat']);
    for (const r of a.rows) {
      expect(r.status, r.strategy).toBe('reached-target');
      expect(Number(r.testAccuracy), r.strategy).toBeGreaterThanOrEqual(defaultConfig.target);
      expect(Number(r.flopsToTarget), r.strategy).toBeLessThanOrEqual(defaultConfig.flops);
    }
    const second = await browser.context.newPage();
    const b = await runRace(second);
    await second.close();
    expect(b.problems).toEqual([]);
    expect(b.rows).toEqual(a.rows);
  });

  it('asked for WebGPU where no adapter answers, races on wasm and says so in a visible note', async () => {
    // This Chromium runs with --disable-gpu: requestAdapter() answers null, as on a machine without a GPU.
    const page = await browser.context.newPage();
    const webgpu = formatConfig({ ...defaultConfig, strategies: ['adam'], seed: 1, kernels: 'webgpu' });
    await page.goto(`${server.url}/?${webgpu}`);
    await page.waitForFunction(() => document.body.dataset.race === 'done' || document.body.dataset.race === 'failed', undefined, {
      timeout: 240_000,
    });
    const note = await page.textContent('#kernels-note');
    const visible = await page.isVisible('#kernels-note');
    const race = await page.evaluate(() => document.body.dataset.race);
    const kernels = await page.inputValue('select[name=kernels]');
    await page.close();
    console.info(`playground, kernels=webgpu without an adapter: ${note}`);
    expect([race, kernels, visible]).toEqual(['done', 'webgpu', true]);
    expect(note).toMatch(/^WebGPU unavailable \(.+\): ran on wasm/);
  });
});
