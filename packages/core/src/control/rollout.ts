import { noGrad, Tensor } from '@evoprop/tensor';
import type { ControlTask } from '../contract/task.js';
import { ConfigError } from '../errors.js';
import type { Model } from '../model/model.js';
import { writeAction } from './actions.js';
import { actionWidth, vectorEnvironment } from './vector-environment.js';

/**
 * Chooses the actions of the environments still running. Row r of `observations`
 * (`rows × observationSize`) belongs to environment `envs[r]`; write its action into row r of
 * `actions` (`rows × 1` indices for discrete tasks, `rows × actionSize` values for continuous ones).
 * Both buffers are reused by the next step: copy what must outlive the call.
 */
export type Policy = Readonly<{
  /** Writes one action row per observation row. */
  act(observations: Float32Array, envs: Int32Array, actions: Float32Array): void;
  /** Called before environment `env`'s episode starts (a recurrent policy clears its state). */
  reset?(env: number): void;
}>;

/** The outcome of one episode. */
export type Episode = Readonly<{
  /** Steps taken. */
  steps: number;
  /** Sum of the rewards, in step order. */
  return: number;
  /** The task's `episodeFitness` when it has one, else the return. */
  fitness: number;
  /** The episode ended in a terminal state (a pole fell). */
  terminated: boolean;
  /** The task's `episodeBehaviour` of the episode, when the task has one. */
  behaviour?: readonly number[];
  /** The episode was cut by the step cap (`task.maxSteps`, or a shorter `maxSteps` of the rollout's options) without a terminal state. */
  truncated: boolean;
}>;

/** Options of {@link rollout}. */
export type RolloutOptions = Readonly<{
  /**
   * A shorter step limit than `task.maxSteps` for these episodes (an integer ≥ 1; larger values
   * are clamped to `task.maxSteps`): the horizon of rollouts truncated by a budget. An episode
   * cut there is `truncated`, as one cut by the task's own limit.
   */
  maxSteps?: number;
}>;

/**
 * Runs one episode per seed, all environments stepped together (see {@link vectorEnvironment}),
 * until each terminates or reaches `task.maxSteps` (or `options.maxSteps`, when shorter). The policy sees only the environments still
 * running. Episode i's return and fitness are those of a single episode from `seeds[i]`: rewards
 * are summed per environment in step order, and the history handed to `episodeFitness` holds
 * each step's full state where the environment reports one, else its observation.
 *
 * @example
 * const [episode] = rollout(task, modelPolicy(model, task), [seed]);
 * episode.return; episode.terminated; // a pole fell (false: it balanced until maxSteps)
 */
export function rollout(task: ControlTask, policy: Policy, seeds: readonly number[], options: RolloutOptions = {}): Episode[] {
  const horizon = options.maxSteps === undefined ? task.maxSteps : Math.min(task.maxSteps, options.maxSteps);
  if (!(Number.isInteger(horizon) && horizon >= 1)) {
    throw new ConfigError('rollout maxSteps', `an integer ≥ 1 (at most the task's ${task.maxSteps})`, String(options.maxSteps));
  }
  const count = seeds.length;
  const k = task.observationSize;
  const w = actionWidth(task);
  const env = vectorEnvironment(task, count);
  let observations = env.reset(seeds);
  for (let i = 0; i < count; i++) policy.reset?.(i);
  const keepHistory = task.episodeFitness !== undefined || task.episodeBehaviour !== undefined;
  const histories: Float32Array[][] = Array.from({ length: count }, () => []);
  const steps = new Int32Array(count);
  const returns = new Float64Array(count);
  const terminated = new Uint8Array(count);
  const truncated = new Uint8Array(count);
  const active = new Uint8Array(count).fill(1);
  const actions = new Float32Array(count * w);
  let running = count;
  let envs = Int32Array.from({ length: count }, (_, i) => i);
  let batch = new Float32Array(count * k);
  let rowActions = new Float32Array(count * w);
  while (running > 0) {
    if (envs.length !== running) {
      // Some episodes ended: the rows shrink to the environments still running.
      envs = new Int32Array(running);
      for (let i = 0, r = 0; i < count; i++) if (active[i] === 1) envs[r++] = i;
      batch = new Float32Array(running * k);
      rowActions = new Float32Array(running * w);
    }
    for (let r = 0; r < running; r++) {
      const i = envs[r];
      for (let j = 0; j < k; j++) batch[r * k + j] = observations[i * k + j];
    }
    policy.act(batch, envs, rowActions);
    for (let r = 0; r < running; r++) {
      const i = envs[r];
      for (let j = 0; j < w; j++) actions[i * w + j] = rowActions[r * w + j];
    }
    const result = env.step(actions, active);
    observations = result.observations;
    for (let r = 0; r < envs.length; r++) {
      const i = envs[r];
      steps[i]++;
      returns[i] += result.rewards[i];
      if (keepHistory) histories[i].push(result.stateOf?.(i) ?? observations.slice(i * k, (i + 1) * k));
      terminated[i] = result.terminated[i];
      truncated[i] = terminated[i] === 0 && (result.truncated[i] === 1 || steps[i] >= horizon) ? 1 : 0;
      if (terminated[i] === 1 || truncated[i] === 1) {
        active[i] = 0;
        running--;
      }
    }
  }
  return Array.from(seeds, (_, i) => ({
    steps: steps[i],
    return: returns[i],
    fitness: task.episodeFitness?.(steps[i], returns[i], histories[i]) ?? returns[i],
    ...(task.episodeBehaviour === undefined ? {} : { behaviour: task.episodeBehaviour(steps[i], returns[i], histories[i]) }),
    terminated: terminated[i] === 1,
    truncated: truncated[i] === 1,
  }));
}

/**
 * A model as a policy: one forward pass over the running environments' observations (no
 * gradients recorded), each output row turned into an action by {@link writeAction}.
 */
export function modelPolicy(model: Model, task: ControlTask): Policy {
  const w = actionWidth(task);
  return {
    act(observations, envs, actions) {
      const rows = envs.length;
      const x = new Tensor(Float32Array.from(observations), [rows, task.observationSize]);
      const out = noGrad(() => model.forward(x, 'eval')).data;
      const outputs = out.length / rows;
      for (let r = 0; r < rows; r++) writeAction(task, out, r * outputs, actions, r * w);
    },
  };
}
