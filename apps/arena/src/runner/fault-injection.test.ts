import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../experiment/parse.js';
import { createCatalog, stubCatalogPath } from '../testing-fixtures/stub-catalog.js';
import type { RunRecord } from './record.js';
import { readResults } from './results-file.js';
import { runExperiment } from './run-experiment.js';

// Trainers that fail in each way a user's trainer can: every run must be recorded once, with its reason,
// and the experiment must complete (and a --resume find nothing left to run).
const faulty = (trainers: readonly string[]) =>
  parseExperiment(
    { name: 'faults', tasks: ['blobs'], trainers: [...trainers], seeds: 2, budget: { evaluations: 500 } },
    { source: 'test', catalog: createCatalog() },
  ).experiment;
const base = { plugins: [stubCatalogPath], builtIns: false } as const;
const tmp = () => mkdtempSync(join(tmpdir(), 'arena-faults-'));

function expectEachRunOnce(records: readonly RunRecord[], runs: number): void {
  expect(records.length).toBe(runs);
  expect(new Set(records.map((r) => r.runId)).size).toBe(runs);
  expect(records.map((r) => r.index)).toEqual([...Array(runs).keys()]);
}

/** Run `trainers` × 2 seeds; check the experiment completed with each run recorded once, in the outcome and the file. */
async function runFaulty(trainers: readonly string[], options: Readonly<{ workers: number; runTimeoutSeconds: number }>) {
  const experiment = faulty(trainers);
  const resultsPath = join(tmp(), 'results.jsonl');
  const out = await runExperiment(experiment, { ...base, ...options, resultsPath });
  expect(out.interrupted).toBe(false);
  expectEachRunOnce(out.records, trainers.length * 2);
  expectEachRunOnce(readResults(resultsPath).records, trainers.length * 2);
  const by = (t: string) => out.records.filter((r) => r.trainer === t);
  return { experiment, resultsPath, by };
}

describe('runs that never end or end everything', () => {
  it('on worker threads: a run past --run-timeout is terminated and recorded as timeout; the rest go on; --resume has nothing left', async () => {
    const trainers = ['crash', 'nan-model', 'exit-thread', 'loop-forever', 'await-forever', 'hill-climb'];
    const { experiment, resultsPath, by } = await runFaulty(trainers, { workers: 2, runTimeoutSeconds: 2 });
    for (const t of ['loop-forever', 'await-forever']) {
      expect(by(t).map((r) => [r.ok, r.status])).toEqual([
        [false, 'timeout'],
        [false, 'timeout'],
      ]);
      expect(by(t)[0]?.reason).toBe('still running after the 2 s --run-timeout; its worker thread was terminated');
    }
    expect(by('crash').every((r) => r.status === 'crashed' && r.reason.includes('boom'))).toBe(true);
    expect(by('exit-thread').every((r) => r.status === 'crashed' && r.reason.includes('exited with code 3'))).toBe(true);
    expect(by('nan-model').map((r) => [r.ok, r.status, r.final])).toEqual([
      [false, 'diverged', null],
      [false, 'diverged', null],
    ]);
    expect(by('nan-model')[0]?.reason).toMatch(/not finite: parameter 0 is NaN/);
    expect(by('hill-climb').every((r) => r.ok)).toBe(true);

    let rerun = 0;
    const resumed = await runExperiment(experiment, { ...base, workers: 2, resultsPath, resume: true, onRecord: () => rerun++ });
    expect([resumed.interrupted, rerun]).toEqual([false, 0]);
    expectEachRunOnce(resumed.records, 12);
  }, 180_000);

  it('on the main thread (--workers 0): process.exit is intercepted and recorded, an awaiting run times out, the rest go on', async () => {
    const { by } = await runFaulty(['exit-thread', 'await-forever', 'crash', 'nan-model', 'hill-climb'], {
      workers: 0,
      runTimeoutSeconds: 1,
    });
    expect(by('exit-thread').map((r) => [r.ok, r.status])).toEqual([
      [false, 'crashed'],
      [false, 'crashed'],
    ]);
    expect(by('exit-thread')[0]?.reason).toBe(
      'the trainer called process.exit(3) on the main thread (--workers 0); the arena intercepted it and recorded the run as crashed (run with --workers 1 or more to isolate such trainers in threads)',
    );
    expect(by('await-forever').map((r) => r.status)).toEqual(['timeout', 'timeout']);
    expect(by('await-forever')[0]?.reason).toBe('still running after the 1 s --run-timeout; abandoned on the main thread (--workers 0)');
    expect(by('crash').every((r) => r.status === 'crashed')).toBe(true);
    expect(by('nan-model').every((r) => r.status === 'diverged')).toBe(true);
    expect(by('hill-climb').every((r) => r.ok)).toBe(true);
  }, 60_000);
});
