/**
 * One strategy's part of a race: fit its trainer under the race's FLOP budget and, every `every`
 * steps, look at the model the trainer would return at that moment (rebuilt from the step's
 * checkpoint by resuming with a spent budget, so the trainer's own contract is all it relies on):
 * its loss and accuracy, its decision boundary, NEAT's topology. The first look whose test accuracy
 * reaches the target ends the race for that strategy. Looks happen at fixed steps, never on a
 * timer, so the same race gives the same numbers on every run; only wall times differ.
 */
import { type Checkpoint, type Model, type SupervisedTask, evaluateModel } from '@evoprop/core';
import { createSupervisedTask } from '@evoprop/tasks';
import { Rng, fromArray, noGrad, softmax } from '@evoprop/tensor';
import type { RaceConfig, StrategyId } from './config.js';
import { strategies } from './strategies.js';

/** Side of the decision-boundary grid (GRID × GRID points over the data's square). */
export const GRID = 40;
/** Half the side of the plotted square: every data set lies within [−6, 6]². */
export const EXTENT = 6;
/** Looks taken before the gap between two looks doubles. */
const LOOKS_PER_STRIDE = 40;

/** A NEAT network's shape, for drawing. */
export type Topology = Readonly<{
  nodes: readonly { id: number; kind: string }[];
  connections: readonly { from: number; to: number; weight: number; enabled: boolean }[];
}>;

/** One look at a strategy's model. */
export type Snapshot = Readonly<{
  /** The trainer's step. */
  step: number;
  /** FLOPs spent so far. */
  flops: number;
  /** Milliseconds since this strategy started (its worker's clock). */
  wallMs: number;
  /** Loss on the training split. */
  trainLoss: number;
  /** Accuracy on the training split. */
  trainAccuracy: number;
  /** Accuracy on the test split. */
  testAccuracy: number;
  /** Probability of class 1 at each grid point, row-major from (−EXTENT, EXTENT) (GRID × GRID). */
  boundary: Float32Array;
  /** NEAT's network, for NEAT only. */
  topology?: Topology;
}>;

/** How a strategy's race ended. */
export type StrategyOutcome = Readonly<{
  /** Which strategy. */
  strategy: StrategyId;
  /** Reached the target, spent its budget, or failed (diverged or threw). */
  status: 'reached-target' | 'budget-exhausted' | 'failed';
  /** Why it ended, in words. */
  reason: string;
  /** FLOPs at the look that first reached the target, or null. */
  flopsToTarget: number | null;
  /** Its worker's milliseconds at that look, or null. */
  wallMsToTarget: number | null;
  /** The last look (at the target, or at the end of the budget). */
  final: Snapshot | null;
  /** Looks taken. */
  looks: number;
}>;

/** The race's task: the data set by id and seed, with the test ratio asked for. */
export function raceTask(config: RaceConfig): SupervisedTask {
  const validationFraction = Math.min(0.15, (1 - config.testRatio) / 4);
  return createSupervisedTask(config.dataset, config.seed, {
    samples: config.samples,
    noise: config.noise,
    testFraction: config.testRatio,
    validationFraction,
  });
}

/** The grid points of the decision-boundary picture, as a [GRID², 2] tensor. */
const gridPoints = (() => {
  let points: ReturnType<typeof fromArray> | null = null;
  return () => {
    if (points !== null) return points;
    const xy = new Float32Array(GRID * GRID * 2);
    for (let r = 0; r < GRID; r++)
      for (let c = 0; c < GRID; c++) {
        xy[2 * (r * GRID + c)] = -EXTENT + ((c + 0.5) * 2 * EXTENT) / GRID;
        xy[2 * (r * GRID + c) + 1] = EXTENT - ((r + 0.5) * 2 * EXTENT) / GRID;
      }
    points = fromArray(xy, [GRID * GRID, 2]);
    return points;
  };
})();

/** P(class 1) of `model` over the grid. */
function boundaryOf(model: Model): Float32Array {
  return noGrad(() => {
    const probabilities = softmax(model.forward(gridPoints(), 'eval'), -1).data;
    const out = new Float32Array(GRID * GRID);
    for (let i = 0; i < out.length; i++) out[i] = probabilities[2 * i + 1] as number;
    return out;
  });
}

function topologyOf(model: Model): Topology | undefined {
  const spec = model.spec as { kind?: unknown; genome?: Topology };
  if (spec.kind !== 'neat' || spec.genome === undefined) return undefined;
  return {
    nodes: spec.genome.nodes.map((n) => ({ id: n.id, kind: n.kind })),
    connections: spec.genome.connections.map((c) => ({ from: c.from, to: c.to, weight: c.weight, enabled: c.enabled })),
  };
}

/**
 * Run `id`'s part of the race described by `config`, calling `onLook` with each look as it is
 * taken; `signal` stops it early (the outcome then says so).
 */
