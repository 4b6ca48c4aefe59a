/**
 * REINFORCE with a learned baseline (Williams 1992, "Simple statistical gradient-following
 * algorithms for connectionist reinforcement learning", Machine Learning 8, eq. 11 with a
 * reinforcement baseline; Sutton & Barto 2018, sec. 13.4): ∇J ≈ Σₜ ∇log π(aₜ|sₜ)·(Gₜ − V(sₜ)),
 * the baseline V regressed on the returns Gₜ. Each update runs `episodes` whole episodes side by
 * side with the current policy and takes one gradient step. An episode cut by the step cap
 * (truncated) or by the budget is bootstrapped with γ·V(s_T); a terminated one is not.
 */
import { type FitRequest, type FitResult, type Trainer, vectorEnvironment } from '@evoprop/core';
import { type StepContext, type StepOutcome, encodeState, runTrainingLoop } from '@evoprop/core/training';
import { type Rng, Tensor, add, mean, mul, square, sub } from '@evoprop/tensor';
import { standardize } from '../advantage/gae.js';
import { decodeRunState, heldOutMetrics, policyFinalMetrics, startPolicyRun } from '../agent/policy-run.js';
import { type AgentSnapshot, rowsTensor } from '../agent/run-state.js';
import { type ReinforceConfigInput, type ReinforceSettings, parseReinforceConfig } from './config.js';

type RunState = {
  version: 1;
  seed: string;
  updates: number;
  /** Training episodes started so far (episode n of the run has seed `seedBase + n`). */
  started: number;
  /** Returns of the last finished training episodes (at most 100). */
  finished: number[];
  agent: AgentSnapshot;
};

/** One batch of whole episodes: every transition in episode order, with its return-to-go. */
type Batch = { rows: number; observations: Float32Array; actions: Float32Array; returns: Float32Array; advantages: Float32Array };

/**
 * REINFORCE with a learned baseline on a control task, discrete or continuous actions. One
 * training-loop step is one update on `episodes` whole episodes. Charged in environment steps
 * (`evaluations`, exact: the last batch stops where the budget does), gradient steps and
 * kernel FLOPs. Events carry `return` (greedy policy, fixed held-out episodes, not charged)
 * and `train.return`. The returned model is the policy network.
 *
 * @example
 * const result = await new ReinforceTrainer().fit({ task: createControlTask('cart-pole', 0), rng: Rng.fromSeed(1), budget: { evaluations: 500_000 } });
 */
export class ReinforceTrainer implements Trainer {
  /** The parsed config, every default filled in. */
  readonly config: ReinforceSettings;

  /**
   * @param config A {@link ReinforceConfigInput}; unknown keys are rejected.
   * @param id The registered trainer id (checkpoints carry it).
   */
  constructor(
    config: ReinforceConfigInput | Record<string, unknown> = {},
    readonly id: string = 'reinforce',
  ) {
    this.config = parseReinforceConfig(config, `${id} config`);
  }

