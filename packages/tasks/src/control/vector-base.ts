import type { VectorEnvironment, VectorStepResult } from '@evoprop/core';
import { EnvironmentError } from '../errors.js';

/** What a physics environment supplies to {@link PhysicsVectorEnvironment}: one environment's rules on a float64 state. */
export type PhysicsRules = Readonly<{
  /** Environment name for errors (`'cart-pole'`). */
  name: string;
  /** State variables per environment. */
  variables: number;
  /** Observation values per environment. */
  observationSize: number;
  /** Episode cap (steps). */
  maxSteps: number;
  /** Writes the start state of the episode that `seed` picks into `state`. */
  start(seed: number, state: Float64Array): void;
  /** Moves `state` by one action (a single action value); returns true when it reached a terminal state. */
  advance(state: Float64Array, action: number): boolean;
  /**
   * Reward of the step just taken (terminal or not). Called right after `advance` for the same
   * environment, so rules whose reward depends on the action or the state before the step
   * (Pendulum's cost, MountainCarContinuous's action penalty) may compute it in `advance`.
   */
  reward(terminated: boolean): number;
  /** Writes the observation of `state` at `out[offset...]`. */
  observe(state: Float64Array, out: Float32Array, offset: number): void;
  /** Whether steps report the full state (`stateOf`), as double pole does for its damping fitness. */
  reportsState: boolean;
}>;

/**
 * `count` copies of a physics environment stepped together, the state one Float64Array per
 * variable. Each environment is moved through a float64 scratch copy of its variables by the
 * same function the scalar environment uses, so its trajectory is bit-identical to the scalar one.
 */
export class PhysicsVectorEnvironment implements VectorEnvironment {
  /** The state variables, one Float64Array of `count` values each. */
  readonly variables: readonly Float64Array[];
  private readonly steps: Int32Array;
  private readonly running: Uint8Array;
  private readonly observations: Float32Array;
  private readonly rewards: Float64Array;
  private readonly terminated: Uint8Array;
  private readonly truncated: Uint8Array;
  private readonly scratch: Float64Array;

  /**
   * @param rules One environment's rules.
   * @param count Number of environments.
   */
  constructor(
    private readonly rules: PhysicsRules,
    readonly count: number,
  ) {
    this.variables = Array.from({ length: rules.variables }, () => new Float64Array(count));
    this.scratch = new Float64Array(rules.variables);
    this.steps = new Int32Array(count);
    this.running = new Uint8Array(count);
    this.observations = new Float32Array(count * rules.observationSize);
    this.rewards = new Float64Array(count);
    this.terminated = new Uint8Array(count);
    this.truncated = new Uint8Array(count);
  }

  /** Starts environment i's episode from `seeds[i]`, for every i; returns the observations, `count × observationSize`. */
  reset(seeds: ArrayLike<number>): Float32Array {
    return this.resetWhere(seeds, new Uint8Array(this.count).fill(1));
  }

  /** Starts a new episode from `seeds[i]` in the environments i with `which[i] === 1`; the others keep their state. */
  resetWhere(seeds: ArrayLike<number>, which: Uint8Array): Float32Array {
    for (let i = 0; i < this.count; i++) {
      if (which[i] !== 1) continue;
      this.rules.start(seeds[i], this.scratch);
      this.store(i);
      this.steps[i] = 0;
      this.running[i] = 1;
    }
    return this.observations;
  }

  /** One step of every active environment with its action `actions[i]`; terminated on a terminal state, truncated at the cap. */
  step(actions: Float32Array, active: Uint8Array): VectorStepResult {
    const { rewards, terminated, truncated, scratch: s, rules } = this;
    rewards.fill(0);
    terminated.fill(0);
    truncated.fill(0);
    for (let i = 0; i < this.count; i++) {
      if (active[i] !== 1) continue;
      if (this.running[i] !== 1)
        throw new EnvironmentError(rules.name, `reset(seeds) before stepping environment ${i} again`, 'a step after its episode ended');
      for (let v = 0; v < s.length; v++) s[v] = this.variables[v][i];
      const failed = rules.advance(s, actions[i]);
      this.store(i);
      this.steps[i]++;
      terminated[i] = failed ? 1 : 0;
      truncated[i] = !failed && this.steps[i] >= rules.maxSteps ? 1 : 0;
      rewards[i] = rules.reward(failed);
      if (failed || truncated[i] === 1) this.running[i] = 0;
    }
    const result = { observations: this.observations, rewards, terminated, truncated };
    return rules.reportsState ? { ...result, stateOf: this.stateOf } : result;
  }

  /** Environment i's full state, float32. */
  private readonly stateOf = (i: number): Float32Array => Float32Array.from(this.variables, (v) => v[i]);

  /** Writes the scratch state into environment i's variables and its observation row. */
  private store(i: number): void {
    for (let v = 0; v < this.scratch.length; v++) this.variables[v][i] = this.scratch[v];
    this.rules.observe(this.scratch, this.observations, i * this.rules.observationSize);
  }
}
