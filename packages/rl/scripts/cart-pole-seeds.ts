/**
 * The CartPole-v1 criteria, measured on 10 seeds: PPO reaches a mean return ≥ 475 over
 * 100 held-out episodes within 1e5 environment steps, REINFORCE with a baseline within 5e5.
 * Each run stops at the target (judged on the greedy policy the trainer would return, over the
 * same 100 fixed-seed episodes, evaluated every `validateEvery` updates, not charged) or at the
 * budget. The script stops a run itself (an abort on the progress event whose 100-episode return
 * reaches 475): a budget target is judged by the training loop on core's `heldOutMetrics`, 10
 * episodes fixed by the task id, after every update — the arena's common test, weaker than the
 * 100 episodes of this criterion. Usage: `pnpm seeds [ppo|reinforce] [firstSeed] [lastSeed]` in packages/rl.
 */
import { createControlTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { PpoTrainer } from '../src/ppo/ppo-trainer.js';
import { ReinforceTrainer } from '../src/reinforce/reinforce-trainer.js';

const algorithm = process.argv[2] ?? 'ppo';
const first = Number(process.argv[3] ?? 1);
const last = Number(process.argv[4] ?? 10);
const setups = {
  // PPO: the RL Zoo's CartPole-v1 hyperparameters (the trainer's defaults), evaluated every 4 updates (1,024 steps).
  ppo: { budget: 100_000, make: () => new PpoTrainer({ evaluationEpisodes: 100, validateEvery: 4 }) },
  // REINFORCE: 8 whole episodes per update, evaluated every 5 updates.
  reinforce: { budget: 500_000, make: () => new ReinforceTrainer({ evaluationEpisodes: 100, validateEvery: 5 }) },
} as const;
const setup = setups[algorithm as keyof typeof setups];
if (setup === undefined) throw new Error(`expected 'ppo' or 'reinforce', got '${algorithm}'`);

const task = createControlTask('cart-pole', 0);
let solved = 0;
console.log(
  `${algorithm} on CartPole-v1 (task seed 0), target mean return ≥ 475 over 100 held-out episodes, budget ${setup.budget} environment steps`,
);
console.log('| seed | status | environment steps | return | wall s |');
console.log('| ---: | :--- | ---: | ---: | ---: |');
for (let seed = first; seed <= last; seed++) {
  const stop = new AbortController();
  // Environment steps at the first evaluation over the 100 held-out episodes that reached 475.
  let reachedAt: number | undefined;
  const r = await setup.make().fit({
    task,
    rng: Rng.fromSeed(seed),
    budget: { evaluations: setup.budget },
    signal: stop.signal,
    onEvent: (e) => {
      if (e.type !== 'progress' || reachedAt !== undefined) return;
      const heldOut = e.metrics.return;
      if (heldOut !== undefined && heldOut >= 475) {
        reachedAt = e.cost.evaluations;
        stop.abort('mean return over the 100 held-out episodes reached 475');
      }
    },
  });
  if (reachedAt !== undefined) solved++;
  const status = reachedAt !== undefined ? 'reached-target' : r.status;
  console.log(
    `| ${seed} | ${status} | ${reachedAt ?? r.cost.evaluations} | ${r.metrics.return?.toFixed(1)} | ${r.cost.wallSeconds.toFixed(0)} |`,
  );
}
console.log(`${algorithm}: ${solved}/${last - first + 1} seeds reached 475 within ${setup.budget} environment steps`);
