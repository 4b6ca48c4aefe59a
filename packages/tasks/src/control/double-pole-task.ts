/**
 * The double pole tasks (Stanley & Miikkulainen 2002, sec. 4.2): with velocities (Markovian) and
 * without (Gruau et al.'s damping fitness); the physics is in ./double-pole.ts.
 */
import { z } from 'zod';
import { defineBuiltinTask } from '../registry/define.js';
import { type DoublePoleOptions, DoublePoleEnvironment, dampingFitness } from './double-pole.js';
import { doublePoleVectorEnvironment } from './double-pole-vector.js';

const options = (maxSteps: number) =>
  z.strictObject({
    /** Episode length cap (steps of 0.02 s, 1 to 10⁷). Default 100,000 with velocities, 1,000 without. */
    maxSteps: z.int().min(1).max(10_000_000).default(maxSteps).meta({ unit: 'environment steps' }),
    /** Integration scheme: `'rk4'` (the reference code) or `'euler'`. Default `'rk4'`. */
    integrator: z.enum(['rk4', 'euler']).default('rk4'),
    /** Start state: `'fixed'` (θ1 = initialAngle), `'random'` (in the generalisation box) or `'grid'` (generalisation start `seed mod 625`). Default `'fixed'`. */
    start: z.enum(['fixed', 'random', 'grid']).default('fixed'),
    /** Long pole's starting angle for start 'fixed' (rad): 0.07 in the reference code (4°); Gruau et al. used 4.5°. */
    initialAngle: z.number().min(-0.6).max(0.6).default(0.07).meta({ unit: 'rad' }),
    /** `'continuous'`: one value in [0, 1] mapped to ±10 N; `'discrete'`: 0 pushes left, 1 right. Default `'continuous'`. */
    actions: z.enum(['continuous', 'discrete']).default('continuous'),
    /** `'scaled'`: variables divided by their conventional ranges; `'raw'`: SI units. Default `'scaled'`. */
    observation: z.enum(['scaled', 'raw']).default('scaled'),
  });

function doublePole(id: string, description: string, seed: number, o: Omit<DoublePoleOptions, 'velocities'>, velocities: boolean) {
  const settings: DoublePoleOptions = { ...o, velocities };
  return {
    kind: 'control' as const,
    id,
    seed,
    description,
    observationSize: velocities ? 6 : 3,
    actionSize: o.actions === 'discrete' ? 2 : 1,
    actionKind: o.actions,
    maxSteps: o.maxSteps,
    metric: 'return' as const,
    // The NEAT paper's success criterion: balance for the whole episode (100,000 steps with velocities).
    solvedAt: o.maxSteps,
    createEnvironment: () => new DoublePoleEnvironment(seed, settings),
    createVectorEnvironment: (count: number) => doublePoleVectorEnvironment(seed, settings, count),
    ...(velocities
      ? {}
      : {
          episodeFitness: (_steps: number, returnSum: number, history: readonly Float32Array[]) =>
            dampingFitness(returnSum, history, o.observation),
        }),
  };
}

export const doublePoleTask = defineBuiltinTask({
  id: 'double-pole',
  kind: 'control',
  // ESP and CoSyNE balance both poles with 5 hidden units (Gomez, Schmidhuber & Miikkulainen 2008, §4).
  recommendedModel: { hidden: [5], activation: 'tanh' },
  description: 'Double pole balancing with velocities (Markovian), NEAT-paper parameters; 100,000 steps to solve.',
  options: options(100_000),
  build: (seed, o, m) => doublePole(m.id, m.description, seed, o, true),
});

export const doublePoleNoVelocityTask = defineBuiltinTask({
  id: 'double-pole-nv',
  kind: 'control',
  recommendedModel: { hidden: [5], activation: 'tanh' },
  description:
    "Double pole balancing without velocities (non-Markovian); episodeFitness is Gruau et al.'s damping fitness over 1000 steps.",
  options: options(1000),
  build: (seed, o, m) => doublePole(m.id, m.description, seed, o, false),
});
