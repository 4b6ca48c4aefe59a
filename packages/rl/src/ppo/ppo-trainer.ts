/**
 * Proximal policy optimisation (Schulman, Wolski, Dhariwal, Radford & Klimov 2017, "Proximal
 * policy optimization algorithms", arXiv:1707.06347): the clipped surrogate of eq. 7, the
 * combined objective of eq. 9 (value loss and entropy bonus), GAE(λ) advantages (sec. 5,
 * eq. 11–12) and several epochs of minibatches per rollout (Algorithm 1). Details follow
 * Stable-Baselines3's PPO: advantages standardised per minibatch, a separate value network,
 * global-norm clipping, Adam with ε = 1e-5, truncated episodes bootstrapped with γ·V(s_T).
 */
import {
  type Checkpoint,
  type FitRequest,
  type FitResult,
  type Metrics,
  type StepContext,
  type StepOutcome,
  type Trainer,
  decodeState,
  encodeState,
  runTrainingLoop,
  validateFitRequest,
} from '@evoprop/core';
import { type Rng, Tensor, add, backward, clamp, exp, mean, minimum, mul, noGrad, square, sub } from '@evoprop/tensor';
import { standardize, generalizedAdvantages } from '../advantage/gae.js';
import { evaluatePolicy, evaluationSeeds } from '../agent/evaluate.js';
import { EpisodeStream, type EpisodeStreamState } from '../agent/episode-stream.js';
import { PolicyOptimizer } from '../agent/optimizer.js';
import { Agent, type AgentSnapshot, controlTaskOf, rowsTensor } from '../agent/run-state.js';
import { RlError } from '../errors.js';
import { type PpoConfigInput, type PpoSettings, parsePpoConfig } from './config.js';

