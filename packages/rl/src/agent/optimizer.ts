import {
  type GradientStep,
  type LossOutput,
  type StepDivergence,
  type StepParams,
  chain,
  clipByGlobalNorm,
  gradientStep,
  scaleByAdam,
  scaleByLearningRate,
} from '@evoprop/backprop';
import type { ActorCritic } from './actor-critic.js';

/** What one step did: the loss, the loss function's extras, and why nothing was applied when the loss or gradient was not finite. */
export type PolicyStep<A> = Readonly<{
  /** The loss before the update. */
  loss: number;
  /** What the loss function returned besides the loss. */
  aux: A;
  /** Set when no update was applied (a non-finite loss or gradient norm). */
  divergence?: StepDivergence;
}>;

/**
 * The update every policy-gradient trainer here makes, through `@evoprop/backprop`'s
 * `gradientStep` over one transform chain: clip the gradient of all parameter groups (policy,
 * log σ, critic) together to a global norm (Pascanu et al. 2013), rescale by Adam with
 * ε = 1e-5 (SB3's PPO), then scale by −lr. The learning rate is set per step, so it can be
 * annealed by the fraction of the environment-step budget spent (the RL Zoo's `lin_`
 * schedules). The groups live in separate networks; the step sees them as one flat vector
 * (gathered before, written back after). Optimizer state is plain data: a checkpoint copies it.
 */
export class PolicyOptimizer {
  private learningRate = 0;
  private readonly flat: Float32Array;
  private readonly run: GradientStep<() => LossOutput<unknown>, unknown>;

  /**
   * @param agent The networks it moves.
   * @param maxGradNorm Global-norm clipping threshold.
   */
  constructor(
    private readonly agent: ActorCritic,
    maxGradNorm: number,
  ) {
    const flat = new Float32Array(agent.size);
    const grads = new Float32Array(agent.size);
    this.flat = flat;
    const params: StepParams = {
      get vector() {
        return agent.gatherParams(flat);
      },
      get grads() {
        return agent.gatherGrads(grads);
      },
      zeroGrad: () => agent.zeroGrad(),
    };
    const optimizer = chain(
      clipByGlobalNorm(maxGradNorm),
      scaleByAdam({ eps: 1e-5 }),
      scaleByLearningRate(() => this.learningRate),
    );
    this.run = gradientStep((lossFn: () => LossOutput<unknown>) => lossFn(), { params, optimizer, inPlace: true });
  }

  /** Fresh optimizer state. */
  init(): unknown {
    return this.run.init();
  }

  /**
   * One step at `learningRate` on the loss `lossFn` builds: returns the next state and what
   * happened. Nothing changes when the loss or the gradient is not finite (`divergence`).
   */
  step<A>(state: unknown, learningRate: number, lossFn: () => LossOutput<A>): { state: unknown; result: PolicyStep<A> } {
    this.learningRate = learningRate;
    const r = this.run(state, lossFn);
    if (!r.applied) return { state, result: { loss: r.loss, aux: r.aux as A, divergence: r.divergence } };
    this.agent.setParams(this.flat);
    return { state: r.state, result: { loss: r.loss, aux: r.aux as A } };
  }
}
