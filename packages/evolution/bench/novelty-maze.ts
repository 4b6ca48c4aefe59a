/**
 * Novelty-search NEAT against fitness-based NEAT on the hard maze (Lehman & Stanley 2011): the same
 * NEAT population code scored either by the sparseness of each robot's final position (k = 15,
 * novelty/novelty.ts) or by 300 − its final distance to the goal. Prints, per seed, the
 * evaluations until a robot ends within 5 of the goal (or the budget), then solved runs per method.
 *
 *   SEEDS=5 EVALS=50000 nice -n 10 node --conditions=@evoprop/source --import tsx bench/novelty-maze.ts
 *
 * Settings: SEEDS (5), FIRST seed (0), EVALS per run (50,000), POP (250), METHODS (novelty,fitness),
 * PROGRESS (print the closest distance so far every this many evaluations; 0, the default, prints nothing).
 */
import { Rng } from '@evoprop/tensor';
import {
  NeatNetwork,
  evolveGeneration,
  hardMaze,
  initNeatPopulation,
  initNovelty,
  mazeInputs,
  mazeOutputs,
  neatConfig,
  noveltyStep,
  planOptionsOf,
  runMaze,
} from '../src/neat/index.js';

const seeds = Number(process.env.SEEDS ?? 5);
const first = Number(process.env.FIRST ?? 0);
const progress = Number(process.env.PROGRESS ?? 0);
const budget = Number(process.env.EVALS ?? 50_000);
const populationSize = Number(process.env.POP ?? 250);
const methods = (process.env.METHODS ?? 'novelty,fitness').split(',');
const config = neatConfig('paper', { populationSize, network: { recurrent: true } });

for (const method of methods) {
  let solved = 0;
  const costs: number[] = [];
  for (let seed = first; seed < first + seeds; seed++) {
    const started = performance.now();
    let state = initNeatPopulation(config, mazeInputs, mazeOutputs, Rng.fromSeed(seed));
    let archive = initNovelty({ k: 15, threshold: 6 });
    let evaluations = 0;
    let hit = -1;
    let closest = Infinity;
    while (evaluations + state.genomes.length <= budget && hit < 0) {
      const outcomes = state.genomes.map((g) => {
        const net = NeatNetwork.fromGenome(g, planOptionsOf(config));
        return runMaze(hardMaze, (inputs) => net.activate(inputs));
      });
      evaluations += outcomes.length;
      for (const o of outcomes) closest = Math.min(closest, o.distance);
      if (progress > 0 && Math.floor(evaluations / progress) > Math.floor((evaluations - outcomes.length) / progress))
        console.log(`  ${method} seed ${seed}: ${evaluations} evaluations, closest ${closest.toFixed(1)}, archive ${archive.archived}`);
      const winner = outcomes.findIndex((o) => o.solved);
      if (winner >= 0) hit = evaluations - outcomes.length + winner + 1;
      let scores: number[];
      if (method === 'novelty') {
        const step = noveltyStep(
          archive,
          outcomes.map((o) => o.position),
        );
        archive = step.state;
        scores = Array.from(step.scores);
      } else scores = outcomes.map((o) => o.fitness);
      state = evolveGeneration(state, scores).state;
    }
    if (hit >= 0) {
      solved++;
      costs.push(hit);
    }
    console.log(
      `${method} seed ${seed}: ${hit >= 0 ? `solved after ${hit} evaluations` : `not solved in ${evaluations} (closest ${closest.toFixed(1)})`}; archive ${archive.archived}; ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  }
  const mean = costs.length > 0 ? costs.reduce((a, b) => a + b, 0) / costs.length : Number.NaN;
  console.log(`${method}: solved ${solved}/${seeds} within ${budget} evaluations; mean evaluations of the solved runs ${mean.toFixed(0)}`);
}
