import type { ControlTask, Environment, VectorEnvironment, VectorStepResult } from '../contract/task.js';

/** Columns of a task's action rows: 1 (the index) for discrete tasks, `actionSize` for continuous ones. */
export const actionWidth = (task: ControlTask): number => (task.actionKind === 'discrete' ? 1 : task.actionSize);

/**
 * `count` environments of `task` stepped together: the task's own vectorised environment where
 * it has one (`createVectorEnvironment`), else `count` of its scalar environments side by side.
 *
 * @example
 * const envs = vectorEnvironment(task, 8);
 * let observations = envs.reset([0, 1, 2, 3, 4, 5, 6, 7]); // 8 × observationSize
 */
export function vectorEnvironment(task: ControlTask, count: number): VectorEnvironment {
  return task.createVectorEnvironment?.(count) ?? new EnvironmentBatch(task, count);
}

/** The fallback: scalar environments side by side, their results gathered into rows. */
class EnvironmentBatch implements VectorEnvironment {
  private readonly envs: Environment[];
  private readonly observations: Float32Array;
  private readonly width: number;
  private readonly states: (Float32Array | undefined)[];
  private readonly rewards: Float64Array;
  private readonly terminated: Uint8Array;
  private readonly truncated: Uint8Array;

  constructor(
    private readonly task: ControlTask,
    readonly count: number,
  ) {
    this.envs = Array.from({ length: count }, () => task.createEnvironment());
    this.observations = new Float32Array(count * task.observationSize);
    this.width = actionWidth(task);
    this.states = new Array(count);
    this.rewards = new Float64Array(count);
    this.terminated = new Uint8Array(count);
    this.truncated = new Uint8Array(count);
  }

  reset(seeds: ArrayLike<number>): Float32Array {
    return this.resetWhere(seeds, new Uint8Array(this.count).fill(1));
  }

  resetWhere(seeds: ArrayLike<number>, which: Uint8Array): Float32Array {
    const k = this.task.observationSize;
    for (let i = 0; i < this.count; i++) if (which[i] === 1) this.observations.set(this.envs[i].reset(seeds[i]).subarray(0, k), i * k);
    return this.observations;
  }

  step(actions: Float32Array, active: Uint8Array): VectorStepResult {
    const k = this.task.observationSize;
    const w = this.width;
    const { rewards, terminated, truncated } = this;
    rewards.fill(0);
    terminated.fill(0);
    truncated.fill(0);
    for (let i = 0; i < this.count; i++) {
      if (active[i] !== 1) continue;
      const action = this.task.actionKind === 'discrete' ? actions[i * w] : actions.slice(i * w, (i + 1) * w);
      const r = this.envs[i].step(action);
      this.observations.set(r.observation.subarray(0, k), i * k);
      rewards[i] = r.reward;
      terminated[i] = r.terminated ? 1 : 0;
      truncated[i] = r.truncated ? 1 : 0;
      const state = (r as { state?: unknown }).state;
      this.states[i] = state instanceof Float32Array ? state : undefined;
    }
    return { observations: this.observations, rewards, terminated, truncated, stateOf: (i) => this.states[i] };
  }
}
