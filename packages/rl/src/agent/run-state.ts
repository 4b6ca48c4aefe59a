import type { ControlTask, Model, Task } from '@evoprop/core';
import { decodeState, encodeState } from '@evoprop/core/training';
import { type Rng, Tensor } from '@evoprop/tensor';
import { RlError } from '../errors.js';
import { ActorCritic, type ActorCriticOptions } from './actor-critic.js';
import { firstDenseLayer, foldObservationNormalizer } from './fold-normalizer.js';
import { type RunningStats, initRunningStats, normalizeRows, updateRunningStats } from './running-stats.js';

/** The control task a policy-gradient trainer needs, or a clear error naming what it got. */
export function controlTaskOf(task: Task, trainer: string): ControlTask {
  if (task.kind !== 'control')
    throw new RlError(`${trainer}.fit`, 'a control task (policy gradients learn from episode rewards)', `${task.kind} task '${task.id}'`);
  return task;
}

/** The parts of a policy-gradient run that every trainer here keeps: networks, optimizer state, observation statistics. */
export type AgentSnapshot = {
  /** Policy, log σ and critic values, in `ActorCritic.gatherParams` order. */
  params: Float32Array;
  /** The optimizer's state. */
  optimizer: unknown;
  /** Running observation statistics, when observations are normalised. */
  stats: RunningStats | null;
};

/** An actor-critic with its optional observation normaliser: what a policy-gradient trainer acts and learns with. */
export class Agent {
  /** The networks. */
  readonly net: ActorCritic;
  /** Running observation statistics (null: observations are used as they come). */
  stats: RunningStats | null;
  /** Bound of normalised observations (VecNormalize's clip_obs). */
  readonly clip: number;
  private scratch: Float32Array;

  /**
   * @param task The control task.
   * @param options Network shape (sizes are taken from the task).
   * @param normalize The clip of normalised observations (SB3's clip_obs) when they are normalised by running statistics; null: raw observations.
   * @param rng Initialisation randomness.
   * @param policy A starting policy (cloned).
   */
  constructor(
    readonly task: ControlTask,
    options: Pick<ActorCriticOptions, 'hidden' | 'activation' | 'logStdInit' | 'useSde' | 'orthoInit'>,
    normalize: number | null,
    rng: Rng,
    policy?: Model,
  ) {
    this.net = new ActorCritic(
      { ...options, observationSize: task.observationSize, actionSize: task.actionSize, actionKind: task.actionKind },
      rng,
      policy,
    );
    if (normalize !== null && firstDenseLayer(this.net.policy, task.observationSize) === null)
      throw new RlError(
        'normalizeObservations',
        `a policy whose first layer is dense with ${task.observationSize} inputs and a bias`,
        'another first layer',
      );
    this.stats = normalize !== null ? initRunningStats(task.observationSize) : null;
    this.clip = normalize ?? Number.POSITIVE_INFINITY;
    this.scratch = new Float32Array(0);
  }

  /**
   * The observations the networks see: `rows` raw rows, first merged into the running
   * statistics when `learn` is true, then normalised and clipped to ±`clip` (a fresh array; the raw rows are untouched).
   */
  observe(raw: Float32Array, rows: number, learn: boolean): Float32Array {
    const k = this.task.observationSize;
    const out = new Float32Array(rows * k);
    if (this.stats === null) {
      out.set(raw.subarray(0, rows * k));
      return out;
    }
    if (learn) updateRunningStats(this.stats, raw, rows);
    return normalizeRows(this.stats, raw, rows, out, this.clip);
  }

  /** The policy to return and evaluate: on raw observations (the normaliser and its clip folded in when there is one). */
  returnedPolicy(): Model {
    return this.stats === null ? this.net.policy : foldObservationNormalizer(this.net.policy, this.stats, this.clip);
  }

  /** Plain data of the networks, the optimizer state and the statistics (copies). */
  snapshot(optimizer: unknown): AgentSnapshot {
    if (this.scratch.length !== this.net.size) this.scratch = new Float32Array(this.net.size);
    return {
      params: Float32Array.from(this.net.gatherParams(this.scratch)),
      optimizer: decodeState(encodeState(optimizer)),
      stats: this.stats === null ? null : structuredClone(this.stats),
    };
  }

  /** Restore networks and statistics from a snapshot; returns its optimizer state. */
  restore(s: AgentSnapshot, where: string): unknown {
    if (!(s.params instanceof Float32Array) || s.params.length !== this.net.size)
      throw new RlError(
        where,
        `${this.net.size} parameter values`,
        `${s.params instanceof Float32Array ? s.params.length : typeof s.params}`,
      );
    this.net.setParams(s.params);
    this.stats = s.stats === null ? null : structuredClone(s.stats);
    return s.optimizer;
  }
}

/** A `[rows, k]` tensor over the first `rows` rows of `data`. */
export const rowsTensor = (data: Float32Array, rows: number, k: number): Tensor => new Tensor(data.subarray(0, rows * k), [rows, k]);
