import { Rng } from '@evoprop/tensor';

/** The update both benchmarks time: SB3's PPO defaults (n_steps 2048, batch 64, 10 epochs) on CartPole's sizes. */
export const updateShape = {
  observationSize: 4,
  transitions: 2048,
  epochs: 10,
  batchSize: 64,
  clipRange: 0.2,
  valueCoefficient: 0.5,
  entropyCoefficient: 0,
  maxGradNorm: 0.5,
  learningRate: 3e-4,
} as const;

/** A seeded synthetic rollout (observations, actions, old log-probabilities, advantages, returns) and the minibatch orders of each epoch. */
export function syntheticRollout() {
  const rng = Rng.fromSeed('ppo-update-bench');
  const n = updateShape.transitions;
  const observations = rng.fork('obs').fillNormal(new Float32Array(n * updateShape.observationSize));
  const actionRng = rng.fork('actions');
  const actions = Float32Array.from({ length: n }, () => actionRng.int(0, 2));
  const logProbs = new Float32Array(n).fill(Math.log(0.5));
  const advantages = rng.fork('advantages').fillNormal(new Float32Array(n));
  const returns = rng.fork('returns').fillNormal(new Float32Array(n), 10, 5);
  const orders = Array.from({ length: updateShape.epochs }, (_, e) => rng.fork(`order/${e}`).permutation(n));
  return { observations, actions, logProbs, advantages, returns, orders };
}
