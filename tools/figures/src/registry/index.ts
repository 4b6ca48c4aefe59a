/** The registry: every run, in the order `pnpm figures` runs them (fast ones first). */
import type { FigureRun } from '../types.js';
import { arenaRuns } from './arena.js';
import { backpropRuns } from './backprop.js';
import { evolutionRuns } from './evolution.js';
import { examplesRuns } from './examples.js';
import { hybridRuns } from './hybrid.js';
import { neatRuns } from './neat.js';
import { queueRuns } from './queue.js';
import { tasksRuns } from './tasks.js';
import { tensorRuns } from './tensor.js';
import { rlRuns, zooRuns } from './rl.js';
import { transferRuns } from './transfer.js';

const all: readonly FigureRun[] = [
  ...tasksRuns,
  ...evolutionRuns,
  ...neatRuns,
  ...examplesRuns,
  ...queueRuns,
  ...backpropRuns,
  ...transferRuns,
  ...rlRuns,
  ...zooRuns,
  ...hybridRuns,
  ...arenaRuns,
  ...tensorRuns,
];

/** Every seeded figure run; fast runs first, then slow ones by expected time. */
export const registry: readonly FigureRun[] = [...all].sort(
  (a, b) => Number(a.speed === 'slow') - Number(b.speed === 'slow') || (a.speed === 'slow' ? a.minutes - b.minutes : 0),
);
