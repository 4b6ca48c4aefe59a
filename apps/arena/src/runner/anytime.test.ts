import type { ProgressEvent } from '@evoprop/core';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { cocoTargets } from '../report/targets.js';
import { anytimeTrace, gridLevel } from './anytime.js';

/** A progress event after `step` steps, 10 evaluations and 1000 FLOPs each. */
const event = (step: number, metrics: Record<string, number>): ProgressEvent => ({
  type: 'progress',
  step,
  cost: { flops: 1000 * step, evaluations: 10 * step, gradientSteps: 2 * step, epochs: 0, generations: step, wallSeconds: step / 100 },
  metrics,
});

describe('anytimeTrace', () => {
  it('keeps the first and last events and each one where the best value crosses a new grid level', () => {
    const values = [5, 6, 3.9, 1, 0.99, 1.5, 1e-3, 1e-3, 2e-3];
    const history = values.map((v, i) => event(i + 1, { 'val.objective': v, loss: 100 }));
    const { trace, wallSeconds } = anytimeTrace(history, 'val.objective', 'min', 0);
    // Levels ⌊−20·log10 v⌋: 5 → −14 (first), 3.9 → −12, 1 → 0, 0.99 → 0 (same cell: dropped), 1e-3 → 60, then the last event.
    expect(trace.step).toEqual([1, 3, 4, 7, 9]);
    expect(trace.best).toEqual([5, 3.9, 1, 1e-3, 1e-3]);
    expect(trace.evaluations).toEqual([10, 30, 40, 70, 90]);
    expect(trace.gradientSteps).toEqual([2, 6, 8, 14, 18]);
    expect(wallSeconds).toEqual([0.01, 0.03, 0.04, 0.07, 0.09]);
    expect(trace.events).toBe(9);
  });

  it('hitting times of every COCO target read off the trace equal those of the full history', () => {
    const rng = Rng.fromSeed('anytime/property');
    for (let run = 0; run < 20; run++) {
      let v = 10 ** rng.uniform(0, 3);
      const history: ProgressEvent[] = [];
      for (let step = 1; step <= 400; step++) {
        v *= 10 ** rng.normal(-0.03, 0.1);
        history.push(event(step, { 'val.objective': 3 + v }));
      }
      const { trace } = anytimeTrace(history, 'val.objective', 'min', 3);
      expect(trace.step.length).toBeLessThan(history.length);
      for (const t of cocoTargets) {
        const full = history.find((e) => (e.metrics['val.objective'] as number) - 3 <= t)?.cost.evaluations ?? null;
        const i = trace.best.findIndex((b) => b !== null && b - 3 <= t);
        expect(i === -1 ? null : trace.evaluations[i]).toBe(full);
      }
    }
  });

  it('accuracy crossings on a 0.001 grid; events without the metric keep the best so far', () => {
    const history = [
      event(1, { loss: 1 }),
      event(2, { 'val.accuracy': 0.5 }),
      event(3, { loss: 0.5 }),
      event(4, { 'val.accuracy': 0.5004 }),
      event(5, { 'val.accuracy': 0.9 }),
      event(6, { 'val.accuracy': 0.8 }),
    ];
    const { trace } = anytimeTrace(history, 'val.accuracy', 'max', null);
    expect(trace.step).toEqual([1, 2, 5, 6]);
    expect(trace.best).toEqual([null, 0.5, 0.9, 0.9]);
  });

  it('grid levels: 20 per decade below, 0.001 steps for accuracy, the value itself otherwise', () => {
    expect(gridLevel(1e-8, 'min', 'val.objective', 0)).toBe(160);
    expect(gridLevel(5, 'min', 'objective', 5)).toBe(Number.POSITIVE_INFINITY);
    expect(gridLevel(0.95, 'max', 'val.accuracy', null)).toBe(950);
    expect(gridLevel(123.5, 'max', 'return', null)).toBe(123.5);
  });
});
