/**
 * Proximal policy optimisation (Schulman, Wolski, Dhariwal, Radford & Klimov 2017, "Proximal
 * policy optimization algorithms", arXiv:1707.06347): the clipped surrogate of eq. 7, the
 * combined objective of eq. 9 (value loss and entropy bonus), GAE(λ) advantages (sec. 5,
 * eq. 11–12) and several epochs of minibatches per rollout (Algorithm 1). Details follow
 * Stable-Baselines3's PPO: advantages standardised per minibatch, a separate value network,
 * global-norm clipping, Adam with ε = 1e-5, truncated episodes bootstrapped with γ·V(s_T).
 */
import type { FitRequest, FitResult, Metrics, Trainer } from '@evoprop/core';
import { type StepContext, type StepOutcome, encodeState, runTrainingLoop } from '@evoprop/core/training';
import type { Rng } from '@evoprop/tensor';
import { generalizedAdvantages } from '../advantage/gae.js';
import { EpisodeStream, type EpisodeStreamState } from '../agent/episode-stream.js';
import { decodeRunState, heldOutMetrics, policyFinalMetrics, startPolicyRun } from '../agent/policy-run.js';
import { type RewardScalerState, initRewardScaler, scaleRewards } from '../agent/reward-scaler.js';
import type { AgentSnapshot } from '../agent/run-state.js';
import { type PpoConfigInput, type PpoSettings, parsePpoConfig } from './config.js';
import { ppoUpdate } from './update.js';

/** Everything that changes during a run, as plain data: the checkpoint's `state`. */
type RunState = {
  version: 1;
  seed: string;
  /** Updates done (the loop's step count). */
  updates: number;
  agent: AgentSnapshot;
  stream: EpisodeStreamState;
  /** Reward-scaling state when `normalizeRewards` is on (absent in checkpoints written before it existed). */
  rewardScaler?: RewardScalerState | null;
};

/** One rollout of `steps × envs` transitions, rows in step order. */
type Rollout = {
  steps: number;
  observations: Float32Array;
  actions: Float32Array;
  logProbs: Float32Array;
  values: Float32Array;
  rewards: Float32Array;
  dones: Float32Array;
  lastValues: Float32Array;
};

/**
 * PPO on a control task, discrete (categorical) or continuous (diagonal Gaussian with a learned
 * log σ) actions. One training-loop step is one update: a rollout of `steps` steps in each of
 * `envs` environments, then `epochs` passes of minibatches. Charged in environment steps
 * (`evaluations`, exact: the last rollout is shortened to what the budget leaves), gradient
 * steps and kernel FLOPs. Progress events carry `return` (mean undiscounted return of the
 * greedy policy over fixed held-out episodes, not charged), `train.return` (the last 100
 * training episodes) and the losses. The returned model is the policy network.
 *
 * @example
 * const result = await new PpoTrainer().fit({ task: createControlTask('cart-pole', 0), rng: Rng.fromSeed(1), budget: { evaluations: 100_000 } });
 * result.metrics.return; // mean return of the greedy policy on held-out episodes
 */
export class PpoTrainer implements Trainer {
  /** The parsed config, every default filled in. */
  readonly config: PpoSettings;

  /**
   * @param config A {@link PpoConfigInput}; unknown keys are rejected.
   * @param id The registered trainer id (checkpoints carry it).
   */
  constructor(
    config: PpoConfigInput | Record<string, unknown> = {},
    readonly id: string = 'ppo',
  ) {
    this.config = parsePpoConfig(config, `${id} config`);
  }

