// Issue 25, part 1: every browser-ready package bundles with Vite for the browser (no Node built-ins),
// and a short seeded training in headless Chromium gives bit-identical results to the same code in Node.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForBrowser } from './bundle.js';
import { launchChromium } from './chromium.js';
import type { Digest } from './digest.js';
import { serveStatic } from './serve.js';

const scenarios = [
  'tensor',
  'core',
  'tasks',
  'backprop',
  'evolution',
  'strategies',
  'control',
  'hybrid',
  'transfer',
  'executor',
  'threads',
] as const;
const entries = [...scenarios, 'libm'];
const scenarioPath = (name: string) => fileURLToPath(new URL(`./scenarios/${name}.ts`, import.meta.url));

// The page runs one scenario (?name=…) from its bundle and leaves the outcome on window.
const RUN_PAGE = `<!doctype html><meta charset="utf-8"><title>browser-check</title><link rel="icon" href="data:,">
<script type="module">
const name = new URLSearchParams(location.search).get('name');
try {
  const { run } = await import('/' + name + '.js');
  window.outcome = { ok: true, value: JSON.parse(JSON.stringify(await run())) };
} catch (e) {
  window.outcome = { ok: false, error: String((e && e.stack) || e) };
}
</script>`;

const dir = mkdtempSync(join(tmpdir(), 'evoprop-browser-check-'));
let nodeImports: readonly string[] = [];
let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
const problems: string[] = [];

beforeAll(async () => {
  const bundle = await bundleForBrowser(Object.fromEntries(entries.map((s) => [s, scenarioPath(s)])), join(dir, 'dist'));
  nodeImports = bundle.nodeImports;
  // Cross-origin isolated, so a Web Worker can share wasm memory with helper Web Workers (the threads scenario).
  server = await serveStatic(bundle.dir, { '/run.html': RUN_PAGE }, { isolated: true });
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function inNode(name: string): Promise<Record<string, unknown>> {
  const { run } = (await import(`./scenarios/${name}.ts`)) as { run: () => Promise<Digest> };
  return JSON.parse(JSON.stringify(await run())) as Record<string, unknown>;
}

async function inBrowser(name: string): Promise<Record<string, unknown>> {
  const page: Page = await browser.context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${name}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${name}: ${e.message}`));
  try {
    await page.goto(`${server.url}/run.html?name=${name}`);
    await page.waitForFunction(() => 'outcome' in window, undefined, { timeout: 120_000 });
    const outcome = (await page.evaluate(() => (window as unknown as { outcome: unknown }).outcome)) as
      | { ok: true; value: Record<string, unknown> }
      | { ok: false; error: string };
    if (!outcome.ok) throw new Error(`${name} failed in Chromium: ${outcome.error}`);
    return outcome.value;
  } finally {
    await page.close();
  }
}

describe('browser bundles (Vite) in headless Chromium', () => {
  it('import no Node built-in on any path', () => {
    expect(nodeImports).toEqual([]);
  });

  it("agree with Node to the bit through tensor's portableMath (exp, log, pow, sin, cos), and on Math.sqrt and Math.tanh", async () => {
    const [node, browserValues] = (await Promise.all([inNode('libm'), inBrowser('libm')])) as Array<
      Record<'engine' | 'portable', Record<string, number[]>>
    >;
    // Node's Math is fdlibm, which portableMath computes on every engine.
    for (const name of Object.keys(browserValues.portable)) expect(browserValues.portable[name], name).toEqual(node.engine[name]);
    expect([browserValues.engine.sqrt, browserValues.engine.tanh]).toEqual([node.engine.sqrt, node.engine.tanh]);
    const differing = Object.keys(node.engine).filter((f) => JSON.stringify(node.engine[f]) !== JSON.stringify(browserValues.engine[f]));
    if (differing.length > 0) console.info(`browser-check: Chromium's own Math.${differing.join(', Math.')} round differently from Node's`);
  });

  it.each(scenarios)('%s: a seeded run in Chromium is bit-identical to the same run in Node', async (name) => {
    const { runtime: nodeRuntime, ...node } = await inNode(name);
    const { runtime, ...browserResult } = await inBrowser(name);
    expect(browserResult).toEqual(node);
    if (name === 'executor' || name === 'control') expect([nodeRuntime, runtime]).toEqual(['inline', 'web-workers']);
    if (name === 'tensor') expect(browserResult.kernels).toBe('wasm-simd');
    // The gemm's row blocks ran on helper threads in Node and on helper Web Workers in Chromium.
    if (name === 'threads') {
      const helped = (r: unknown) => (r as { helped: number } | null)?.helped ?? 0;
      expect([helped(nodeRuntime) > 0, helped(runtime) > 0]).toEqual([true, true]);
    }
    // Any number of workers gives the same bytes, on threads and on Web Workers alike.
    if (name === 'evolution') expect([browserResult.neatWorkers, browserResult.gaWorkers]).toEqual([browserResult.neat, browserResult.ga]);
    // A control task's population on Web Workers that rebuild cart-pole from its spec: the same bytes as in this thread.
    if (name === 'control') expect(browserResult.onWorkers).toEqual(browserResult.inThread);
    expect(problems.filter((p) => p.startsWith(`${name}: `))).toEqual([]);
  });
});
