import { describe, expect, it } from 'vitest';
import type { Experiment } from '../experiment/experiment.js';
import type { HeaderRecord, RunRecord } from '../runner/record.js';
import { record } from '../testing-fixtures/run-record.js';
import { anytimeReport } from './anytime-report.js';
import { anytimeNotesMarkdown, ertMarkdown } from './anytime-tables.js';

/** An objective run whose best value is `best[i]` after 100·(i + 1) evaluations (and 10× as many FLOPs). */
function objectiveRun(trainer: string, seed: number, best: readonly number[], task = 'f'): RunRecord {
  const n = best.length;
  const evaluations = best.map((_, i) => 100 * (i + 1));
  return record(trainer, seed, best.at(-1) ?? null, {
    runId: `${task}/${trainer}/${seed}`,
    task,
    taskId: 'bbob-sphere',
    metric: 'objective',
    direction: 'min',
    curveMetric: 'val.objective',
    cost: { flops: 1000 * n, evaluations: 100 * n, gradientSteps: 0, epochs: 0, generations: n },
    anytime: {
      metric: 'val.objective',
      direction: 'min',
      optimum: 0,
      events: n,
      step: evaluations.map((_, i) => i + 1),
      flops: evaluations.map((e) => 10 * e),
      evaluations,
      gradientSteps: evaluations.map(() => 0),
      epochs: evaluations.map(() => 0),
      generations: evaluations.map((_, i) => i + 1),
      best: [...best],
    },
    timing: { wallSeconds: n, reachedWallSeconds: null, curveWallSeconds: [], anytimeWallSeconds: evaluations.map((e) => e / 1000) },
  });
}

const experiment = (trainers: readonly string[], comparisons?: Experiment['comparisons']): Experiment => ({
  name: 't',
  tasks: [
    { id: 'bbob-sphere', label: 'f', options: {}, budget: { evaluations: 1000 } },
    { id: 'bbob-sphere', label: 'g', options: {}, budget: { evaluations: 1000 } },
  ],
  trainers: trainers.map((id) => ({ id, label: id, config: {} })),
  seeds: [0, 1, 2, 3, 4],
  budget: { evaluations: 1000 },
  taskSeed: 'per-seed',
  curvePoints: 10,
  boundaryGrid: 8,
  ...(comparisons !== undefined ? { comparisons } : {}),
});
const header = (e: Experiment): HeaderRecord => ({ type: 'experiment', version: 1, experiment: e, runs: 20, skipped: [] });

describe('anytimeReport', () => {
  const records = [
    // fast: 1e-8 after 300 evaluations on every seed.
    ...[0, 1, 2, 3, 4].map((s) => objectiveRun('fast', s, [10, 1e-3, 1e-9])),
    // slow: reaches 1e-8 on two of five seeds, after 500 evaluations; the others stall at 0.5 after 1000.
    ...[0, 1].map((s) => objectiveRun('slow', s, [50, 10, 1, 1e-2, 1e-9])),
    ...[2, 3, 4].map((s) => objectiveRun('slow', s, [50, 10, 5, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5])),
  ];

  it('ERT per target in the budget currency: all spent over the hits', () => {
    const a = anytimeReport(header(experiment(['fast', 'slow'])), records);
    const f = a.tasks.find((t) => t.task === 'f');
    expect(f?.currency).toBe('evaluations');
    expect(f?.targets).toHaveLength(51);
    expect(f?.labels.at(-1)).toBe('f − f_opt ≤ 1e-8');
    const slow = f?.rows.find((r) => r.trainer === 'slow');
    const last = (slow?.ert.length ?? 0) - 1;
    // (500 + 500 + 3 × 1000) / 2 hits.
    expect(slow?.ert[last]).toBe(2000);
    expect(slow?.successes[last]).toBe(2);
    expect(f?.rows.find((r) => r.trainer === 'fast')?.ert[last]).toBe(300);
    // f − f_opt ≤ 10 (the first shown target): every run reaches it, fast at 100, slow at 200.
    expect(slow?.ert[0]).toBe(200);
  });

  it('--currency switches every table without rerunning (FLOPs are 10× the evaluations here)', () => {
    const a = anytimeReport(header(experiment(['fast', 'slow'])), records, 'flops');
    const f = a.tasks.find((t) => t.task === 'f');
    expect(f?.currency).toBe('flops');
    expect(f?.rows.find((r) => r.trainer === 'slow')?.ert.at(-1)).toBe(20000);
    expect(ertMarkdown(a, 'f')).toMatch(/expected running time in FLOPs/);
    expect(anytimeReport(header(experiment(['fast', 'slow'])), records, 'wallSeconds').tasks[0]?.rows[0]?.ert.at(-1)).toBeCloseTo(0.3, 12);
  });

  it('the ECDF rises to the share of (run, target) pairs reached and runs on to the largest spend', () => {
    const a = anytimeReport(header(experiment(['fast', 'slow'])), records);
    const ecdf = a.tasks[0]?.ecdf ?? [];
    for (const trainer of ['fast', 'slow']) {
      const mine = ecdf.filter((p) => p.trainer === trainer);
      for (let i = 1; i < mine.length; i++) {
        expect(mine[i]?.x).toBeGreaterThanOrEqual(mine[i - 1]?.x as number);
        expect(mine[i]?.fraction).toBeGreaterThanOrEqual(mine[i - 1]?.fraction as number);
      }
      expect(mine[0]?.fraction).toBe(0);
    }
    expect(ecdf.filter((p) => p.trainer === 'fast').at(-1)).toEqual({ trainer: 'fast', x: 300, fraction: 1 });
    const slowEnd = ecdf.filter((p) => p.trainer === 'slow').at(-1);
    expect(slowEnd?.x).toBe(1000);
    expect(slowEnd?.fraction).toBeLessThan(1);
  });

  it('tests declared comparisons by runtime with Holm over all of them, and aggregates tasks that share a currency', () => {
    const both = [...records, ...records.map((r) => ({ ...r, task: 'g', runId: r.runId.replace(/^f/, 'g') }))];
    const a = anytimeReport(header(experiment(['fast', 'slow'], [{ trainer: 'fast', against: ['slow'], tasks: ['f', 'g'] }])), both);
    expect(a.comparisons).toHaveLength(2);
    const c = a.comparisons[0];
    expect(c?.successes).toEqual([5, 2]);
    expect(c?.better).toBe('trainer');
    expect(c?.pHolm).toBeCloseTo(Math.min(1, 2 * (c?.p as number)), 12);
    expect(a.overall).toHaveLength(1);
    expect(a.overall[0]?.tasks).toEqual(['f', 'g']);
    expect(anytimeNotesMarkdown(a)).toMatch(/### Runtime comparisons \(evaluations\)/);
  });

  it('reads files written before anytime traces from their curves, and flags those ERTs as approximate', () => {
    const old = objectiveRun('fast', 0, [10, 1e-9]);
    const { anytime: _dropped, ...rest } = old;
    const legacy: RunRecord = {
      ...rest,
      curve: [
        { step: 1, flops: 1000, evaluations: 100, value: 10 },
        { step: 2, flops: 2000, evaluations: 200, value: 1e-9 },
      ],
    };
    const a = anytimeReport(header(experiment(['fast'])), [legacy]);
    const row = a.tasks[0]?.rows[0];
    expect(row?.approximate).toBe(true);
    expect(row?.ert.at(-1)).toBe(200);
    expect(anytimeReport(header(experiment(['fast'])), [legacy], 'gradientSteps').tasks[0]?.recorded).toBe(false);
  });
});
