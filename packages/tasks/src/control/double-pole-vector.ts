import type { VectorEnvironment, VectorStepResult } from '@evoprop/core';
import { EnvironmentError } from '../errors.js';
import { forceOf } from './cart-pole.js';
import {
  type DoublePoleOptions,
  doublePoleAction,
  doublePoleConstants,
  doublePoleFailed,
  doublePoleStart,
  newWork,
  writeDoublePoleObservation,
} from './double-pole.js';

/**
 * `count` double-pole environments stepped together, the state one Float64Array per variable
 * (x, ẋ, θ1, θ̇1, θ2, θ̇2); each follows exactly the arithmetic of `DoublePoleEnvironment`
 * and reports its full state per step (`states`) for Gruau's damping fitness.
 */
export class DoublePoleVectorEnvironment implements VectorEnvironment {
  /** The six state variables [x, ẋ, θ1, θ̇1, θ2, θ̇2], one Float64Array of `count` values each (SI units). */
  readonly variables: readonly Float64Array[];
  private readonly steps: Int32Array;
  private readonly running: Uint8Array;
  private readonly observations: Float32Array;
  private readonly width: number;
  private readonly scratch = new Float64Array(6);
  private readonly work = newWork();
  private readonly name: string;
  private readonly rewards: Float64Array;
  private readonly terminated: Uint8Array;
  private readonly truncated: Uint8Array;

  /**
   * @param taskSeed The task's seed; with each episode seed it picks random starts.
   * @param options The parsed task options.
   * @param count Number of environments.
   */
  constructor(
    private readonly taskSeed: number,
    private readonly options: DoublePoleOptions,
    readonly count: number,
  ) {
    this.variables = Array.from({ length: 6 }, () => new Float64Array(count));
    this.steps = new Int32Array(count);
    this.running = new Uint8Array(count);
    this.width = options.velocities ? 6 : 3;
    this.observations = new Float32Array(count * this.width);
    this.name = options.velocities ? 'double-pole' : 'double-pole-nv';
    this.rewards = new Float64Array(count);
    this.terminated = new Uint8Array(count);
    this.truncated = new Uint8Array(count);
  }

  /** Starts environment i from `seeds[i]` (per `options.start`), for every i; returns the observations. */
  reset(seeds: ArrayLike<number>): Float32Array {
    for (let i = 0; i < this.count; i++) {
      doublePoleStart(this.taskSeed, this.options, seeds[i], this.scratch);
      this.store(i);
      this.steps[i] = 0;
      this.running[i] = 1;
    }
    return this.observations;
  }

  /** One action (0.02 s) of every active environment; reward 1 while both poles are up. */
  step(actions: Float32Array, active: Uint8Array): VectorStepResult {
    const { rewards, terminated, truncated } = this;
    rewards.fill(0);
    terminated.fill(0);
    truncated.fill(0);
    const s = this.scratch;
    for (let i = 0; i < this.count; i++) {
      if (active[i] !== 1) continue;
      if (this.running[i] !== 1)
        throw new EnvironmentError(this.name, `reset(seeds) before stepping environment ${i} again`, 'a step after its episode ended');
      for (let v = 0; v < 6; v++) s[v] = this.variables[v][i];
      // One action column in both modes: an index (discrete) or a value in [0, 1] (continuous).
      const action = actions[i];
      doublePoleAction(
        s,
        forceOf(this.name, action, this.options.actions, doublePoleConstants.forceMagnitude),
        this.options.integrator,
        this.work,
      );
      this.store(i);
      this.steps[i]++;
      terminated[i] = doublePoleFailed(s) ? 1 : 0;
      truncated[i] = terminated[i] === 0 && this.steps[i] >= this.options.maxSteps ? 1 : 0;
      rewards[i] = terminated[i] === 1 ? 0 : 1;
      if (terminated[i] === 1 || truncated[i] === 1) this.running[i] = 0;
    }
    return { observations: this.observations, rewards, terminated, truncated, stateOf: this.stateOf };
  }

  /** Environment i's full state [x, ẋ, θ1, θ̇1, θ2, θ̇2] (float32, as the scalar environment's `state`). */
  private readonly stateOf = (i: number): Float32Array => Float32Array.from(this.variables, (v) => v[i]);

  /** Writes the scratch state into environment i's variables and its observation row. */
  private store(i: number): void {
    for (let v = 0; v < 6; v++) this.variables[v][i] = this.scratch[v];
    writeDoublePoleObservation(this.scratch, this.options, this.observations, i * this.width);
  }
}
