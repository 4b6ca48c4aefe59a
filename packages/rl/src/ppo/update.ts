import { Tensor, add, clamp, exp, mean, minimum, mul, noGrad, square, sub } from '@evoprop/tensor';
import { standardize } from '../advantage/gae.js';
import type { ActorCritic } from '../agent/actor-critic.js';
import type { PolicyOptimizer } from '../agent/optimizer.js';
import { rowsTensor } from '../agent/run-state.js';

/** The transitions one PPO update learns from, row i in every array. */
export type PpoBatch = Readonly<{
  /** Transitions. */
  rows: number;
  /** Observations as the networks saw them, `rows × observationSize`. */
  observations: Float32Array;
  /** Actions taken, `rows × width`. */
  actions: Float32Array;
  /** log π_old(a|s) when the action was taken. */
  logProbs: Float32Array;
  /** Advantage estimates (GAE). */
  advantages: ArrayLike<number>;
  /** Targets of the value network (advantage + old value). */
  returns: ArrayLike<number>;
}>;

/** The settings of one update. */
export type PpoUpdateSettings = Readonly<{
  /** Passes over the batch. */
  epochs: number;
  /** Rows per minibatch. */
  batchSize: number;
  /** Clip range ε of the surrogate (after any annealing). */
  clipRange: number;
  /** Learning rate (after any annealing). */
  learningRate: number;
  /** Weight of the value loss. */
  valueCoefficient: number;
  /** Weight of the entropy bonus. */
  entropyCoefficient: number;
  /** Standardise advantages per minibatch. */
  normalizeAdvantages: boolean;
}>;

/** Averages over the minibatch steps of an update. */
export type PpoUpdateStats = {
  /** Minibatch gradient steps taken. */
  steps: number;
  /** Mean total loss. */
  loss: number;
  /** Mean clipped-surrogate loss. */
  policyLoss: number;
  /** Mean value loss. */
  valueLoss: number;
  /** Mean entropy. */
  entropy: number;
  /** Mean fraction of ratios outside [1 − ε, 1 + ε]. */
  clipFraction: number;
  /** Mean estimate of KL(π_old ‖ π). */
  approxKl: number;
};

/**
 * `epochs` passes of minibatch steps over `batch` (Schulman et al. 2017, Algorithm 1): each
 * minibatch minimises −L^CLIP + c₁·L^VF − c₂·S (eq. 9) with one `gradientStep` of the optimizer. `order(epoch)`
 * gives each epoch's row permutation; `allowed()` is asked before every step (a gradient-step
 * budget). Returns the averages, or a sentence when the loss or the gradient is not finite.
 */
export function ppoUpdate(
  net: ActorCritic,
  optimizer: PolicyOptimizer,
  state: { optimizer: unknown },
  batch: PpoBatch,
  o: PpoUpdateSettings,
  order: (epoch: number) => Int32Array,
  allowed: () => boolean = () => true,
): PpoUpdateStats | string {
  const k = net.options.observationSize;
  const w = net.logStd === null ? 1 : net.options.actionSize;
  const size0 = Math.min(o.batchSize, batch.rows);
  const epsilon = o.clipRange;
  const sums: PpoUpdateStats = { steps: 0, loss: 0, policyLoss: 0, valueLoss: 0, entropy: 0, clipFraction: 0, approxKl: 0 };
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const rows = order(epoch);
    for (let start = 0; start < batch.rows; start += size0) {
      if (!allowed()) return average(sums);
      const size = Math.min(size0, batch.rows - start);
      const obs = new Float32Array(size * k);
      const act = new Float32Array(size * w);
      const oldLogp = new Float32Array(size);
      const adv = new Float32Array(size);
      const ret = new Float32Array(size);
      for (let r = 0; r < size; r++) {
        const i = rows[start + r];
        obs.set(batch.observations.subarray(i * k, (i + 1) * k), r * k);
        act.set(batch.actions.subarray(i * w, (i + 1) * w), r * w);
        oldLogp[r] = batch.logProbs[i];
        adv[r] = batch.advantages[i];
        ret[r] = batch.returns[i];
      }
      if (o.normalizeAdvantages && size > 1) standardize(adv);
      const stepped = optimizer.step(state.optimizer, o.learningRate, () => {
        const x = rowsTensor(obs, size, k);
        const dist = net.distribution(x);
        const ratio = exp(sub(dist.logProb(act), new Tensor(oldLogp, [size])));
        const a = new Tensor(adv, [size]);
        // Eq. 7: L^CLIP = E[min(r·Â, clip(r, 1 − ε, 1 + ε)·Â)], maximised, so its negative is minimised.
        const surrogate = minimum(mul(ratio, a), mul(clamp(ratio, { min: 1 - epsilon, max: 1 + epsilon }), a));
        const policyLoss = mul(mean(surrogate), -1);
        const valueLoss = mean(square(sub(new Tensor(ret, [size]), net.values(x))));
        const entropy = mean(dist.entropy());
        const loss = add(add(policyLoss, mul(valueLoss, o.valueCoefficient)), mul(entropy, -o.entropyCoefficient));
        return { loss, aux: { ratio, policyLoss, valueLoss, entropy } };
      });
      const { ratio, policyLoss, valueLoss, entropy } = stepped.result.aux;
      const d = stepped.result.divergence;
      if (d !== undefined) return d.kind === 'loss' ? `loss became ${d.value}` : `gradient norm became ${d.value}`;
      state.optimizer = stepped.state;
      const lv = stepped.result.loss;
      noGrad(() => {
        let clipped = 0;
        let kl = 0;
        for (let r = 0; r < size; r++) {
          const q = ratio.data[r];
          if (Math.abs(q - 1) > epsilon) clipped++;
          // The low-variance estimate (r − 1) − log r of KL (Schulman 2020), as SB3 reports it.
          kl += q - 1 - Math.log(q);
        }
        sums.clipFraction += clipped / size;
        sums.approxKl += kl / size;
      });
      sums.steps++;
      sums.loss += lv;
      sums.policyLoss += policyLoss.item();
      sums.valueLoss += valueLoss.item();
      sums.entropy += entropy.item();
    }
  }
  return average(sums);
}

function average(s: PpoUpdateStats): PpoUpdateStats {
  const m = Math.max(1, s.steps);
  return {
    steps: s.steps,
    loss: s.loss / m,
    policyLoss: s.policyLoss / m,
    valueLoss: s.valueLoss / m,
    entropy: s.entropy / m,
    clipFraction: s.clipFraction / m,
    approxKl: s.approxKl / m,
  };
}
