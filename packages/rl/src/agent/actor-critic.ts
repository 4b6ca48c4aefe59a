import { type Model, mlp, sequential } from '@evoprop/core';
import { dense, initializers } from '@evoprop/core/layers';
import { type Rng, Tensor, noGrad, reshape } from '@evoprop/tensor';
import { categorical } from '../distributions/categorical.js';
import type { ActionDistribution } from '../distributions/distribution.js';
import { diagonalGaussian } from '../distributions/diagonal-gaussian.js';
import {
  type StateDependentDistribution,
  sampleExplorationMatrices,
  stateDependentGaussian,
} from '../distributions/state-dependent-gaussian.js';
import { RlError } from '../errors.js';

/** What an {@link ActorCritic} is built for: the task's sizes and the default networks' shape. */
export type ActorCriticOptions = Readonly<{
  /** Observation values per step. */
  observationSize: number;
  /** Discrete: number of actions; continuous: action dimension. */
  actionSize: number;
  /** Categorical or Gaussian actions. */
  actionKind: 'discrete' | 'continuous';
  /** Hidden widths of the policy and of the critic (separate networks, as SB3's MlpPolicy). */
  hidden: readonly number[];
  /** Hidden activation of both networks. */
  activation: 'relu' | 'tanh' | 'sigmoid' | 'leakyRelu' | 'elu' | 'gelu';
  /** Initial log standard deviation of Gaussian actions (ignored for discrete ones). */
  logStdInit: number;
  /**
   * Gaussian actions explore with gSDE (`stateDependentGaussian`): log σ is a `[latent, actionSize]`
   * matrix over the policy's last hidden features. Continuous actions only. Default false.
   */
  useSde?: boolean;
  /**
   * Initialise both networks as SB3's `ActorCriticPolicy` with `ortho_init=True` (its default):
   * orthogonal weights with gain √2 in the hidden layers, 0.01 in the policy's output layer and
   * 1 in the critic's, zero biases. False: the MLP's own Glorot/He init with the policy's output
   * layer scaled by 0.01. Default true.
   */
  orthoInit?: boolean;
}>;

/** SB3's gains (`common/policies.py`, `ActorCriticPolicy._build`): √2 for the hidden layers, 0.01 for the action head, 1 for the value head. */
export const orthogonalGains = { hidden: Math.SQRT2, policyHead: 0.01, valueHead: 1 } as const;

/**
 * Re-initialises a dense network in place as SB3's `init_weights` does (`nn.init.orthogonal_(weight, gain)`,
 * bias 0): every weight matrix (semi-)orthogonal times `hiddenGain`, the last one times `headGain`, every bias 0.
 */
export function orthogonalInit(model: Model, hiddenGain: number, headGain: number, rng: Rng): void {
  const entries = model.params.entries;
  const weights = entries.filter((e) => e.shape.length === 2);
  const v = model.params.vector;
  for (const e of entries) {
    const out = v.subarray(e.offset, e.offset + e.size);
    if (e.shape.length !== 2) {
      out.fill(0);
      continue;
    }
    const gain = e === weights.at(-1) ? headGain : hiddenGain;
    initializers.orthogonal(out, e.shape, { fanIn: e.shape[0], fanOut: e.shape[1] }, rng.fork(e.name));
    for (let i = 0; i < out.length; i++) out[i] *= gain;
  }
}

/**
 * A policy network, a separate critic and, for continuous actions, one learned log standard
 * deviation per action dimension: the three parameter groups a policy-gradient update moves
 * together. The policy is an ordinary `Model` whose outputs are the logits (discrete) or the
 * action means (continuous), so `modelPolicy` and `writeAction` act with it greedily (argmax,
 * or the mean) and the arena evaluates it like every other trainer's model.
 */
export class ActorCritic {
  /** Policy network: observations → logits or action means. */
  readonly policy: Model;
  /** Value network: observations → V(s), one output. */
  readonly critic: Model;
  /** Learned log σ of Gaussian actions (shape `[actionSize]`), null for discrete actions. */
  readonly logStd: Tensor | null;
  /** Total trainable values: policy, log σ, critic. */
  readonly size: number;
  private readonly logStdGrad: Float32Array | null;
  private readonly body: Model | null;

