import {
  type Checkpoint,
  type ControlTask,
  type FitRequest,
  type FitStatus,
  type Metrics,
  type Model,
  actionWidth,
  validateFitRequest,
} from '@evoprop/core';
import { decodeState } from '@evoprop/core/training';
import type { Rng } from '@evoprop/tensor';
import { RlError } from '../errors.js';
import type { ActorCriticOptions } from './actor-critic.js';
import { evaluatePolicy, evaluationSeeds } from './evaluate.js';
import { PolicyOptimizer } from './optimizer.js';
import { Agent, controlTaskOf } from './run-state.js';

/** The settings every policy-gradient trainer here reads when it sets a run up. */
export type PolicyRunSettings = Pick<ActorCriticOptions, 'hidden' | 'activation' | 'logStdInit' | 'useSde' | 'orthoInit'> &
  Readonly<{ normalizeObservations: boolean; clipObservations: number; maxGradNorm: number; evaluationEpisodes: number }>;

/** What a policy-gradient run starts from: the task, the agent and its optimizer, and the run's fixed seeds. */
export type PolicyRun = Readonly<{
  task: ControlTask;
  agent: Agent;
  optimizer: PolicyOptimizer;
  /** Training episode n of the run has seed `seedBase + n`. */
  seedBase: number;
  /** Seeds of the held-out episodes behind the `return` metric. */
  heldOut: readonly number[];
  /** Observation size. */
  k: number;
  /** Action width (1 for discrete actions). */
  w: number;
}>;

/**
 * The setup PPO and REINFORCE share, in the order that fixes their random streams: the request
 * checked, the control task taken, the agent initialised from `rng.fork('init')`, training
 * episode seeds from `rng.fork('episodes')`, held-out seeds from the run's seed.
 */
export function startPolicyRun(request: FitRequest, trainerId: string, c: PolicyRunSettings): PolicyRun {
  validateFitRequest(request, trainerId); // budget and task shape first: a ConfigError naming the key, as every trainer
  const task = controlTaskOf(request.task, trainerId);
  const agent = new Agent(task, c, c.normalizeObservations ? c.clipObservations : null, request.rng.fork('init'), request.model);
  const optimizer = new PolicyOptimizer(agent.net, c.maxGradNorm);
  const seedBase = request.rng.fork('episodes').int(0, 2 ** 30);
  const heldOut = evaluationSeeds(request.rng.seed, c.evaluationEpisodes);
  return { task, agent, optimizer, seedBase, heldOut, k: task.observationSize, w: actionWidth(task) };
}

/** A run state from a checkpoint of `trainerId`, checked for its version and the run's seed. */
export function decodeRunState<S extends { version: 1; seed: string }>(checkpoint: Checkpoint, rng: Rng, trainerId: string): S {
  const where = `${trainerId}.fit(resume)`;
  if (checkpoint.trainerId !== trainerId) throw new RlError(where, `a checkpoint of trainer '${trainerId}'`, `'${checkpoint.trainerId}'`);
  const s = decodeState(checkpoint.state) as S;
  if (s?.version !== 1) throw new RlError(where, 'checkpoint state version 1', JSON.stringify(s?.version));
  if (s.seed !== rng.seed) throw new RlError(where, `the run's rng seed '${s.seed}'`, `'${rng.seed}'`);
  return s;
}

/** `return` and `return.steps` of the greedy `model` on the held-out episodes. */
export function heldOutMetrics(task: ControlTask, model: Model, heldOut: readonly number[]): Metrics {
  const held = evaluatePolicy(task, model, heldOut);
  return { return: held.return, 'return.steps': held.steps };
}

/** The loop's `finalMetrics` of a policy-gradient run: the returned policy on the held-out episodes (none after a divergence). */
export const policyFinalMetrics =
  (task: ControlTask, heldOut: readonly number[]) =>
  (model: Model, _: unknown, status: FitStatus): Metrics =>
    status === 'diverged' ? {} : heldOutMetrics(task, model, heldOut);
