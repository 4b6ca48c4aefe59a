/**
 * PPO on Pendulum-v1 and Acrobot-v1 with the RL Zoo's hyperparameters (rl-baselines3-zoo
 * `hyperparams/ppo.yml`), judged by the issue's rule: reach the Zoo's published mean return
 * (`benchmark.md`, deterministic policy: Pendulum-v1 −172.225 ± 104.159 after 100k timesteps over
 * 750 episodes, Acrobot-v1 −73.506 ± 18.201 after 1M over 2,013) within twice its timesteps.
 *
 * The judge: the greedy policy the trainer would return, over `episodes` held-out episodes of
 * the run's own fixed seeds (the trainer's `return` metric), every `validateEvery` updates; the
 * run stops at the first evaluation at or above the Zoo's return. Not the core's 10-episode
 * target judge: one Pendulum episode's return has a standard deviation near 100 (the Zoo's own),
 * so a mean over 10 episodes passes −172 by luck (a policy at −233 over 20 other episodes did).
 *
 * As SB3: Acrobot's `normalize: true` is `normalizeObservations` + `normalizeRewards` (VecNormalize,
 * observations clipped to ±10 as its clip_obs); the networks start orthogonal (SB3's ortho_init,
 * gains √2 / 0.01 / 1). `pendulum-glorot` and `acrobot-glorot` run the earlier behaviour the
 * README's first rows were measured with (Glorot init, the policy's last layer × 0.01; no
 * observation clip, which early in an Acrobot run, while the running std of cos θ is tiny, is active).
 * Usage: `node --conditions=@evoprop/source --import tsx scripts/zoo-seeds.ts pendulum|acrobot|pendulum-glorot|acrobot-glorot [first] [last]`.
 */
import { createControlTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import type { PpoConfigInput } from '../src/ppo/config.js';
import { PpoTrainer } from '../src/ppo/ppo-trainer.js';

const setups: Record<string, { task: string; zooReturn: number; budget: number; episodes: number; config: PpoConfigInput }> = {
  // Pendulum-v1: n_envs 4, n_steps 1024, gae_lambda 0.95, gamma 0.9, n_epochs 10, ent_coef 0, lr 1e-3, clip 0.2, use_sde, sde_sample_freq 4 (batch 64, log_std_init 0: SB3's defaults).
  pendulum: {
    task: 'pendulum',
    zooReturn: -172.225,
    budget: 200_000,
    episodes: 50,
    config: {
      envs: 4,
      steps: 1024,
      batchSize: 64,
      epochs: 10,
      gamma: 0.9,
      gaeLambda: 0.95,
      learningRate: 1e-3,
      anneal: 'none',
      useSde: true,
      sdeSampleFrequency: 4,
      validateEvery: 2,
    },
  },
  // Acrobot-v1: normalize, n_envs 16, n_steps 256, gae_lambda 0.94, gamma 0.99, n_epochs 4, ent_coef 0 (lr 3e-4, batch 64, clip 0.2: SB3's defaults).
  acrobot: {
    task: 'acrobot',
    zooReturn: -73.506,
    budget: 2_000_000,
    episodes: 50,
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
      normalizeRewards: true,
      validateEvery: 2,
    },
  },
};
// `pendulum-glorot`, `acrobot-glorot`: the same before SB3's orthogonal init and observation clip
// (Glorot init with the policy's last layer × 0.01, and a clip no normalised observation reaches:
// |x| ≤ 9π over a std ≥ 1e-4), as the README's earlier rows were measured.
for (const base of ['pendulum', 'acrobot'] as const)
  setups[`${base}-glorot`] = { ...setups[base], config: { ...setups[base].config, orthoInit: false, clipObservations: 1e9 } };

const name = process.argv[2] ?? 'pendulum';
const setup = setups[name];
if (setup === undefined) throw new Error(`expected one of ${Object.keys(setups).join(', ')}, got '${name}'`);
const first = Number(process.argv[3] ?? 1);
const last = Number(process.argv[4] ?? 10);
const task = createControlTask(setup.task, 0);
let reached = 0;
console.log(
  `PPO on ${setup.task}: target the Zoo's ${setup.zooReturn} (mean greedy return over ${setup.episodes} held-out episodes) within ${setup.budget} environment steps`,
);
console.log('| seed | reached | environment steps | return | wall s |');
console.log('| ---: | :--- | ---: | ---: | ---: |');
for (let seed = first; seed <= last; seed++) {
  const stop = new AbortController();
  let at: { steps: number; value: number } | undefined;
  const r = await new PpoTrainer({ ...setup.config, evaluationEpisodes: setup.episodes }).fit({
    task,
    rng: Rng.fromSeed(seed),
    budget: { evaluations: setup.budget },
    signal: stop.signal,
    onEvent: (e) => {
      if (e.type !== 'progress' || at !== undefined) return;
      const value = e.metrics.return;
      // Each held-out evaluation on stderr, so a long run shows its learning curve as it goes.
      if (value !== undefined) process.stderr.write(`seed ${seed}: ${e.cost.evaluations} steps, return ${value.toFixed(1)}\n`);
      if (value !== undefined && value >= setup.zooReturn) {
        at = { steps: e.cost.evaluations, value };
        stop.abort();
      }
    },
  });
  if (at !== undefined) reached++;
  const steps = at?.steps ?? r.cost.evaluations;
  const value = at?.value ?? r.metrics.return ?? Number.NaN;
  console.log(`| ${seed} | ${at === undefined ? 'no' : 'yes'} | ${steps} | ${value.toFixed(1)} | ${r.cost.wallSeconds.toFixed(0)} |`);
}
console.log(`${setup.task}: ${reached}/${last - first + 1} seeds reached ${setup.zooReturn} within ${setup.budget} environment steps`);
