import { describe, expect, it } from 'vitest';
import { taskCharts } from './charts.js';
import { record } from '../testing-fixtures/run-record.js';

const scheduleValues = (spec: Readonly<Record<string, unknown>> | undefined): Record<string, unknown>[] =>
  (spec?.data as { values: Record<string, unknown>[] } | undefined)?.values ?? [];

// PBT's extras as the hybrid trainer writes them: one entry per member and ready round.
const pbtSchedule = [
  { step: 0, member: 0, learningRate: 0.1, l2: 0, score: 0.5 },
  { step: 0, member: 1, learningRate: 0.01, l2: 1e-4, score: 0.6 },
  { step: 50, member: 0, learningRate: 0.012, l2: 1e-4, source: 1, action: 'exploit' },
  { step: 50, member: 1, learningRate: 0.01, l2: 1e-4, optimizer: 'adam' },
];

describe('taskCharts: hyperparameter schedules', () => {
  it('plots every numeric hyperparameter of the lowest seed, one series per member', () => {
    const records = [
      record('pbt', 1, 0.9, { extras: { pbtSchedule: [{ step: 0, member: 0, learningRate: 99 }] } }),
      record('pbt', 0, 0.8, { extras: { pbtSchedule } }),
      record('adam', 0, 0.85),
    ];
    const chart = taskCharts('xor', records).find((c) => c.id === 'xor-schedule');
    expect(chart?.title).toBe('hyperparameter schedules (PBT)');
    const values = scheduleValues(chart?.spec);
    expect(values).toHaveLength(8);
    expect(new Set(values.map((v) => v.hyperparameter))).toEqual(new Set(['learningRate', 'l2']));
    expect(new Set(values.map((v) => v.series))).toEqual(new Set(['pbt (seed 0) member 0', 'pbt (seed 0) member 1']));
    expect(values).toContainEqual({ series: 'pbt (seed 0) member 0', hyperparameter: 'learningRate', step: 50, value: 0.012 });
    expect(values.some((v) => v.value === 99)).toBe(false);
  });

  it('falls back to bestSchedule, and draws no schedule chart without one', () => {
    const best = taskCharts('xor', [
      record('pbt', 0, 0.8, {
        extras: {
          bestSchedule: [
            { step: 0, learningRate: 0.1 },
            { step: 10, learningRate: 0.05 },
          ],
        },
      }),
    ]);
    const values = scheduleValues(best.find((c) => c.id === 'xor-schedule')?.spec);
    expect(values).toEqual([
      { series: 'pbt (seed 0)', hyperparameter: 'learningRate', step: 0, value: 0.1 },
      { series: 'pbt (seed 0)', hyperparameter: 'learningRate', step: 10, value: 0.05 },
    ]);
    expect(taskCharts('xor', [record('adam', 0, 0.9)]).some((c) => c.id === 'xor-schedule')).toBe(false);
  });
});
