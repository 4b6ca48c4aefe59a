import {
  CostMeter,
  type FitRequest,
  type FitResult,
  type Metrics,
  type ProgressEvent,
  type SupervisedTask,
  type Trainer,
  exhaustedBy,
  reachedTarget,
} from '@evoprop/core';
import { Rng, Tensor, noGrad } from '@evoprop/tensor';
import { z } from 'zod';
import { type Catalog, catalogOf } from '../catalog/catalog.js';
import { predictClasses } from '../runner/evaluate.js';
import { stubMlp } from './stub-model.js';

/** Two Gaussian blobs (or XOR quadrants) in 2-D, seeded. */
function blobs(id: string, seed: number, xor: boolean): SupervisedTask {
  const rng = Rng.fromSeed(`${id}/${seed}`);
  const split = (n: number) => {
    const x = new Float32Array(n * 2);
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const a = rng.int(0, 2);
      const b = xor ? rng.int(0, 2) : a;
      x[2 * i] = (a ? 1 : -1) + rng.normal(0, 0.3);
      x[2 * i + 1] = (b ? 1 : -1) + rng.normal(0, 0.3);
      y[i] = xor ? a ^ b : a;
    }
    return { x: new Tensor(x, [n, 2]), y: new Tensor(y, [n]) };
  };
  return {
    kind: 'supervised',
    id,
    seed,
    description: xor ? 'noisy XOR quadrants' : 'two Gaussian blobs',
    solvedAt: 0.9,
    inputShape: [2],
    outputSize: 2,
    problem: 'classification',
    loss: 'softmax-cross-entropy',
    metric: 'accuracy',
    train: split(64),
    validation: split(32),
    test: split(64),
  };
}

const accuracy = (model: ReturnType<typeof stubMlp>, x: Tensor, y: Tensor): number => {
  const pred = predictClasses(noGrad(() => model.forward(x)));
  let hits = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === y.data[i]) hits++;
  return hits / pred.length;
};

const HillClimbConfig = z.strictObject({
  sigma: z.number().positive().default(0.3),
  hidden: z.number().int().positive().default(6),
  delayMs: z.number().min(0).default(0),
});

/** (1+1) hill climbing on training accuracy: deterministic, charges FLOPs through the CostMeter. */
function hillClimb(config: z.input<typeof HillClimbConfig>): Trainer {
  const c = HillClimbConfig.parse(config);
  return {
    id: 'hill-climb',
    async fit(req: FitRequest): Promise<FitResult> {
      const task = req.task as SupervisedTask;
      const rng = req.rng.fork('search');
      const meter = new CostMeter();
      const model = stubMlp(2, c.hidden, 2);
      rng.fork('init').fillNormal(model.params.vector, 0, 0.5);
      const candidate = model.clone();
      const history: ProgressEvent[] = [];
      meter.start();
      let best = accuracy(model, task.train.x, task.train.y);
      meter.addEvaluations(task.train.x.shape[0] ?? 0);
      let step = 0;
      let status: FitResult['status'] = 'budget-exhausted';
      let reason = '';
      for (;;) {
        if (req.signal?.aborted) {
          status = 'aborted';
          reason = 'aborted';
          break;
        }
        step++;
        for (let i = 0; i < model.params.size; i++)
          candidate.params.vector[i] = (model.params.vector[i] as number) + rng.normal(0, c.sigma);
        const a = accuracy(candidate, task.train.x, task.train.y);
        meter.addEvaluations(task.train.x.shape[0] ?? 0);
        meter.addGenerations();
        if (a >= best) {
          best = a;
          model.params.setVector(candidate.params.vector);
        }
        const event: ProgressEvent = { type: 'progress', step, cost: meter.cost(), metrics: { accuracy: best } };
        history.push(event);
        req.onEvent?.(event);
        if (reachedTarget(req.budget, event.metrics)) {
          status = 'reached-target';
          reason = 'target reached';
          break;
        }
        const cap = exhaustedBy(req.budget, meter.cost());
        if (cap !== null) {
          reason = `${cap} budget exhausted`;
          break;
        }
        if (c.delayMs > 0) {
          meter.stop();
          await new Promise((r) => setTimeout(r, c.delayMs));
          meter.start();
        }
      }
      meter.stop();
      return {
        model,
        status,
        reason,
        history,
        cost: meter.cost(),
        metrics: { accuracy: accuracy(model, task.test.x, task.test.y) },
        extras: {
          finalSigma: c.sigma,
          schedule: [
            { step: 0, sigma: c.sigma },
            { step, sigma: c.sigma / 2 },
          ],
        },
      };
    },
  };
}

