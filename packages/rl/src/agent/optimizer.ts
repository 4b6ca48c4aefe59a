import { type GradientTransformation, chain, clipByGlobalNorm, globalNorm, scaleByAdam } from '@evoprop/backprop';
import type { ActorCritic } from './actor-critic.js';

/**
 * The update every policy-gradient trainer here makes, from `@evoprop/backprop`'s transforms:
 * clip the gradient of all parameter groups together to a global norm (Pascanu et al. 2013),
 * rescale by Adam with ε = 1e-5 (SB3's PPO), then step by −lr. The learning rate is passed per
 * step so it can be annealed by the fraction of the environment-step budget spent (the RL
 * Zoo's `lin_` schedules). State is plain data: a checkpoint copies it.
 */
export class PolicyOptimizer {
  private readonly transform: GradientTransformation<unknown>;
  private readonly grads: Float32Array;
  private readonly params: Float32Array;

  /**
   * @param agent The networks it moves.
   * @param maxGradNorm Global-norm clipping threshold.
   */
  constructor(
    private readonly agent: ActorCritic,
    maxGradNorm: number,
  ) {
    this.transform = chain(clipByGlobalNorm(maxGradNorm), scaleByAdam({ eps: 1e-5 })) as GradientTransformation<unknown>;
    this.grads = new Float32Array(agent.size);
    this.params = new Float32Array(agent.size);
  }

  /** Fresh optimizer state. */
  init(): unknown {
    return this.transform.init(this.agent.size);
  }

  /**
   * One step on the gradients the last backward pass left in the agent: returns the next state
   * and the gradient norm before clipping (non-finite: nothing was changed).
   */
  step(state: unknown, learningRate: number): { state: unknown; gradientNorm: number } {
    const g = this.agent.gatherGrads(this.grads);
    const gradientNorm = globalNorm(g);
    if (!Number.isFinite(gradientNorm)) return { state, gradientNorm };
    const params = this.agent.gatherParams(this.params);
    let next: unknown;
    if (this.transform.updateInPlace !== undefined) next = this.transform.updateInPlace(g, state, params);
    else {
      const [u, s] = this.transform.update(g, state, params);
      g.set(u);
      next = s;
    }
    for (let i = 0; i < g.length; i++) g[i] *= -learningRate;
    this.agent.addUpdates(g);
    return { state: next, gradientNorm };
  }
}
