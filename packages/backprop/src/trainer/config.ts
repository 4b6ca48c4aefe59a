import { ConfigError } from '@evoprop/core';
import { z } from 'zod';
import { adabelief, adagrad, adam, adamw, lion, momentum, nesterov, rmsprop, sgd } from '../optim/aliases.js';
import { clipByGlobalNorm, clipByValue } from '../optim/clip.js';
import { l1Penalty, l2Penalty } from '../optim/regularize.js';
import { type GradientTransformation, chain } from '../optim/transform.js';
import { type Schedule, constant, cosineWithWarmup, exponentialDecay, oneCycle, stepDecay } from '../schedules/schedule.js';

const lr = z.number().positive();
const beta = z.number().min(0).lt(1);
const decay = z.number().nonnegative();

export const OptimizerConfig = z.discriminatedUnion('name', [
  z.strictObject({
    name: z.literal('sgd'),
    learningRate: lr.default(0.01),
    momentum: beta.default(0),
    nesterov: z.boolean().default(false),
    weightDecay: decay.default(0),
  }),
  z.strictObject({
    name: z.literal('momentum'),
    learningRate: lr.default(0.01),
    momentum: beta.default(0.9),
    weightDecay: decay.default(0),
  }),
  z.strictObject({
    name: z.literal('nesterov'),
    learningRate: lr.default(0.01),
    momentum: beta.default(0.9),
    weightDecay: decay.default(0),
  }),
  z.strictObject({
    name: z.literal('adagrad'),
    learningRate: lr.default(0.01),
    initialAccumulatorValue: decay.default(0),
    eps: decay.default(1e-10),
    weightDecay: decay.default(0),
  }),
  z.strictObject({
    name: z.literal('rmsprop'),
    learningRate: lr.default(1e-3),
    decay: beta.default(0.99),
    eps: decay.default(1e-8),
    centered: z.boolean().default(false),
    momentum: beta.default(0),
    weightDecay: decay.default(0),
  }),
  z.strictObject({
    name: z.literal('adam'),
    learningRate: lr.default(1e-3),
    b1: beta.default(0.9),
    b2: beta.default(0.999),
    eps: decay.default(1e-8),
    weightDecay: decay.default(0),
  }),
  z.strictObject({
    name: z.literal('adamw'),
    learningRate: lr.default(1e-3),
    b1: beta.default(0.9),
    b2: beta.default(0.999),
    eps: decay.default(1e-8),
    weightDecay: decay.default(1e-2),
  }),
  z.strictObject({
    name: z.literal('lion'),
    learningRate: lr.default(1e-4),
    b1: beta.default(0.9),
    b2: beta.default(0.99),
    weightDecay: decay.default(0),
  }),
  z.strictObject({
    name: z.literal('adabelief'),
    learningRate: lr.default(1e-3),
    b1: beta.default(0.9),
    b2: beta.default(0.999),
    eps: decay.default(1e-16),
    weightDecay: decay.default(0),
  }),
]);
export type OptimizerConfig = z.infer<typeof OptimizerConfig>;

const steps = z.number().int().positive();

/** Schedules of the optimizer step; the optimizer's learningRate is the peak / initial value. */
const ScheduleConfig = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('constant') }),
  z.strictObject({ type: z.literal('step'), stepSize: steps, gamma: z.number().positive().default(0.1) }),
  z.strictObject({
    type: z.literal('exponential'),
    decayRate: z.number().positive(),
    transitionSteps: steps.default(1),
    staircase: z.boolean().default(false),
    endValue: decay.optional(),
  }),
  z.strictObject({
    type: z.literal('cosine'),
    warmupSteps: z.number().int().nonnegative().default(0),
    decaySteps: steps,
    initial: decay.default(0),
    end: decay.default(0),
  }),
  z.strictObject({
    type: z.literal('oneCycle'),
    totalSteps: steps,
    pctStart: z.number().gt(0).lt(1).default(0.3),
    divFactor: z.number().positive().default(25),
    finalDivFactor: z.number().positive().default(1e4),
  }),
]);
export type ScheduleConfig = z.infer<typeof ScheduleConfig>;

