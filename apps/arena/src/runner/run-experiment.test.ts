import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../experiment/parse.js';
import { stubCatalogPath, createCatalog } from '../testing-fixtures/stub-catalog.js';
import { type RunRecord, withoutTiming } from './record.js';
import { readResults } from './results-file.js';
import { runExperiment } from './run-experiment.js';

const { experiment } = parseExperiment(
  {
    name: 'stub',
    tasks: ['blobs', 'xor4'],
    trainers: ['hill-climb', { id: 'hill-climb', label: 'hill-climb-wide', config: { sigma: 1, delayMs: 1 } }],
    seeds: 3,
    budget: { evaluations: 4000 },
    boundaryGrid: 8,
  },
  { source: 'test', catalog: createCatalog() },
);

const base = { plugins: [stubCatalogPath], builtIns: false, workers: 2 } as const;
const tmp = () => mkdtempSync(join(tmpdir(), 'arena-'));

/** The file's lines with every `timing` field removed: what must match between two runs. */
const timingFree = (path: string): string[] =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => {
      const o = JSON.parse(l) as RunRecord;
      return JSON.stringify(o.type === 'run' ? withoutTiming(o) : o);
    });

describe('runExperiment', () => {
  const dir = tmp();
  const first = join(dir, 'first.jsonl');
  const second = join(dir, 'second.jsonl');
  const resumed = join(dir, 'resumed.jsonl');

  it('runs every cell on worker threads and writes a canonical results file', async () => {
    const out = await runExperiment(experiment, { ...base, resultsPath: first });
    expect(out.interrupted).toBe(false);
    expect(out.records.map((r) => r.index)).toEqual([...Array(12).keys()]);
    expect(out.records.every((r) => r.ok && r.final !== null && r.boundary?.classes.length === 64)).toBe(true);
    expect(readResults(first).records.length).toBe(12);
  });

  it('gives identical results files (timing aside) for the same experiment twice', async () => {
    await runExperiment(experiment, { ...base, resultsPath: second, workers: 1 });
    expect(timingFree(second)).toEqual(timingFree(first));
    expect(timingFree(first).length).toBe(13);
  });

  it('resumes after an interruption and ends identical to an uninterrupted run', async () => {
    const stop = new AbortController();
    let seen = 0;
    const part = await runExperiment(experiment, {
      ...base,
      resultsPath: resumed,
      signal: stop.signal,
      onRecord: () => {
        if (++seen === 5) stop.abort();
      },
    });
    expect(part.interrupted).toBe(true);
    const kept = readResults(resumed).records.length;
    expect(kept).toBeGreaterThanOrEqual(5);
    expect(kept).toBeLessThan(12);
    let rerun = 0;
    const rest = await runExperiment(experiment, { ...base, resultsPath: resumed, resume: true, onRecord: () => rerun++ });
    expect(rest.interrupted).toBe(false);
    expect(rerun).toBe(12 - kept);
    expect(timingFree(resumed)).toEqual(timingFree(first));
  });

  it('refuses to resume a file that holds another experiment', async () => {
    const other = { ...experiment, seeds: [7] };
    await expect(runExperiment(other, { ...base, resultsPath: first, resume: true })).rejects.toThrow(/same experiment/);
  });

  it('records crashed, diverged and thread-killing runs as failed and finishes the rest', async () => {
    const { experiment: bad } = parseExperiment(
      {
        name: 'bad',
        tasks: ['blobs'],
        trainers: ['crash', 'diverge', 'exit-thread', 'hill-climb'],
        seeds: 2,
        budget: { evaluations: 500 },
      },
      { source: 'test', catalog: createCatalog() },
    );
    const out = await runExperiment(bad, { ...base, resultsPath: join(dir, 'bad.jsonl') });
    const by = (t: string) => out.records.filter((r) => r.trainer === t);
    expect(out.records.length).toBe(8);
    expect(by('crash').every((r) => !r.ok && r.status === 'crashed' && r.reason.includes('boom'))).toBe(true);
    expect(by('diverge').every((r) => !r.ok && r.status === 'diverged' && r.reason.includes('NaN'))).toBe(true);
    expect(by('exit-thread').every((r) => !r.ok && r.reason.includes('exited with code 3'))).toBe(true);
    expect(by('hill-climb').every((r) => r.ok)).toBe(true);
  });
});