  /** Train until the budget or the target ends the run; resumes exactly from `request.resume`. */
  async fit(request: FitRequest): Promise<FitResult> {
    const c = this.config;
    const { task, agent, optimizer, seedBase, heldOut, k, w } = startPolicyRun(request, this.id, c);
    const n = c.envs;
    const budget = request.budget;

    let updates = 0;
    let optimizerState: unknown;
    let stream: EpisodeStream;
    let scaler = c.normalizeRewards ? initRewardScaler(n) : null;
    if (request.resume === undefined) {
      optimizerState = optimizer.init();
      stream = new EpisodeStream(task, n, seedBase);
    } else {
      const s = decodeRunState<RunState>(request.resume, request.rng, this.id);
      optimizerState = agent.restore(s.agent, `${this.id}.fit(resume)`);
      stream = new EpisodeStream(task, n, seedBase, s.stream);
      updates = s.updates;
      if (scaler !== null && s.rewardScaler !== undefined && s.rewardScaler !== null) scaler = structuredClone(s.rewardScaler);
    }

    const buffers = {
      observations: new Float32Array(c.steps * n * k),
      actions: new Float32Array(c.steps * n * w),
      logProbs: new Float32Array(c.steps * n),
      values: new Float32Array(c.steps * n),
      rewards: new Float32Array(c.steps * n),
      dones: new Float32Array(c.steps * n),
    };

    /** Collects up to `steps` steps of every environment; null with a reason when a reward is not finite. */
    const collect = (steps: number, rng: Rng, ctx: StepContext): Rollout | string => {
      const act = { actions: new Float32Array(n * w), logProbs: new Float32Array(n), values: new Float32Array(n) };
      let exploration: Float32Array | undefined;
      for (let t = 0; t < steps; t++) {
        // gSDE (SB3's collect_rollouts): fresh exploration matrices at the rollout's start and every sdeSampleFrequency steps.
        if (agent.net.sde && (t === 0 || (c.sdeSampleFrequency > 0 && t % c.sdeSampleFrequency === 0)))
          exploration = agent.net.sampleExploration(n, rng.fork(`sde/${t}`));
        const obs = agent.observe(stream.observations, n, true);
        agent.net.act(obs, n, rng, act, exploration);
        buffers.observations.set(obs, t * n * k);
        buffers.actions.set(act.actions, t * n * w);
        buffers.logProbs.set(act.logProbs, t * n);
        buffers.values.set(act.values, t * n);
        const r = stream.step(act.actions);
        ctx.meter.addEvaluations(n);
        const truncatedRows: number[] = [];
        const rewards = buffers.rewards.subarray(t * n, (t + 1) * n);
        const dones = buffers.dones.subarray(t * n, (t + 1) * n);
        for (let i = 0; i < n; i++) {
          const reward = r.rewards[i];
          if (!Number.isFinite(reward)) return `reward ${reward} from environment ${i} at update ${updates + 1}`;
          rewards[i] = reward;
          dones[i] = r.terminated[i] === 1 || r.truncated[i] === 1 ? 1 : 0;
          if (r.truncated[i] === 1 && r.terminated[i] !== 1) truncatedRows.push(i);
        }
        if (scaler !== null) scaleRewards(scaler, rewards, dones, c.gamma);
        if (truncatedRows.length > 0) {
          // A time limit is not a terminal state: bootstrap the cut-off tail with γ·V(s_T).
          const last = new Float32Array(truncatedRows.length * k);
          truncatedRows.forEach((i, j) => last.set(r.finalObservations.subarray(i * k, (i + 1) * k), j * k));
          const v = agent.net.valueOf(agent.observe(last, truncatedRows.length, false), truncatedRows.length);
          truncatedRows.forEach((i, j) => {
            buffers.rewards[t * n + i] += c.gamma * v[j];
          });
        }
      }
      const lastValues = agent.net.valueOf(agent.observe(stream.observations, n, false), n);
      return { steps, ...buffers, lastValues };
    };

    /** The epochs of minibatch updates on one rollout; returns the step's metrics or a divergence. */
    const update = (rollout: Rollout, rng: Rng, ctx: StepContext, progress: number): Metrics | string => {
      const rows = rollout.steps * n;
      const { advantages, returns } = generalizedAdvantages({
        rewards: rollout.rewards,
        values: rollout.values,
        dones: rollout.dones,
        lastValues: rollout.lastValues,
        steps: rollout.steps,
        envs: n,
        gamma: c.gamma,
        lambda: c.gaeLambda,
      });
      const anneal = c.anneal === 'linear' ? Math.max(0, 1 - progress) : 1;
      const learningRate = c.learningRate * anneal;
      let gradientStepsLeft = ctx.remaining.gradientSteps ?? Number.POSITIVE_INFINITY;
      const state = { optimizer: optimizerState };
      const stats = ppoUpdate(
        agent.net,
        optimizer,
        state,
        { rows, observations: rollout.observations, actions: rollout.actions, logProbs: rollout.logProbs, advantages, returns },
        { ...c, clipRange: c.clipRange * anneal, learningRate },
        (epoch) => rng.fork(`epoch/${epoch}`).permutation(rows),
        () => {
          if (gradientStepsLeft <= 0) return false;
          gradientStepsLeft--;
          ctx.meter.addGradientSteps(1);
          return true;
        },
      );
      optimizerState = state.optimizer;
      if (typeof stats === 'string') return `${stats} at update ${updates + 1}`;
      const { steps: _, ...means } = stats;
      return { update: updates + 1, ...means, learningRate };
    };

    const step = (_: unknown, ctx: StepContext): StepOutcome => {
      const left = ctx.remaining.evaluations ?? Number.POSITIVE_INFINITY;
      const steps = Math.min(c.steps, Math.floor(left / n));
      const rng = ctx.rng;
      if (steps === 0) {
        // Fewer environment steps left than environments: spend them, nothing to learn from.
        const tail = Math.max(0, Math.floor(left));
        const act = { actions: new Float32Array(n * w), logProbs: new Float32Array(n), values: new Float32Array(n) };
        agent.net.act(agent.observe(stream.observations, n, true), n, rng.fork('act'), act);
        stream.step(act.actions, tail);
        ctx.meter.addEvaluations(tail);
        updates++;
        return {};
      }
      const progress = budget.evaluations === undefined ? 0 : (budget.evaluations - left) / budget.evaluations;
      const rollout = collect(steps, rng.fork('act'), ctx);
      if (typeof rollout === 'string') return { end: { status: 'diverged', reason: rollout, divergedAtStep: updates + 1 } };
      const metrics = update(rollout, rng.fork('update'), ctx, progress);
      if (typeof metrics === 'string') return { end: { status: 'diverged', reason: metrics, divergedAtStep: updates + 1 } };
      updates++;
      const recent = stream.recentReturn();
      const extra: Record<string, number> = recent === undefined ? {} : { 'train.return': recent };
      if (updates % c.validateEvery === 0) {
        Object.assign(
          extra,
          ctx.meter.unmetered(() => heldOutMetrics(task, agent.returnedPolicy(), heldOut)),
        );
      }
      return { metrics: { ...metrics, ...extra } };
    };

    return runTrainingLoop<null>(request, {
      trainerId: this.id,
      init: () => null,
      restore: () => null,
      snapshot: () =>
        encodeState({
          version: 1,
          seed: request.rng.seed,
          updates,
          agent: agent.snapshot(optimizerState),
          stream: stream.snapshot(),
          rewardScaler: scaler === null ? null : structuredClone(scaler),
        } satisfies RunState),
      step,
      stepOf: () => updates,
      model: () => agent.returnedPolicy(),
      finalMetrics: policyFinalMetrics(task, heldOut),
      extras: () => ({ updates, trainingEpisodes: stream.finishedCount }),
    });
  }
}
