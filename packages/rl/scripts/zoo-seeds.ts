/**
 * PPO on Pendulum-v1 and Acrobot-v1 with the RL Zoo's hyperparameters (rl-baselines3-zoo
 * `hyperparams/ppo.yml`), judged by the rule: reach the Zoo's published mean return
 * (`benchmark.md`: Pendulum-v1 −172.225 at 100k timesteps, Acrobot-v1 −73.506 at 1M) within twice
 * its timesteps. Differences from the Zoo: no gSDE for Pendulum (plain Gaussian exploration with
 * a learned log σ), and for Acrobot only observations are normalised (VecNormalize also scales
 * rewards). Usage: `node --conditions=@evoprop/source --import tsx scripts/zoo-seeds.ts pendulum|acrobot [first] [last]`.
 */
import { createControlTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import type { PpoConfigInput } from '../src/ppo/config.js';
import { PpoTrainer } from '../src/ppo/ppo-trainer.js';

const setups: Readonly<Record<string, { task: string; zooReturn: number; budget: number; config: PpoConfigInput }>> = {
  // Pendulum-v1: n_envs 4, n_steps 1024, gae_lambda 0.95, gamma 0.9, n_epochs 10, ent_coef 0, lr 1e-3, clip 0.2 (batch 64: SB3's default).
  pendulum: {
    task: 'pendulum',
    zooReturn: -172.225,
    budget: 200_000,
    config: { envs: 4, steps: 1024, batchSize: 64, epochs: 10, gamma: 0.9, gaeLambda: 0.95, learningRate: 1e-3, anneal: 'none' },
  },
  // Acrobot-v1: normalize, n_envs 16, n_steps 256, gae_lambda 0.94, gamma 0.99, n_epochs 4, ent_coef 0 (lr 3e-4, batch 64, clip 0.2: SB3's defaults).
  acrobot: {
    task: 'acrobot',
    zooReturn: -73.506,
    budget: 2_000_000,
    config: {
      envs: 16,
      steps: 256,
      batchSize: 64,
      epochs: 4,
      gamma: 0.99,
      gaeLambda: 0.94,
      learningRate: 3e-4,
      anneal: 'none',
      normalizeObservations: true,
    },
  },
};

const name = process.argv[2] ?? 'pendulum';
const setup = setups[name];
if (setup === undefined) throw new Error(`expected 'pendulum' or 'acrobot', got '${name}'`);
const first = Number(process.argv[3] ?? 1);
const last = Number(process.argv[4] ?? 10);
const task = createControlTask(setup.task, 0);
let reached = 0;
console.log(
  `PPO on ${setup.task}: target the Zoo's ${setup.zooReturn} (mean greedy return, 20 held-out episodes) within ${setup.budget} steps`,
);
console.log('| seed | status | environment steps | return |');
console.log('| ---: | :--- | ---: | ---: |');
for (let seed = first; seed <= last; seed++) {
  const r = await new PpoTrainer({ ...setup.config, evaluationEpisodes: 20 }).fit({
    task,
    rng: Rng.fromSeed(seed),
    budget: { evaluations: setup.budget, target: { metric: 'return', value: setup.zooReturn } },
  });
  if (r.status === 'reached-target') reached++;
  const at = r.status === 'reached-target' ? r.history[r.history.length - 1].cost.evaluations : r.cost.evaluations;
  console.log(`| ${seed} | ${r.status} | ${at} | ${r.metrics.return?.toFixed(1)} |`);
}
console.log(`${name}: ${reached}/${last - first + 1} seeds reached ${setup.zooReturn} within ${setup.budget} environment steps`);