  /**
   * @param options Sizes and network shape.
   * @param rng Initialisation randomness (`fork('policy')`, `fork('critic')`).
   * @param policy A starting policy instead of a fresh MLP (cloned; its shapes must fit the task).
   */
  constructor(
    readonly options: ActorCriticOptions,
    rng: Rng,
    policy?: Model,
  ) {
    const { observationSize: inputSize, actionSize, hidden, activation } = options;
    const ortho = options.orthoInit !== false;
    if (policy === undefined) {
      const fresh = mlp({ inputSize, hidden, outputSize: actionSize, activation }, rng.fork('policy'));
      if (ortho) orthogonalInit(fresh, orthogonalGains.hidden, orthogonalGains.policyHead, rng.fork('policy').fork('orthogonal'));
      else {
        // A near-uniform first policy: the last layer's weights 100× smaller (Andrychowicz et al.
        // 2021, "What matters in on-policy RL", sec. 3.2; SB3's orthogonal init uses gain 0.01 there).
        const last = fresh.params.entries.filter((e) => e.shape.length === 2).at(-1);
        if (last !== undefined) for (let i = last.offset; i < last.offset + last.size; i++) fresh.params.vector[i] *= 0.01;
      }
      this.policy = fresh;
    } else this.policy = policy.clone();
    this.critic = mlp({ inputSize, hidden, outputSize: 1, activation }, rng.fork('critic'));
    if (ortho) orthogonalInit(this.critic, orthogonalGains.hidden, orthogonalGains.valueHead, rng.fork('critic').fork('orthogonal'));
    if (options.useSde === true && options.actionKind !== 'continuous')
      throw new RlError('useSde', 'a task with continuous actions (gSDE perturbs Gaussian actions)', 'discrete actions');
    // gSDE's latent features: the policy's hidden layers alone (their weights copied from the policy before each use).
    this.body =
      options.useSde === true && hidden.length > 0
        ? sequential(
            hidden.map((units) => dense(units, { activation })),
            { inputShape: [inputSize] },
          )
        : null;
    if (this.body !== null) {
      const b = this.body.params.entries;
      const p = this.policy.params.entries;
      if (p.length !== b.length + 2 || b.some((e, i) => e.shape.join() !== p[i].shape.join()))
        throw new RlError(
          'useSde',
          `a dense policy with hidden layers [${hidden.join(', ')}] (its last hidden features are gSDE's latent)`,
          'another policy',
        );
    }
    if (options.actionKind === 'continuous') {
      const shape = options.useSde === true ? [hidden.at(-1) ?? inputSize, actionSize] : [actionSize];
      const size = shape.reduce((a, b) => a * b, 1);
      this.logStd = new Tensor(new Float32Array(size).fill(options.logStdInit), shape, { requiresGrad: true });
      this.logStdGrad = new Float32Array(size);
      this.logStd.grad = new Tensor(this.logStdGrad, shape);
    } else {
      this.logStd = null;
      this.logStdGrad = null;
    }
    this.size = this.policy.params.size + (this.logStd?.size ?? 0) + this.critic.params.size;
  }

  /** Whether actions explore with gSDE. */
  get sde(): boolean {
    return this.options.useSde === true && this.logStd !== null;
  }

  /** gSDE's latent features of a batch of observations: the policy's last hidden activations (no gradient), `[rows, latent]`. */
  latent(observations: Tensor): Tensor {
    if (this.body === null) return new Tensor(Float32Array.from(observations.data), observations.shape);
    const body = this.body;
    body.params.setVector(this.policy.params.vector.subarray(0, body.params.size));
    return noGrad(() => body.forward(observations, 'eval'));
  }

  /** One gSDE exploration matrix per environment, drawn from N(0, σ²) with `rng` (`count × latent × actionSize` values). */
  sampleExploration(count: number, rng: Rng): Float32Array {
    if (!this.sde || this.logStd === null)
      throw new RlError('ActorCritic.sampleExploration', 'a policy with gSDE (useSde)', 'plain Gaussian or discrete actions');
    return sampleExplorationMatrices(this.logStd, count, rng);
  }

