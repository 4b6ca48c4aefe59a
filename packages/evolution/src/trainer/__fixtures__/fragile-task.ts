import { existsSync, writeFileSync } from 'node:fs';
import type { ObjectiveTask } from '@evoprop/core';

/** Spec of a test objective whose worker-side evaluation misbehaves on purpose. */
export type FragileSpec = { mode: 'ok' | 'throw-always' | 'crash-once'; marker: string; dimension: number };

export function fragileTask(spec: FragileSpec): ObjectiveTask & { spec: FragileSpec } {
  return {
    kind: 'objective',
    id: `fragile-${spec.mode}`,
    seed: 0,
    description: 'sphere whose evaluation fails on purpose (tests worker retries)',
    metric: 'objective',
    dimension: spec.dimension,
    optimum: 0,
    initialPoint: new Float64Array(spec.dimension).fill(1),
    sigma: 0.5,
    spec,
    evaluate(x) {
      if (spec.mode === 'throw-always') throw new Error('fragile task: evaluation failed on purpose');
      if (spec.mode === 'crash-once' && !existsSync(spec.marker)) {
        writeFileSync(spec.marker, 'crashed');
        process.exit(3); // kills only this worker thread
      }
      let s = 0;
      for (const v of x) s += v * v;
      return s;
    },
  };
}
