import type { RunRecord } from '../runner/record.js';

/**
 * A finished run on xor for report tests: `final` null makes it a crashed run; a final of at
 * least 0.9 counts as solved, reached after 100·(seed + 1) FLOPs. `extra` overrides any field.
 */
export function record(trainer: string, seed: number, final: number | null, extra: Partial<RunRecord> = {}): RunRecord {
  return {
    type: 'run',
    runId: `xor/${trainer}/${seed}`,
    index: 0,
    task: 'xor',
    taskId: 'xor',
    trainer,
    trainerId: trainer,
    config: {},
    seed,
    taskSeed: seed,
    ok: final !== null,
    status: final === null ? 'crashed' : 'budget-exhausted',
    reason: final === null ? 'boom' : 'flops',
    metric: 'accuracy',
    direction: 'max',
    final,
    metrics: {},
    target: { metric: 'accuracy', value: 0.9, direction: 'max' },
    solved: final !== null && final >= 0.9,
    reached: final !== null && final >= 0.9 ? { step: 3, flops: 100 * (seed + 1), evaluations: 10 } : null,
    cost: { flops: 1000, evaluations: 0, gradientSteps: 0, epochs: 0, generations: 0 },
    curveMetric: 'accuracy',
    curve: [],
    boundary: null,
    extras: null,
    model: null,
    timing: { wallSeconds: 1, reachedWallSeconds: null, curveWallSeconds: [] },
    ...extra,
  };
}
