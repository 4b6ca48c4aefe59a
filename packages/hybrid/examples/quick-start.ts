import { createRegistry, createTrainer } from '@evoprop/core/registry';
import { createSupervisedTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { MemeticTrainer, NeatBackpropTrainer, type PbtScheduleEntry, PbtTrainer, hybridTrainers } from '@evoprop/hybrid';

const circles = createSupervisedTask('circles', 1, { samples: 200 });

// 1. Memetic: a GA whose candidates each take 20 Adam steps before they are scored (Lamarckian).
const memetic = new MemeticTrainer({
  strategy: 'ga',
  strategyConfig: { populationSize: 4 },
  mode: 'lamarckian',
  refinement: { steps: 20, optimizer: { name: 'adam', learningRate: 0.05 } },
  model: { hidden: [6], activation: 'tanh' },
});
const m = await memetic.fit({ task: circles, rng: Rng.fromSeed(0), budget: { generations: 10 } });
console.log('memetic', m.metrics.accuracy, m.cost.gradientSteps, 'gradient steps', m.cost.evaluations, 'evaluations');

// 2. PBT: 4 SGD members; every 20 steps the worst copies the best (weights + momentum) and perturbs lr / weight decay.
const pbt = new PbtTrainer({ populationSize: 4, interval: 20, model: { hidden: [8], activation: 'relu' } });
const p = await pbt.fit({ task: circles, rng: Rng.fromSeed(0), budget: { gradientSteps: 4 * 100 } });
const schedule = p.extras?.bestSchedule as PbtScheduleEntry[];
console.log('pbt', p.metrics.accuracy, schedule.map((e) => `${e.step}:${e.learningRate.toFixed(3)}`).join(' '));

// 3. NEAT + backprop: evolved topologies, each phenotype trained by 5 Adam steps, weights written back.
const neat = new NeatBackpropTrainer({ neat: { populationSize: 20 }, refinement: { steps: 5 } });
const n = await neat.fit({ task: circles, rng: Rng.fromSeed(0), budget: { generations: 5 } });
console.log('neat-backprop', n.metrics.accuracy, n.extras?.connections, 'connections', n.extras?.hiddenNodes, 'hidden nodes');

// All three are registered by id with strict configs, like every other trainer.
const registry = createRegistry(hybridTrainers, { what: 'trainer' });
console.log(createTrainer(registry, 'pbt', { populationSize: 6, optimizer: 'adam' }).id); // 'pbt'
