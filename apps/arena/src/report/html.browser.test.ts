import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '@evoprop/browser-check/chromium';
import { afterAll, describe, expect, it } from 'vitest';
import { parseExperiment } from '../experiment/parse.js';
import { runExperiment } from '../runner/run-experiment.js';
import { createCatalog, stubCatalogPath } from '../testing-fixtures/stub-catalog.js';
import { buildReports } from './build.js';

const dir = mkdtempSync(join(tmpdir(), 'arena-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('HTML report in headless Chromium', () => {
  it('renders every chart offline with no console errors', async () => {
    const { experiment } = parseExperiment(
      {
        name: 'html',
        tasks: ['blobs', { id: 'xor4', target: { metric: 'accuracy', value: 0.9 } }],
        trainers: ['hill-climb', { id: 'hill-climb', label: 'wide', config: { sigma: 1 } }, 'crash'],
        seeds: 3,
        budget: { evaluations: 2000 },
        boundaryGrid: 12,
      },
      { source: 'test', catalog: createCatalog() },
    );
    const out = await runExperiment(experiment, {
      resultsPath: join(dir, 'results.jsonl'),
      plugins: [stubCatalogPath],
      builtIns: false,
      workers: 0,
    });
    const reports = await buildReports(out);
    // Two tasks × (runtime ECDF, two curves, distribution, boundaries, schedules), and the ECDF over both tasks.
    expect(reports.charts.length).toBe(13);
    expect(reports.charts.filter((c) => c.id.includes('ecdf')).map((c) => c.id)).toEqual([
      'all-ecdf-evaluations',
      'blobs-ecdf',
      'xor4-ecdf',
    ]);
    const file = join(dir, 'report.html');
    writeFileSync(file, reports.html);

    // A fresh profile every time; launchChromium fails loudly when the browser is missing.
    const { context: browser, close } = await launchChromium();
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      // Offline: a network request of any kind would mean a CDN dependency slipped in.
      const requests: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
      });
      await page.goto(pathToFileURL(file).href);
      await page.waitForFunction(() => document.body.dataset.charts !== 'pending', undefined, { timeout: 30_000 });
      expect(await page.evaluate(() => document.body.dataset.charts)).toBe('rendered');
      const charts = await page.$$eval('.chart', (els) =>
        els.map((e) => ({
          id: e.id,
          svg: e.querySelector('svg') !== null,
          marks: e.querySelectorAll('svg path, svg rect, svg line').length,
        })),
      );
      expect(charts.map((c) => c.id).sort()).toEqual(reports.charts.map((c) => c.id).sort());
      for (const c of charts) {
        expect(c.svg, `${c.id} has an svg`).toBe(true);
        expect(c.marks, `${c.id} draws marks`).toBeGreaterThan(5);
      }
      // Per task: the summary table and the ERT table, which names its currency.
      expect(await page.$$eval('table', (t) => t.length)).toBe(4);
      expect(await page.$$eval('h3', (hs) => hs.map((h) => h.textContent))).toEqual([
        'Expected running time in evaluations (ERT) to targets on accuracy',
        'Expected running time in evaluations (ERT) to targets on accuracy',
      ]);
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await close();
    }
  });
});
