import { describe, expect, it } from 'vitest';
import { createDefaultCatalog } from '../catalog/default-catalog.js';
import type { RunSpec } from '../experiment/experiment.js';
import { executeRun } from './execute-run.js';

// Issue 20: every fixed-topology trainer trains the task's recommended network (XOR: 2-4-2, 22
// weights) unless the experiment sets one; before, bare `cma-es` got 2-16-2 and memetic 2-8-8-2.
const catalog = await createDefaultCatalog();
const spec = (trainerId: string, config: Record<string, unknown> = {}): RunSpec => ({
  runId: `xor/${trainerId}/0`,
  index: 0,
  task: 'xor',
  taskId: 'xor',
  taskOptions: {},
  trainer: trainerId,
  trainerId,
  config,
  seed: 0,
  taskSeed: 0,
  budget: { flops: 2e4 },
  curvePoints: 4,
  boundaryGrid: 4,
});
const parametersOf = async (trainerId: string, config?: Record<string, unknown>) =>
  (await executeRun(spec(trainerId, config), catalog, new AbortController().signal))?.model?.parameters;

describe("the task's recommended network", () => {
  it.each(['adam', 'sgd', 'backprop', 'cma-es', 'openai-es', 'ga', 'memetic', 'pbt'])('%s trains 2-4-2 on XOR', async (id) => {
    expect(await parametersOf(id)).toBe(22);
  });

  it("the experiment's own network wins", async () => {
    expect(await parametersOf('cma-es', { model: { hidden: [16] } })).toBe(82);
    expect(await parametersOf('adam', { hidden: [3, 3] })).toBe(9 + 12 + 8);
  });
});