/** Everything that changes during a run, as plain data: the checkpoint's `state`. */
type RunState = {
  version: 1;
  seed: string;
  /** Updates done (the loop's step count). */
  updates: number;
  agent: AgentSnapshot;
  stream: EpisodeStreamState;
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
    const task = controlTaskOf(request.task, this.id);
    validateFitRequest(request, this.id);
    const c = this.config;
    const agent = new Agent(task, c, c.normalizeObservations, request.rng.fork('init'), request.model);
    const optimizer = new PolicyOptimizer(agent.net, c.maxGradNorm);
    const seedBase = request.rng.fork('episodes').int(0, 2 ** 30);
    const heldOut = evaluationSeeds(request.rng.seed, c.evaluationEpisodes);
    const k = task.observationSize;
    const w = task.actionKind === 'discrete' ? 1 : task.actionSize;
    const n = c.envs;
    const budget = request.budget;

    let updates = 0;
    let optimizerState: unknown;
    let stream: EpisodeStream;
    if (request.resume === undefined) {
      optimizerState = optimizer.init();
      stream = new EpisodeStream(task, n, seedBase);
    } else {
      const s = this.decode(request.resume, request.rng);
      optimizerState = agent.restore(s.agent, `${this.id}.fit(resume)`);
      stream = new EpisodeStream(task, n, seedBase, s.stream);
      updates = s.updates;
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
      for (let t = 0; t < steps; t++) {
        const obs = agent.observe(stream.observations, n, true);
        agent.net.act(obs, n, rng, act);
        buffers.observations.set(obs, t * n * k);
        buffers.actions.set(act.actions, t * n * w);
        buffers.logProbs.set(act.logProbs, t * n);
        buffers.values.set(act.values, t * n);
        const r = stream.step(act.actions);
        ctx.meter.addEvaluations(n);
        const truncatedRows: number[] = [];
        for (let i = 0; i < n; i++) {
          const reward = r.rewards[i];
          if (!Number.isFinite(reward)) return `reward ${reward} from environment ${i} at update ${updates + 1}`;
          buffers.rewards[t * n + i] = reward;
          buffers.dones[t * n + i] = r.terminated[i] === 1 || r.truncated[i] === 1 ? 1 : 0;
          if (r.truncated[i] === 1 && r.terminated[i] !== 1) truncatedRows.push(i);
        }
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
      const epsilon = c.clipRange * anneal;
      const batch = Math.min(c.batchSize, rows);
      let gradientStepsLeft = ctx.remaining.gradientSteps ?? Number.POSITIVE_INFINITY;
      const sums = { loss: 0, policyLoss: 0, valueLoss: 0, entropy: 0, clipFraction: 0, approxKl: 0, count: 0 };
      for (let epoch = 0; epoch < c.epochs && gradientStepsLeft > 0; epoch++) {
        const order = rng.fork(`epoch/${epoch}`).permutation(rows);
        for (let start = 0; start < rows && gradientStepsLeft > 0; start += batch) {
          const size = Math.min(batch, rows - start);
          const obs = new Float32Array(size * k);
          const act = new Float32Array(size * w);
          const oldLogp = new Float32Array(size);
          const adv = new Float32Array(size);
          const ret = new Float32Array(size);
          for (let r = 0; r < size; r++) {
            const i = order[start + r];
            obs.set(rollout.observations.subarray(i * k, (i + 1) * k), r * k);
            act.set(rollout.actions.subarray(i * w, (i + 1) * w), r * w);
            oldLogp[r] = rollout.logProbs[i];
            adv[r] = advantages[i];
            ret[r] = returns[i];
          }
          if (c.normalizeAdvantages && size > 1) standardize(adv);
          agent.net.zeroGrad();
          const x = rowsTensor(obs, size, k);
          const dist = agent.net.distribution(x);
          const logp = dist.logProb(act);
          const ratio = exp(sub(logp, new Tensor(oldLogp, [size])));
          const a = new Tensor(adv, [size]);
          // Eq. 7: L^CLIP = E[min(r·Â, clip(r, 1 − ε, 1 + ε)·Â)], maximised, so its negative is minimised.
          const surrogate = minimum(mul(ratio, a), mul(clamp(ratio, { min: 1 - epsilon, max: 1 + epsilon }), a));
          const policyLoss = mul(mean(surrogate), -1);
          const valueLoss = mean(square(sub(new Tensor(ret, [size]), agent.net.values(x))));
          const entropy = mean(dist.entropy());
          const loss = add(add(policyLoss, mul(valueLoss, c.valueCoefficient)), mul(entropy, -c.entropyCoefficient));
          const lv = loss.item();
          if (!Number.isFinite(lv)) return `loss became ${lv} at update ${updates + 1}`;
          backward(loss);
          const stepped = optimizer.step(optimizerState, learningRate);
          if (!Number.isFinite(stepped.gradientNorm)) return `gradient norm became ${stepped.gradientNorm} at update ${updates + 1}`;
          optimizerState = stepped.state;
          ctx.meter.addGradientSteps(1);
          gradientStepsLeft--;
          noGrad(() => {
            let clipped = 0;
            let kl = 0;
            for (let r = 0; r < size; r++) {
              const q = ratio.data[r];
              if (Math.abs(q - 1) > epsilon) clipped++;
              // The low-variance KL estimate (r − 1) − log r (Schulman 2020), as SB3 reports it.
              kl += q - 1 - Math.log(q);
            }
            sums.clipFraction += clipped / size;
            sums.approxKl += kl / size;
          });
          sums.loss += lv;
          sums.policyLoss += policyLoss.item();
          sums.valueLoss += valueLoss.item();
          sums.entropy += entropy.item();
          sums.count++;
        }
      }
      const m = Math.max(1, sums.count);
      return {
        update: updates + 1,
        loss: sums.loss / m,
        policyLoss: sums.policyLoss / m,
        valueLoss: sums.valueLoss / m,
        entropy: sums.entropy / m,
        clipFraction: sums.clipFraction / m,
        approxKl: sums.approxKl / m,
        learningRate,
      };
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
      if (updates % c.evaluateEvery === 0) {
        const held = ctx.meter.unmetered(() => evaluatePolicy(task, agent.returnedPolicy(), heldOut));
        extra.return = held.return;
        extra['return.steps'] = held.steps;
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
        } satisfies RunState),
      step,
      stepOf: () => updates,
      model: () => agent.returnedPolicy(),
      finalMetrics: (model, _, status) => {
        const last: Metrics = {};
        if (status === 'diverged') return last;
        const held = evaluatePolicy(task, model, heldOut);
        return { return: held.return, 'return.steps': held.steps };
      },
      extras: () => ({ updates, trainingEpisodes: stream.finishedCount }),
    });
  }

  private decode(checkpoint: Checkpoint, rng: Rng): RunState {
    const where = `${this.id}.fit(resume)`;
    if (checkpoint.trainerId !== this.id) throw new RlError(where, `a checkpoint of trainer '${this.id}'`, `'${checkpoint.trainerId}'`);
    const s = decodeState(checkpoint.state) as RunState;
    if (s?.version !== 1) throw new RlError(where, 'checkpoint state version 1', JSON.stringify(s?.version));
    if (s.seed !== rng.seed) throw new RlError(where, `the run's rng seed '${s.seed}'`, `'${rng.seed}'`);
    return s;
  }
}