export async function runStrategy(
  config: RaceConfig,
  id: StrategyId,
  onLook: (look: Snapshot) => void,
  signal?: AbortSignal,
): Promise<StrategyOutcome> {
  const entry = strategies[id];
  const task = raceTask(config);
  const started = performance.now();
  const stop = new AbortController();
  signal?.addEventListener('abort', () => stop.abort(signal.reason), { once: true });
  const queue: { checkpoint: Checkpoint; wallMs: number }[] = [];
  let looks = 0;
  let saved = 0;
  let taken = 0;
  let stride = 1;
  let reached: Snapshot | null = null;
  let last: Snapshot | null = null;

  // The model the trainer would return at a checkpoint: resume it with nothing left to spend.
  const look = async (checkpoint: Checkpoint, wallMs: number): Promise<void> => {
    const at = await entry
      .make(config)
      .fit({ task, rng: Rng.fromSeed(config.seed), budget: { flops: checkpoint.cost.flops }, resume: checkpoint });
    const train = evaluateModel(at.model, task.train, task);
    const test = evaluateModel(at.model, task.test, task);
    const topology = topologyOf(at.model);
    const snapshot: Snapshot = {
      step: checkpoint.step,
      flops: checkpoint.cost.flops,
      wallMs,
      trainLoss: train.loss ?? Number.NaN,
      trainAccuracy: train.accuracy ?? Number.NaN,
      testAccuracy: test.accuracy ?? Number.NaN,
      boundary: boundaryOf(at.model),
      ...(topology === undefined ? {} : { topology }),
    };
    looks++;
    last = snapshot;
    onLook(snapshot);
    if (snapshot.testAccuracy >= config.target) {
      reached = snapshot;
      stop.abort(new Error('target reached'));
    }
  };
  // Looks run in checkpoint order, between the fit's steps; none after the target's.
  let chain: Promise<void> = Promise.resolve();
  const drain = () => {
    chain = chain.then(async () => {
      while (queue.length > 0 && reached === null) {
        const next = queue.shift() as { checkpoint: Checkpoint; wallMs: number };
        await look(next.checkpoint, next.wallMs);
      }
    });
  };

  let status: StrategyOutcome['status'];
  let reason: string;
  try {
    const result = await entry.make(config).fit({
      task,
      rng: Rng.fromSeed(config.seed),
      budget: { flops: config.flops },
      signal: stop.signal,
      checkpoint: {
        every: entry.every,
        save: (checkpoint) => {
          if (reached !== null) return;
          // Every checkpoint for the first LOOKS_PER_STRIDE looks, then every 2nd, 4th, …: a long run
          // gets about LOOKS_PER_STRIDE looks per doubling of its length, and the choice depends on
          // step counts only, never on time.
          saved++;
          if ((saved - 1) % stride !== 0) return;
          if (++taken % LOOKS_PER_STRIDE === 0) stride *= 2;
          queue.push({ checkpoint, wallMs: performance.now() - started });
          drain();
        },
      },
    });
    await chain;
    if (reached === null && result.status !== 'diverged' && result.history.length > 0 && queue.length === 0) {
      // The end of the budget is a look too (its step may not be a multiple of `every`).
      const end = result.history[result.history.length - 1];
      if (end !== undefined && (last === null || (last as Snapshot).step !== end.step)) {
        const train = evaluateModel(result.model, task.train, task);
        const test = evaluateModel(result.model, task.test, task);
        const topology = topologyOf(result.model);
        const snapshot: Snapshot = {
          step: end.step,
          flops: result.cost.flops,
          wallMs: performance.now() - started,
          trainLoss: train.loss ?? Number.NaN,
          trainAccuracy: train.accuracy ?? Number.NaN,
          testAccuracy: test.accuracy ?? Number.NaN,
          boundary: boundaryOf(result.model),
          ...(topology === undefined ? {} : { topology }),
        };
        looks++;
        last = snapshot;
        onLook(snapshot);
        if (snapshot.testAccuracy >= config.target) reached = snapshot;
      }
    }
    const hit = reached as Snapshot | null;
    if (hit !== null) {
      status = 'reached-target';
      reason = `test accuracy ${hit.testAccuracy.toFixed(3)} ≥ ${config.target} after ${hit.flops.toExponential(2)} FLOPs`;
    } else if (result.status === 'diverged') {
      status = 'failed';
      reason = result.reason;
    } else if (signal?.aborted === true) {
      status = 'failed';
      reason = 'stopped';
    } else {
      status = 'budget-exhausted';
      reason = `spent its ${config.flops.toExponential(1)} FLOPs without reaching ${config.target}`;
    }
  } catch (e) {
    await chain.catch(() => {});
    status = 'failed';
    reason = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  const hit = reached as Snapshot | null;
  return {
    strategy: id,
    status,
    reason,
    flopsToTarget: hit?.flops ?? null,
    wallMsToTarget: hit?.wallMs ?? null,
    final: hit ?? last,
    looks,
  };
}