/** Stub trainers that fail in each way the arena must survive. */
const crashing: Trainer = {
  id: 'crash',
  fit: async () => {
    throw new Error('boom: stub trainer crashed on purpose');
  },
};
const diverging: Trainer = {
  id: 'diverge',
  fit: async (_req) => ({
    model: stubMlp(2, 2, 2),
    status: 'diverged',
    reason: 'loss became NaN at step 3',
    divergedAtStep: 3,
    history: [],
    cost: new CostMeter().cost(),
    metrics: {},
  }),
};
const exiting: Trainer = {
  id: 'exit-thread',
  fit: async () => {
    // Ends the worker thread itself, as an out-of-memory kill would.
    process.exit(3);
  },
};

const loopingForever: Trainer = {
  id: 'loop-forever',
  fit: async () => {
    // Computes forever without yielding: only terminating its thread stops it.
    for (;;) {}
  },
};
const awaitingForever: Trainer = {
  id: 'await-forever',
  // Awaits a promise that never settles (a lost callback, a deadlock) and ignores the abort signal.
  fit: () => new Promise<FitResult>(() => {}),
};
const nanModel: Trainer = {
  id: 'nan-model',
  fit: async (_req) => {
    // Claims success but returns NaN weights and NaN metrics: must not be reported as a number.
    const model = stubMlp(2, 2, 2);
    model.params.vector.fill(Number.NaN);
    return {
      model,
      status: 'budget-exhausted',
      reason: 'done',
      history: [],
      cost: new CostMeter().cost(),
      metrics: { accuracy: Number.NaN },
    };
  },
};

/**
 * Says 'reached-target' from a training score (its history claims held-out accuracy 1) and
 * returns an untrained model (all weights 0: every prediction is class 0).
 */
const claimsTarget: Trainer = {
  id: 'claims-target',
  fit: async (req) => {
    const model = stubMlp(2, 2, 2);
    model.params.vector.fill(0);
    const cost = { ...new CostMeter().cost(), evaluations: 64, generations: 1 };
    const claimed: Metrics = { accuracy: 1, 'val.accuracy': 1 };
    return {
      model,
      status: 'reached-target',
      reason: `the best candidate's training accuracy reached ${req.budget.target?.value ?? 1}`,
      history: [{ type: 'progress', step: 1, cost, metrics: claimed }],
      cost,
      metrics: { accuracy: 1 },
    };
  },
};

export function createCatalog(): Catalog {
  return catalogOf(
    [
      {
        id: 'hill-climb',
        description: '(1+1) hill climbing on training accuracy (test stub)',
        configSchema: HillClimbConfig,
        searchSpace: { sigma: { scale: 'log', low: 0.05, high: 2, integer: false } },
        create: (cfg) => hillClimb(cfg),
      },
      { id: 'crash', description: 'throws (test stub)', create: () => crashing },
      { id: 'diverge', description: 'reports divergence (test stub)', create: () => diverging },
      { id: 'exit-thread', description: 'exits its thread (test stub)', create: () => exiting },
      { id: 'loop-forever', description: 'computes forever (test stub)', create: () => loopingForever },
      { id: 'await-forever', description: 'awaits forever, ignoring abort (test stub)', create: () => awaitingForever },
      { id: 'nan-model', description: 'returns NaN weights and metrics (test stub)', create: () => nanModel },
      { id: 'claims-target', description: "says 'reached-target' with an untrained model (test stub)", create: () => claimsTarget },
    ],
    [
      { id: 'blobs', description: 'two Gaussian blobs (test stub)', create: (seed) => blobs('blobs', seed, false) },
      { id: 'xor4', description: 'noisy XOR quadrants (test stub)', create: (seed) => blobs('xor4', seed, true) },
    ],
  );
}

export const stubCatalogPath = new URL('./stub-catalog.ts', import.meta.url).href;
