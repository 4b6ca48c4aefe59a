import { recordFlops } from '@evoprop/tensor';
import type { Schedule } from '../schedules/schedule.js';
import { type GradientTransformation, checkOption, fromInPlace } from './transform.js';

/** u = factor · g. */
export function scale(factor: number): GradientTransformation<null> {
  checkOption('scale', 'factor', factor, () => true, 'a finite number');
  return fromInPlace(
    () => null,
    (u) => {
      for (let i = 0; i < u.length; i++) u[i] = factor * (u[i] as number);
      recordFlops(u.length);
      return null;
    },
    () => null,
  );
}

/** Plain-data state of {@link scaleBySchedule}. */
export type ScheduleState = Readonly<{
  /** Steps taken so far; the next update is scaled by `schedule(count)`. */
  count: number;
}>;

/** u = schedule(count) · g, counting steps in the state. */
export function scaleBySchedule(schedule: Schedule): GradientTransformation<ScheduleState> {
  return fromInPlace(
    () => ({ count: 0 }),
    (u, s) => {
      const factor = schedule(s.count);
      for (let i = 0; i < u.length; i++) u[i] = factor * (u[i] as number);
      recordFlops(u.length);
      return { count: s.count + 1 };
    },
    (s) => s,
  );
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
