import { describe, expect, it } from 'vitest';
import type { RunSpec } from '../experiment/experiment.js';
import { createCatalog } from '../testing-fixtures/stub-catalog.js';
import { runSpec } from '../testing-fixtures/run-spec.js';
import { executeRun } from './execute-run.js';

const spec = (trainerId: string, over: Partial<RunSpec> = {}): RunSpec =>
  runSpec(trainerId, 'blobs', { evaluations: 4000, target: { metric: 'accuracy', value: 0.9 } }, over);
const run = (s: RunSpec) => executeRun(s, createCatalog(), new AbortController().signal);

describe("success is one truth: the returned model on held-out data, whatever the trainer's history says", () => {
  it("a run that says 'reached-target' (history: val.accuracy 1) but returns a model that misses is not a success", async () => {
    const r = await run(spec('claims-target'));
    expect(r?.status).toBe('reached-target');
    expect(r?.solved).toBe(false);
    expect(r?.reached).toBeNull();
    // The arena's own test evaluation agrees: an all-zero network predicts one class.
    expect(r?.final).toBeLessThan(0.9);
  });
  it('the same with a non-stopping experiment target', async () => {
    const r = await run(spec('claims-target', { budget: { evaluations: 4000 }, target: { metric: 'accuracy', value: 0.9 } }));
    expect(r?.solved).toBe(false);
  });
  it('a successful run always has a cost to target (the first held-out hit, or the whole run)', async () => {
    const climbed = await run(spec('hill-climb', { budget: { evaluations: 4000 }, target: { metric: 'accuracy', value: 0.8 } }));
    expect(climbed?.solved).toBe(true);
    // hill-climb reports only a training accuracy: no held-out value on the way, so the whole run's cost.
    expect(climbed?.reached).toEqual({ step: expect.any(Number), flops: climbed?.cost.flops, evaluations: climbed?.cost.evaluations });
  });
});
