import { describe, expect, it } from 'vitest';
import { createDefaultCatalog } from '../catalog/default-catalog.js';
import type { RunSpec } from '../experiment/experiment.js';
import { runSpec } from '../testing-fixtures/run-spec.js';
import { executeRun } from './execute-run.js';

const spec = (trainerId: string): RunSpec =>
  runSpec(
    trainerId,
    'bbob-sphere',
    { evaluations: 4000, target: { metric: 'val.objective', value: 1e-8, direction: 'min' } },
    { task: 'sphere', boundaryGrid: 8 },
  );

describe('a run records its anytime profile', () => {
  it('CMA-ES on BBOB f1: cost in every currency where val.objective crossed a level, ending at the 1e-8 hit', async () => {
    const r = await executeRun(spec('cma-es'), await createDefaultCatalog(), new AbortController().signal);
    const a = r?.anytime;
    expect(r?.solved).toBe(true);
    expect(a?.metric).toBe('val.objective');
    expect(a?.optimum).toBe(0);
    const n = a?.step.length ?? 0;
    // A few dozen rows for hundreds of generations: crossings of 20 levels per decade only.
    expect(n).toBeGreaterThan(10);
    expect(n).toBeLessThan(a?.events ?? 0);
    for (const column of [a?.flops, a?.evaluations, a?.gradientSteps, a?.epochs, a?.generations, a?.best, r?.timing.anytimeWallSeconds])
      expect(column).toHaveLength(n);
    expect(a?.evaluations.at(-1)).toBe(r?.cost.evaluations);
    expect(a?.flops.at(-1)).toBe(r?.cost.flops);
    expect(a?.best.at(-1)).toBeLessThanOrEqual(1e-8);
    // Costs only grow.
    for (let i = 1; i < n; i++) expect(a?.evaluations[i]).toBeGreaterThan(a?.evaluations[i - 1] as number);
  });
});
