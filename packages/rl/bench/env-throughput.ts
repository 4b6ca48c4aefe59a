/**
 * Vectorised CartPole-v1 environment steps per second on one core, the environment alone: one
 * `step` over `count` environments per call (one Float64Array per state variable), episodes
 * that end restarted with `resetWhere`, actions from a fixed pattern (no policy). Issue target:
 * ≥ 1,000,000 steps/s.
 */
import type { VectorEnvironment } from '@evoprop/core';
import { createControlTask } from '@evoprop/tasks';

/** Steps per second of stepping `count` cart-poles: the best of three runs of `seconds` each, after a 1 s warm-up (JIT). */
export function cartPoleStepsPerSecond(count: number, seconds: number): number {
  const task = createControlTask('cart-pole', 0);
  const env = task.createVectorEnvironment?.(count) as VectorEnvironment;
  const seeds = Array.from({ length: count }, (_, i) => i);
  env.reset(seeds);
  const actions = new Float32Array(count);
  const active = new Uint8Array(count).fill(1);
  const restart = new Uint8Array(count);
  let next = count;
  const run = (limit: number): { steps: number; ms: number } => {
    let steps = 0;
    const t0 = performance.now();
    let t = 0;
    while (performance.now() - t0 < limit) {
      for (let i = 0; i < count; i++) actions[i] = (i + t) & 1;
      t++;
      const r = env.step(actions, active);
      steps += count;
      let ended = false;
      for (let i = 0; i < count; i++) {
        const done = r.terminated[i] | r.truncated[i];
        restart[i] = done;
        if (done === 1) {
          seeds[i] = next++;
          ended = true;
        }
      }
      if (ended) env.resetWhere?.(seeds, restart);
    }
    return { steps, ms: performance.now() - t0 };
  };
  run(1000);
  let best = 0;
  for (let k = 0; k < 3; k++) {
    const r = run(seconds * 1000);
    best = Math.max(best, (r.steps / r.ms) * 1000);
  }
  return best;
}
