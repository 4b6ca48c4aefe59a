import { recordFlops } from '@evoprop/tensor';
import type { Schedule } from '../schedules/schedule.js';
import { type GradientTransformation, checkOption } from './transform.js';

/** u = factor · g. */
export function scale(factor: number): GradientTransformation<null> {
  checkOption('scale', 'factor', factor, () => true, 'a finite number');
  return {
    init: () => null,
    update(g) {
      const out = new Float32Array(g.length);
      for (let i = 0; i < g.length; i++) out[i] = factor * (g[i] as number);
      recordFlops(g.length);
      return [out, null];
    },
  };
}

/** Plain-data state of {@link scaleBySchedule}. */
export type ScheduleState = Readonly<{
  /** Steps taken so far; the next update is scaled by `schedule(count)`. */
  count: number;
}>;

/** u = schedule(count) · g, counting steps in the state. */
export function scaleBySchedule(schedule: Schedule): GradientTransformation<ScheduleState> {
  return {
    init: () => ({ count: 0 }),
    update(g, s) {
      const factor = schedule(s.count);
      const out = new Float32Array(g.length);
      for (let i = 0; i < g.length; i++) out[i] = factor * (g[i] as number);
      recordFlops(g.length);
      return [out, { count: s.count + 1 }];
    },
  };
}

/**
 * u = −lr · g: the last link of a descent chain (optax's scale_by_learning_rate; the minus
 * sign makes the result an update to ADD to the parameters).
 */
export function scaleByLearningRate(lr: number | Schedule): GradientTransformation<ScheduleState | null> {
  if (typeof lr === 'number') {
    checkOption('scaleByLearningRate', 'lr', lr, (v) => v >= 0, '≥ 0');
    return scale(-lr) as GradientTransformation<ScheduleState | null>;
  }
  return scaleBySchedule((t) => -lr(t)) as GradientTransformation<ScheduleState | null>;
}
