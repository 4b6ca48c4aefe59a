/** The PPO update the trainer runs (`ppoUpdate`), timed on the synthetic rollout of `ppo-update-data.ts`. */
import { Rng } from '@evoprop/tensor';
import { ActorCritic } from '../src/agent/actor-critic.js';
import { PolicyOptimizer } from '../src/agent/optimizer.js';
import { ppoUpdate } from '../src/ppo/update.js';
import { syntheticRollout, updateShape } from './ppo-update-data.js';

/** Seconds of one update (best of `repeats`, after one untimed warm-up update). */
export async function evopropPpoUpdateSeconds(repeats: number): Promise<number> {
  const data = syntheticRollout();
  const net = new ActorCritic(
    { observationSize: 4, actionSize: 2, actionKind: 'discrete', hidden: [64, 64], activation: 'tanh', logStdInit: 0 },
    Rng.fromSeed(1),
  );
  const optimizer = new PolicyOptimizer(net, updateShape.maxGradNorm);
  const state = { optimizer: optimizer.init() };
  const settings = { ...updateShape, normalizeAdvantages: true };
  const batch = { rows: updateShape.transitions, ...data };
  const update = (): void => {
    const r = ppoUpdate(net, optimizer, state, batch, settings, (epoch) => data.orders[epoch]);
    if (typeof r === 'string') throw new Error(r);
  };
  update();
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    update();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}
