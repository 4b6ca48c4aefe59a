import { BackpropConfig, OptimizerConfig } from '@evoprop/backprop';
import { z } from 'zod';
import { pretrainedNames } from './pretrained.js';

/** Parameter selectors in JSON: globs, or RegExps written as '/source/flags'. */
const Selectors = z.union([z.string().min(1), z.array(z.string().min(1))]);
const LayerCut = z.union([z.number().int(), z.string().min(1)]);

/** The built-in gradient loop's options in JSON (see `FineTuneOptions`). */
export const FineTuneConfig = z.strictObject({
  optimizer: OptimizerConfig.default({ name: 'adam', learningRate: 1e-3, b1: 0.9, b2: 0.999, eps: 1e-8, weightDecay: 0 }),
  schedule: BackpropConfig.shape.schedule,
  clipNorm: z.number().positive().optional(),
  batchSize: z.number().int().positive().default(32),
  warmupSteps: z.number().int().nonnegative().default(0),
  /** ULMFiT's discriminative rates: each parameter layer down gets the rate divided by this (2.6 in the paper). */
  layerDecay: z.number().min(1).optional(),
  /** Explicit per-group learning-rate multipliers (later groups win). */
  groups: z.array(z.strictObject({ select: Selectors, lrScale: z.number().nonnegative() })).default([]),
  /** Gradual top-down unfreezing: one more parameter layer every `every` steps / epochs. */
  unfreeze: z.strictObject({ every: z.number().int().positive(), unit: z.enum(['steps', 'epochs']).default('epochs') }).optional(),
  validateEvery: z.number().int().positive().default(1),
});
export type FineTuneConfig = z.output<typeof FineTuneConfig>;

export const RegularizerConfig = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  /** L2-SP: α/2‖w − w⁰‖² on the transferred weights, β/2‖w‖² on the new ones. */
  z.strictObject({ type: z.literal('l2-sp'), alpha: z.number().nonnegative().default(0.01), beta: z.number().nonnegative().default(0) }),
  /**
   * EWC with a diagonal Fisher: from `fisherFile` (saveNamedArrays), else the trainer's
   * `context.fisher`, else estimated on `context.sourceTask`, else the pretrained base's shipped one.
   */
  z.strictObject({
    type: z.literal('ewc'),
    lambda: z.number().nonnegative().default(100),
    fisherFile: z.string().optional(),
    fisherSamples: z.number().int().positive().default(500),
  }),
  /** LwF: distil the base's own head outputs (recorded on the new task's images) at temperature T. */
  z.strictObject({ type: z.literal('lwf'), lambda: z.number().nonnegative().default(1), temperature: z.number().positive().default(2) }),
]);
export type RegularizerConfig = z.output<typeof RegularizerConfig>;

export const TransferConfig = z.strictObject({
  /** What to transfer from (request.model, when given, takes precedence). */
  base: z
    .union([
      z.strictObject({ pretrained: z.enum(pretrainedNames) }),
      z.strictObject({ file: z.string().min(1) }),
      /** An architecture only, initialised from the run's rng: the from-scratch baseline under the same trainer. */
      z.strictObject({ spec: z.looseObject({ kind: z.string() }) }),
    ])
    .optional(),
  /**
   * Where the base splits into trunk and head: a layer count or the last trunk layer's name (default: below the
   * last parametrised layer). With head.replace, everything after it is replaced; LwF distils the base's layers after it.
   */
  headAt: LayerCut.optional(),
  /** Replace the head by a fresh one sized for the task (default), with optional hidden layers. */
  head: z
    .strictObject({
      replace: z.boolean().default(true),
      hidden: z.array(z.number().int().positive()).default([]),
      activation: z.enum(['relu', 'tanh', 'gelu', 'elu', 'leakyRelu', 'sigmoid']).default('relu'),
    })
    .default({ replace: true, hidden: [], activation: 'relu' }),
  /** Freeze every trunk parameter (the frozen-base + new-head setting). */
  freezeTrunk: z.boolean().default(false),
  /** Also freeze these (globs over parameter or layer names, or '/regexp/'). */
  freeze: Selectors.optional(),
  regularizer: RegularizerConfig.default({ type: 'none' }),
  /** The trainer that does the work: 'fine-tune' (built in, needed for regularisers and schedules) or an id of the trainer registry. */
  trainer: z
    .strictObject({ id: z.string().min(1), config: z.record(z.string(), z.unknown()).default({}) })
    .default({ id: 'fine-tune', config: {} }),
  /** Run the frozen trunk once and train the head on cached features ('auto': when the whole trunk is frozen and no regulariser is set). */
  featureCache: z.union([z.boolean(), z.literal('auto')]).default('auto'),
});
export type TransferConfig = z.output<typeof TransferConfig>;
export type TransferConfigInput = z.input<typeof TransferConfig>;
