/**
 * CMA-ES on double pole balancing WITHOUT velocities under the protocol of Gomez, Schmidhuber &
 * Miikkulainen 2008 (JMLR 9, Table 4), which is Gruau, Whitley & Pyeatt's (1996) and the NEAT
 * paper's (Stanley & Miikkulainen 2002, sec. 4.3, `bench/neat-double-pole.ts dpnv`): the network
 * sees the cart position and both pole angles only (scaled); each candidate is scored by Gruau et
 * al.'s damping fitness over 1,000 steps from the fixed start (long pole at 0.07 rad); each
 * generation's best candidate that balanced those 1,000 steps is tested on 100,000 steps and, if it
 * holds, on the generalisation test (balance 1,000 steps from at least 200 of the 625 grid starts).
 * Evaluations are networks evaluated, up to and including the generation whose champion passes
 * (λ per generation), as the NEAT bench counts them. Table 4's CMA-ES entry (Igel 2003) as restated
 * in the README: 6,061; CoSyNE 3,416, NEAT 6,929, ESP 26,342.
 *
 * The network (fixed before any run, not tuned): an Elman-style recurrent layer of `hidden` tanh
 * units over the 3 scaled inputs and the units' own previous outputs, then one tanh output y, the
 * action (y + 1)/2 ∈ [0, 1] (force 10·y N); no biases (an odd function of the history, as the
 * task is symmetric): 3h + h² + h weights (45 for h = 5, the task's recommended width, ESP's
 * and CoSyNE's). Weights start at 0, σ0 = `sigma`, CMA-ES's default λ = 4 + ⌊3 ln n⌋, no restarts.
 *
 *   node --conditions=@evoprop/source --import tsx bench/cma-es-double-pole-nv.ts [seeds] [hidden] [sigma] [firstSeed] [maxEvaluations]
 */
import { type ControlTask, type Policy, rollout } from '@evoprop/core';
import { createControlTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { cmaEs } from '../src/index.js';

const seeds = Number(process.argv[2] ?? 10);
const hidden = Number(process.argv[3] ?? 5);
const sigma = Number(process.argv[4] ?? 0.5);
const firstSeed = Number(process.argv[5] ?? 0);
const maxEvaluations = Number(process.argv[6] ?? 30_000);

const base = { integrator: 'rk4', initialAngle: 0.07, actions: 'continuous', observation: 'scaled' } as const;
const train = createControlTask('double-pole-nv', 0, { ...base, maxSteps: 1000, start: 'fixed' });
const long = { ...createControlTask('double-pole-nv', 0, { ...base, maxSteps: 100_000, start: 'fixed' }), episodeFitness: undefined };
const grid = { ...createControlTask('double-pole-nv', 0, { ...base, maxSteps: 1000, start: 'grid' }), episodeFitness: undefined };
const inputs = train.observationSize;
const size = hidden * inputs + hidden * hidden + hidden;

/** The recurrent network with weights `w` as a policy over `count` environments (one hidden state each). */
function recurrentPolicy(w: Float64Array, count: number): Policy {
  const h = new Float64Array(count * hidden);
  const next = new Float64Array(hidden);
  const recurrent = hidden * inputs;
  const output = recurrent + hidden * hidden;
  return {
    reset: (env) => h.fill(0, env * hidden, (env + 1) * hidden),
    act(observations, envs, actions) {
      for (let r = 0; r < envs.length; r++) {
        const e = envs[r];
        let y = 0;
        for (let j = 0; j < hidden; j++) {
          let s = 0;
          for (let i = 0; i < inputs; i++) s += w[j * inputs + i] * observations[r * inputs + i];
          for (let i = 0; i < hidden; i++) s += w[recurrent + j * hidden + i] * h[e * hidden + i];
          next[j] = Math.tanh(s);
          y += w[output + j] * next[j];
        }
        h.set(next, e * hidden);
        actions[r] = (Math.tanh(y) + 1) / 2;
      }
    },
  };
}

const episode = (task: ControlTask, w: Float64Array, seed = 0) => rollout(task, recurrentPolicy(w, 1), [seed])[0];

/**
 * Starts of the 625-grid the network balances for 1,000 steps, in blocks of 125; stops early only
 * once 200 can no longer be reached (a passing network gets its full score, as the NEAT bench).
 */
function generalisation(w: Float64Array): number {
  let general = 0;
  for (let first = 0; first < 625 && general + (625 - first) >= 200; first += 125) {
    const starts = Array.from({ length: 125 }, (_, s) => first + s);
    general += rollout(grid, recurrentPolicy(w, 125), starts).filter((e) => e.steps >= 1000).length;
  }
  return general;
}

console.log(
  `CMA-ES, double pole without velocities (Gomez et al. 2008 Table 4 protocol): 3-${hidden}r-1 tanh Elman network, no biases (${size} weights), σ0 ${sigma}, cap ${maxEvaluations} evaluations`,
);
console.log('| seed | solved | evaluations | generations | generalisation | wall s |');
console.log('| ---: | :--- | ---: | ---: | ---: | ---: |');
const counts: number[] = [];
let solved = 0;
for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
  const t0 = performance.now();
  let state = cmaEs.init(new Array<number>(size).fill(0), { sigma }, Rng.fromSeed(seed).fork('cma-es-dpnv'));
  let evaluations = 0;
  let passed = 0;
  while (passed === 0 && evaluations < maxEvaluations && state.stop === null) {
    const asked = cmaEs.ask(state);
    const scored = asked.candidates.map((x) => episode(train, x));
    evaluations += scored.length;
    let best = 0;
    for (let i = 1; i < scored.length; i++) if (scored[i].fitness > scored[best].fitness) best = i;
    const champion = asked.candidates[best];
    // The generation's champion takes the tests (Gruau et al. 1996; NEAT paper p. 115): 100,000 steps, then the grid.
    if (scored[best].steps >= 1000 && episode(long, champion).steps >= 100_000) {
      const general = generalisation(champion);
      if (general >= 200) passed = general;
    }
    if (passed > 0) break;
    state = cmaEs.tell(
      asked.state,
      asked.candidates,
      scored.map((e) => -e.fitness),
    );
  }
  if (passed > 0) {
    solved++;
    counts.push(evaluations);
  }
  console.log(
    `| ${seed} | ${passed > 0 ? 'yes' : `no (${state.stop ?? 'budget'})`} | ${evaluations} | ${state.generation + 1} | ${passed > 0 ? passed : '-'} | ${((performance.now() - t0) / 1000).toFixed(1)} |`,
  );
}
const sorted = [...counts].sort((x, y) => x - y);
const mean = counts.reduce((s, v) => s + v, 0) / Math.max(1, counts.length);
console.log(
  `double pole without velocities: ${solved}/${seeds} solved; mean ${Math.round(mean)} evaluations over the solved (median ${sorted[sorted.length >> 1] ?? 'n/a'}, ${sorted[0] ?? 'n/a'}–${sorted.at(-1) ?? 'n/a'}); Gomez et al. 2008 Table 4 (restated): CMA-ES 6,061, CoSyNE 3,416, NEAT 6,929`,
);