export const BackpropConfig = z.strictObject({
  optimizer: OptimizerConfig.default({ name: 'adam', learningRate: 1e-3, b1: 0.9, b2: 0.999, eps: 1e-8, weightDecay: 0 }),
  /** Samples per gradient step; null (default) = the whole training set, 1 = pure stochastic GD. */
  batchSize: z.number().int().positive().nullable().default(null),
  /** Reshuffle the training set every epoch (seeded from `rng.fork('shuffle')`). */
  shuffle: z.boolean().default(true),
  /** Hidden layer sizes of the default model (an MLP), used when the request brings no model. */
  hidden: z.array(z.number().int().positive()).default([16, 16]),
  activation: z.enum(['relu', 'tanh', 'sigmoid', 'leakyRelu', 'elu', 'gelu']).default('tanh'),
  schedule: ScheduleConfig.optional(),
  /** Scale the learning rate down when the validation loss plateaus (PyTorch's ReduceLROnPlateau). */
  plateau: z
    .strictObject({
      factor: z.number().gt(0).lt(1).default(0.1),
      patience: z.number().int().nonnegative().default(10),
      threshold: decay.default(1e-4),
      cooldown: z.number().int().nonnegative().default(0),
      minScale: decay.default(0),
    })
    .optional(),
  /** Stop when the monitored metric has not improved for `patience` validations. */
  earlyStopping: z
    .strictObject({
      patience: z.number().int().nonnegative().default(10),
      minDelta: decay.default(0),
      monitor: z.string().default('val.loss'),
      mode: z.enum(['min', 'max']).default('min'),
      restoreBestWeights: z.boolean().default(true),
    })
    .optional(),
  clipNorm: z.number().positive().optional(),
  clipValue: z.number().positive().optional(),
  /** Coupled penalties added to the loss gradient: l1·sign(p) and l2·p. */
  l1: decay.default(0),
  l2: decay.default(0),
  /** Validate (and check early stopping / targets) every this many epochs. */
  validateEvery: steps.default(1),
  /** Emit gradient-health diagnostics at the end of each validated epoch. */
  diagnostics: z.boolean().default(true),
  /** Samples per forward pass when evaluating. */
  evaluationBatchSize: steps.default(1024),
});
export type BackpropConfig = z.infer<typeof BackpropConfig>;
export type BackpropConfigInput = z.input<typeof BackpropConfig>;

function describe(value: unknown): string {
  if (value === undefined) return 'undefined (missing)';
  const s = JSON.stringify(value);
  return s === undefined ? String(value) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** Parse a config; failures name the key, what was expected and what was found. */
export function parseBackpropConfig(input: unknown, where = 'backprop config'): BackpropConfig {
  const r = BackpropConfig.safeParse(input ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  let at: unknown = input;
  for (const k of issue?.path ?? []) at = at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[k] : undefined;
  if (issue?.code === 'unrecognized_keys') {
    throw new ConfigError(
      `${where}${path ? ` in '${path}'` : ''}`,
      'only known keys',
      `unknown key(s) ${issue.keys.map((k) => `'${k}'`).join(', ')}`,
    );
  }
  throw new ConfigError(
    `${where}${path ? `.${path}` : ''}`,
    (issue?.message ?? 'a valid value').replace(/^Invalid input: expected /, ''),
    describe(at),
  );
}

/** The schedule of the config (peak = the optimizer's learning rate), or the constant rate. */
export function scheduleFor(config: BackpropConfig): Schedule {
  const peak = config.optimizer.learningRate;
  const s = config.schedule;
  if (s === undefined || s.type === 'constant') return constant(peak);
  switch (s.type) {
    case 'step':
      return stepDecay({ initial: peak, stepSize: s.stepSize, gamma: s.gamma });
    case 'exponential':
      return exponentialDecay({
        initial: peak,
        decayRate: s.decayRate,
        transitionSteps: s.transitionSteps,
        staircase: s.staircase,
        endValue: s.endValue,
      });
    case 'cosine':
      return cosineWithWarmup({ peak, warmupSteps: s.warmupSteps, decaySteps: s.decaySteps, initial: s.initial, end: s.end });
    case 'oneCycle':
      return oneCycle({
        maxLr: peak,
        totalSteps: s.totalSteps,
        pctStart: s.pctStart,
        divFactor: s.divFactor,
        finalDivFactor: s.finalDivFactor,
      });
  }
}

/** The whole gradient transformation of a config: clipping, penalties, then the named optimizer. */
export function optimizerFor(config: BackpropConfig): GradientTransformation<unknown> {
  const o = config.optimizer;
  const lrOrSchedule = config.schedule === undefined ? o.learningRate : scheduleFor(config);
  const named = (() => {
    switch (o.name) {
      case 'sgd':
        return sgd({ ...o, lr: lrOrSchedule });
      case 'momentum':
        return momentum({ ...o, lr: lrOrSchedule });
      case 'nesterov':
        return nesterov({ ...o, lr: lrOrSchedule });
      case 'adagrad':
        return adagrad({ ...o, lr: lrOrSchedule });
      case 'rmsprop':
        return rmsprop({ ...o, lr: lrOrSchedule });
      case 'adam':
        return adam({ ...o, lr: lrOrSchedule });
      case 'adamw':
        return adamw({ ...o, lr: lrOrSchedule });
      case 'lion':
        return lion({ ...o, lr: lrOrSchedule });
      case 'adabelief':
        return adabelief({ ...o, lr: lrOrSchedule });
    }
  })();
  const links: GradientTransformation<unknown>[] = [];
  if (config.clipValue !== undefined) links.push(clipByValue(config.clipValue));
  if (config.clipNorm !== undefined) links.push(clipByGlobalNorm(config.clipNorm));
  if (config.l1 > 0) links.push(l1Penalty(config.l1));
  if (config.l2 > 0) links.push(l2Penalty(config.l2));
  return links.length === 0 ? named : chain(...links, named);
}
