import { describe, expect, it } from 'vitest';
import type { Experiment } from '../experiment/experiment.js';
import type { HeaderRecord, RunRecord } from '../runner/record.js';
import { markdownReport } from './markdown.js';
import { record } from '../testing-fixtures/run-record.js';
import { summarize } from './summarize.js';

const experiment: Experiment = {
  name: 't',
  tasks: [{ id: 'xor', label: 'xor', options: {}, budget: { flops: 1000 } }],
  trainers: ['a', 'b', 'c', 'broken'].map((id) => ({ id, label: id, config: {} })),
  seeds: [0, 1, 2, 3, 4],
  budget: { flops: 1000 },
  taskSeed: 'per-seed',
  curvePoints: 10,
  boundaryGrid: 8,
};
const header: HeaderRecord = { type: 'experiment', version: 1, experiment, runs: 20, skipped: [] };

const records: RunRecord[] = [
  ...[0.9, 0.95, 0.97, 1.0, 0.92].map((v, s) => record('a', s, v)),
  ...[0.5, 0.6, 0.55, 0.7, 0.65].map((v, s) =>
    record('b', s, v, s === 0 ? { cost: { flops: 1200, evaluations: 0, gradientSteps: 0, epochs: 0, generations: 0 } } : {}),
  ),
  ...[0.81, 0.83, 0.79, 0.9, 0.85].map((v, s) => record('c', s, v)),
  ...[0, 1, 2, 3, 4].map((s) => record('broken', s, null)),
];

describe('summarize', () => {
  const s = summarize(header, records);
  const row = (t: string) => s.tasks[0]?.trainers.find((r) => r.trainer === t);

  it('ranks by mean in the metric direction; all-failed trainers last', () => {
    expect(['a', 'c', 'b', 'broken'].map((t) => row(t)?.rank)).toEqual([1, 2, 3, 4]);
    expect(row('a')?.best).toBe(true);
    expect(row('broken')?.failed).toBe(5);
    expect(row('broken')?.mean).toBeNull();
  });

  it('tests each trainer against the best with Mann-Whitney U and Holm-corrects', () => {
    // scipy 1.17: mannwhitneyu(b, a) → U = 0, p = 0.007936507936507936 (exact);
    // mannwhitneyu(c, a) → U = 0.5, p = 0.015970696353780123 (a tie at 0.9: asymptotic).
    expect(row('b')?.vsBest?.u).toBe(0);
    expect(row('b')?.vsBest?.p).toBeCloseTo(0.007936507936507936, 9);
    expect(row('c')?.vsBest?.u).toBe(0.5);
    expect(row('c')?.vsBest?.p).toBeCloseTo(0.015970696353780123, 6);
    expect(row('b')?.vsBest?.pHolm).toBeCloseTo(2 * 0.007936507936507936, 9);
    expect(row('c')?.vsBest?.pHolm).toBeCloseTo(0.015970696353780123, 6);
    expect(row('broken')?.vsBest).toBeNull();
  });

  it('reports success rate, cost to target and over-budget runs', () => {
    expect(row('a')?.successRate).toBe(1);
    expect(row('c')?.successRate).toBe(0.2);
    expect(row('a')?.toTarget.flops).toBe(300);
    expect(row('b')?.overBudget).toBe(1);
    expect(row('a')?.overBudget).toBe(0);
  });

  it('is deterministic and renders one markdown row per trainer', () => {
    expect(summarize(header, records)).toEqual(s);
    const md = markdownReport(s);
    expect(md).toContain('| 1 | a | – | 100 % (5/5) | 0.948 ± 0.040 | 0.950 |');
    expect(md).toContain('| 4 | broken ⚠ 5 failed |');
    expect(md).toContain('b ⚠ 1 over budget');
    expect(md).toContain('Budget per run: 1.00k FLOPs.'); // the currency as a unit after the number
    expect(md).toContain('- broken seed 0: crashed — boom');
  });
});