  /** Train until the budget or the target ends the run; resumes exactly from `request.resume`. */
  async fit(request: FitRequest): Promise<FitResult> {
    const c = this.config;
    const { task, agent, optimizer, seedBase, heldOut, k, w } = startPolicyRun(request, this.id, c);
    const n = c.episodes;
    const env = vectorEnvironment(task, n);

    let s: RunState;
    let optimizerState: unknown;
    if (request.resume === undefined) {
      optimizerState = optimizer.init();
      s = { version: 1, seed: request.rng.seed, updates: 0, started: 0, finished: [], agent: agent.snapshot(optimizerState) };
    } else {
      s = decodeRunState<RunState>(request.resume, request.rng, this.id);
      optimizerState = agent.restore(s.agent, `${this.id}.fit(resume)`);
    }

    /** Runs `n` episodes side by side until each ends or the budget's steps run out. */
    const collect = (rng: Rng, ctx: StepContext): Batch | string => {
      let left = ctx.remaining.evaluations ?? Number.POSITIVE_INFINITY;
      const seeds = Array.from({ length: n }, (_, i) => seedBase + s.started + i);
      s.started += n;
      let raw = env.reset(seeds);
      const active = new Uint8Array(n).fill(1);
      const obsOf: number[][] = Array.from({ length: n }, () => []);
      const actOf: number[][] = Array.from({ length: n }, () => []);
      const rewOf: number[][] = Array.from({ length: n }, () => []);
      const tail = new Float64Array(n); // γ·V(s_T) for episodes cut short, else 0
      const ended = new Uint8Array(n); // 1 where the episode ended by itself (terminated or truncated)
      const act = { actions: new Float32Array(n * w), logProbs: new Float32Array(n), values: new Float32Array(n) };
      let running = n;
      while (running > 0) {
        const obs = agent.observe(raw, n, false);
        agent.net.act(obs, n, rng, act);
        // Only as many environments as the budget still allows take this step; the rest are cut.
        let allowed = Math.min(running, left);
        const step = new Uint8Array(n);
        for (let i = 0; i < n; i++) {
          if (active[i] !== 1) continue;
          if (allowed > 0) {
            step[i] = 1;
            allowed--;
            for (let j = 0; j < k; j++) obsOf[i].push(obs[i * k + j]);
            for (let j = 0; j < w; j++) actOf[i].push(act.actions[i * w + j]);
          } else {
            tail[i] = c.gamma * act.values[i];
            active[i] = 0;
            running--;
          }
        }
        if (agent.stats !== null) {
          const rows: number[] = [];
          for (let i = 0; i < n; i++) if (step[i] === 1) for (let j = 0; j < k; j++) rows.push(raw[i * k + j]);
          agent.observe(Float32Array.from(rows), rows.length / k, true);
        }
        const stepped = step.reduce((a, b) => a + b, 0);
        if (stepped === 0) break;
        const r = env.step(act.actions, step);
        ctx.meter.addEvaluations(stepped);
        left -= stepped;
        raw = r.observations;
        const cut: number[] = [];
        for (let i = 0; i < n; i++) {
          if (step[i] !== 1) continue;
          if (!Number.isFinite(r.rewards[i])) return `reward ${r.rewards[i]} from environment ${i} at update ${s.updates + 1}`;
          rewOf[i].push(r.rewards[i]);
          if (r.terminated[i] === 1 || r.truncated[i] === 1) {
            ended[i] = 1;
            active[i] = 0;
            running--;
            if (r.terminated[i] !== 1) cut.push(i);
          } else if (left <= 0) {
            active[i] = 0;
            running--;
            cut.push(i);
          }
        }
        if (cut.length > 0) {
          const last = new Float32Array(cut.length * k);
          cut.forEach((i, j) => last.set(raw.subarray(i * k, (i + 1) * k), j * k));
          const v = agent.net.valueOf(agent.observe(last, cut.length, false), cut.length);
          cut.forEach((i, j) => {
            tail[i] = c.gamma * v[j];
          });
        }
      }
      for (let i = 0; i < n; i++) {
        if (ended[i] !== 1) continue;
        s.finished.push(rewOf[i].reduce((a, b) => a + b, 0));
        if (s.finished.length > 100) s.finished.shift();
      }
      const rows = rewOf.reduce((a, r) => a + r.length, 0);
      const batch: Batch = {
        rows,
        observations: new Float32Array(rows * k),
        actions: new Float32Array(rows * w),
        returns: new Float32Array(rows),
        advantages: new Float32Array(rows),
      };
      let o = 0;
      for (let i = 0; i < n; i++) {
        const T = rewOf[i].length;
        batch.observations.set(obsOf[i], o * k);
        batch.actions.set(actOf[i], o * w);
        let g = tail[i];
        for (let t = T - 1; t >= 0; t--) {
          g = rewOf[i][t] + c.gamma * g;
          batch.returns[o + t] = g;
        }
        o += T;
      }
      if (rows > 0) {
        const v = agent.net.valueOf(batch.observations, rows);
        for (let r = 0; r < rows; r++) batch.advantages[r] = batch.returns[r] - v[r];
      }
      return batch;
    };

    const step = (_: unknown, ctx: StepContext): StepOutcome => {
      const batch = collect(ctx.rng.fork('act'), ctx);
      if (typeof batch === 'string') return { end: { status: 'diverged', reason: batch, divergedAtStep: s.updates + 1 } };
      s.updates++;
      if (batch.rows === 0) return {};
      if (c.normalizeAdvantages && batch.rows > 1) standardize(batch.advantages);
      const stepped = optimizer.step(optimizerState, c.learningRate, () => {
        const x = rowsTensor(batch.observations, batch.rows, k);
        const dist = agent.net.distribution(x);
        const policyLoss = mul(mean(mul(dist.logProb(batch.actions), new Tensor(batch.advantages, [batch.rows]))), -1);
        const valueLoss = mean(square(sub(new Tensor(batch.returns, [batch.rows]), agent.net.values(x))));
        const entropy = mean(dist.entropy());
        const loss = add(add(policyLoss, mul(valueLoss, c.valueCoefficient)), mul(entropy, -c.entropyCoefficient));
        return { loss, aux: { policyLoss, valueLoss, entropy } };
      });
      const d = stepped.result.divergence;
      if (d !== undefined) {
        const what = d.kind === 'loss' ? 'loss' : 'gradient norm';
        return { end: { status: 'diverged', reason: `${what} became ${d.value} at update ${s.updates}`, divergedAtStep: s.updates } };
      }
      optimizerState = stepped.state;
      ctx.meter.addGradientSteps(1);
      const { policyLoss, valueLoss, entropy } = stepped.result.aux;
      const lv = stepped.result.loss;
      const metrics: Record<string, number> = {
        update: s.updates,
        loss: lv,
        policyLoss: policyLoss.item(),
        valueLoss: valueLoss.item(),
        entropy: entropy.item(),
        batchSteps: batch.rows,
      };
      if (s.finished.length > 0) metrics['train.return'] = s.finished.reduce((a, b) => a + b, 0) / s.finished.length;
      if (s.updates % c.validateEvery === 0) {
        Object.assign(
          metrics,
          ctx.meter.unmetered(() => heldOutMetrics(task, agent.returnedPolicy(), heldOut)),
        );
      }
      return { metrics };
    };

    return runTrainingLoop<null>(request, {
      trainerId: this.id,
      init: () => null,
      restore: () => null,
      snapshot: () => encodeState({ ...s, agent: agent.snapshot(optimizerState) } satisfies RunState),
      step,
      stepOf: () => s.updates,
      model: () => agent.returnedPolicy(),
      finalMetrics: policyFinalMetrics(task, heldOut),
      extras: () => ({ updates: s.updates, trainingEpisodes: s.started }),
    });
  }
}