  /** The action distributions of a batch of (already normalised) observations `[rows, observationSize]`. */
  distribution(observations: Tensor): ActionDistribution {
    const out = this.policy.forward(observations, 'train');
    if (out.rank !== 2 || out.shape[1] !== this.options.actionSize)
      throw new RlError('policy output', `shape [rows, ${this.options.actionSize}]`, `shape [${out.shape.join(', ')}]`);
    if (this.logStd === null) return categorical(out);
    return this.sde ? stateDependentGaussian(out, this.logStd, this.latent(observations)) : diagonalGaussian(out, this.logStd);
  }

  private stateDependent(observations: Tensor, logStd: Tensor): StateDependentDistribution {
    return stateDependentGaussian(this.policy.forward(observations, 'train'), logStd, this.latent(observations));
  }

  /** V(s) of a batch of observations, shape `[rows]`. */
  values(observations: Tensor): Tensor {
    return reshape(this.critic.forward(observations, 'train'), [observations.shape[0]]);
  }

  /**
   * Acts in `rows` environments without recording gradients: samples an action per row with
   * `rng` into `actions` (with gSDE: μ + z·E with environment r's matrix in `exploration`),
   * and writes log π(a|s) and V(s) into `logProbs` and `values`.
   */
  act(
    observations: Float32Array,
    rows: number,
    rng: Rng,
    out: Readonly<{ actions: Float32Array; logProbs: Float32Array; values: Float32Array }>,
    exploration?: Float32Array,
  ): void {
    noGrad(() => {
      const x = new Tensor(observations.subarray(0, rows * this.options.observationSize), [rows, this.options.observationSize]);
      let d: ActionDistribution;
      if (exploration !== undefined && this.sde && this.logStd !== null) {
        const sde = this.stateDependent(x, this.logStd);
        sde.explore(exploration, out.actions);
        d = sde;
      } else {
        d = this.distribution(x);
        d.sample(rng, out.actions);
      }
      out.logProbs.set(d.logProb(out.actions.subarray(0, rows * d.width)).data);
      out.values.set(this.values(x).data);
    });
  }

  /** V(s) of `rows` observation rows, without gradients. */
  valueOf(observations: Float32Array, rows: number): Float32Array {
    return noGrad(
      () =>
        this.values(new Tensor(observations.subarray(0, rows * this.options.observationSize), [rows, this.options.observationSize])).data,
    );
  }

  /** Clears the gradients of every group before a backward pass. */
  zeroGrad(): void {
    this.policy.params.zeroGrad();
    this.critic.params.zeroGrad();
    this.logStdGrad?.fill(0);
  }

  /** Copies every trainable value (policy, log σ, critic) into `out`, in that order. */
  gatherParams(out: Float32Array): Float32Array {
    return this.gather(out, this.policy.params.vector, this.logStd?.data ?? null, this.critic.params.vector);
  }

  /** Copies every gradient (policy, log σ, critic) into `out`, in the order of {@link ActorCritic.gatherParams}. */
  gatherGrads(out: Float32Array): Float32Array {
    return this.gather(out, this.policy.params.grads, this.logStdGrad, this.critic.params.grads);
  }

  /** Adds `updates` (in the order of {@link ActorCritic.gatherParams}) to the parameters. */
  addUpdates(updates: Float32Array): void {
    let o = 0;
    for (const v of [this.policy.params.vector, this.logStd?.data ?? null, this.critic.params.vector]) {
      if (v === null) continue;
      for (let i = 0; i < v.length; i++) v[i] += updates[o + i];
      o += v.length;
    }
  }

  /** Overwrites every trainable value from `values` (in the order of {@link ActorCritic.gatherParams}). */
  setParams(values: Float32Array): void {
    if (values.length !== this.size) throw new RlError('ActorCritic.setParams', `${this.size} values`, `${values.length}`);
    const p = this.policy.params.size;
    this.policy.params.setVector(values.subarray(0, p));
    let o = p;
    if (this.logStd !== null) {
      this.logStd.data.set(values.subarray(o, o + this.logStd.size));
      o += this.logStd.size;
    }
    this.critic.params.setVector(values.subarray(o));
  }

  private gather(out: Float32Array, a: Float32Array, b: Float32Array | null, c: Float32Array): Float32Array {
    out.set(a, 0);
    if (b !== null) out.set(b, a.length);
    out.set(c, a.length + (b?.length ?? 0));
    return out;
  }
}
