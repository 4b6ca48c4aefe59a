import { BackpropConfig, OptimizerConfig } from '@evoprop/backprop';
import { deprecatedKeys, mlpFields } from '@evoprop/core/config';
import { z } from 'zod';
import { pretrainedNames } from './pretrained.js';

/** Parameter selectors in JSON: globs, or RegExps written as '/source/flags'. */
const Selectors = z.union([z.string().min(1), z.array(z.string().min(1))]);
const LayerCut = z.union([z.number().int(), z.string().min(1)]);

/**
 * Zod schema of the built-in 'fine-tune' trainer's options in JSON (`config.trainer.config` of a
 * {@link TransferConfig}); parsed into {@link FineTuneOptions}. Unknown keys are rejected.
 */
export const FineTuneConfig = z.strictObject({
  /** The optimizer, in `@evoprop/backprop`'s format ({@link OptimizerConfig}). Default Adam, lr 1e-3. */
  optimizer: OptimizerConfig.default({ name: 'adam', learningRate: 1e-3, b1: 0.9, b2: 0.999, eps: 1e-8, l2: 0 }),
  /** Learning-rate schedule over gradient steps, as in a backprop config's `schedule`. Default none (constant). */
  schedule: BackpropConfig.shape.schedule,
  /** Rescale the gradient when its global L2 norm exceeds this, > 0. Default none. */
  clipNorm: z.number().positive().optional(),
  /** Samples per gradient step (capped at the training set's size), an integer > 0. Default 32. */
  batchSize: z.number().int().positive().default(32).meta({ unit: 'samples' }),
  /** Linear learning-rate warm-up over this many gradient steps (Goyal et al. 2017, §2.2), an integer ≥ 0. Default 0. */
  warmupSteps: z.number().int().nonnegative().default(0).meta({ unit: 'gradient steps' }),
  /** ULMFiT's discriminative rates (Howard & Ruder 2018, §3.2): each parameter layer down gets the rate divided by this, ≥ 1 (2.6 in the paper). Default none. */
  layerDecay: z.number().min(1).optional(),
  /** Explicit per-group learning-rate multipliers (later groups win over earlier ones and `layerDecay`). Default []. */
  groups: z
    .array(
      deprecatedKeys(
        z.strictObject({
          /** Parameters of the group: a glob over parameter or layer names, '/regexp/flags', or an array of them. */
          select: Selectors,
          /** Multiplier of the learning rate for the group, ≥ 0 (formerly `lrScale`). */
          learningRateScale: z.number().nonnegative(),
        }),
        { lrScale: 'learningRateScale' },
      ),
    )
    .default([]),
  /** Gradual top-down unfreezing (Howard & Ruder 2018, §3.3): one more parameter layer every `every` steps / epochs. Default off. */
  unfreeze: z
    .strictObject({
      /** Steps or epochs between two unfreezings, an integer > 0. */
      every: z.number().int().positive(),
      /** What `every` counts. Default 'epochs'. */
      unit: z.enum(['steps', 'epochs']).default('epochs'),
    })
    .optional(),
  /** Epochs between validations, an integer > 0. Default 1. */
  validateEvery: z.number().int().positive().default(1).meta({ unit: 'epochs' }),
});
/** Parsed fine-tune options in JSON form (every default filled in); see the {@link FineTuneConfig} schema. */
export type FineTuneConfig = z.output<typeof FineTuneConfig>;

/**
 * Zod schema of the forgetting-resistant penalty of a {@link TransferConfig} (`regularizer`), told apart
 * by `type`. Only the built-in 'fine-tune' trainer takes one.
 */
export const RegularizerConfig = z.discriminatedUnion('type', [
  z.strictObject({
    /** No penalty (the default). */
    type: z.literal('none'),
  }),
  z.strictObject({
    /**
     * L2-SP (Li, Grandvalet & Davoine 2018, eq. 3): α/2‖w − w⁰‖² on the transferred weights,
     * β/2‖w‖² on the new ones.
     */
    type: z.literal('l2-sp'),
    /** α, pull of the transferred (trunk) weights toward the pretrained ones, ≥ 0. Default 0.01. */
    alpha: z.number().nonnegative().default(0.01),
    /** β, plain weight decay on the new head's weights, ≥ 0. Default 0. */
    beta: z.number().nonnegative().default(0),
  }),
  z.strictObject({
    /**
     * EWC (Kirkpatrick et al. 2017, eq. 3) with a diagonal Fisher: from `fisherFile`, else the trainer's
     * `context.fisher`, else estimated on `context.sourceTask`, else the pretrained base's shipped one.
     */
    type: z.literal('ewc'),
    /** λ, how much the source task matters, ≥ 0. Default 100. */
    lambda: z.number().nonnegative().default(100),
    /** Path of a Fisher diagonal written by {@link saveNamedArrays} (safetensors). Default none. */
    fisherFile: z.string().optional(),
    /** Source-task samples to estimate the Fisher on, when it is estimated, an integer > 0. Default 500. */
    fisherSamples: z.number().int().positive().default(500).meta({ unit: 'samples' }),
  }),
  z.strictObject({
    /**
     * LwF (Li & Hoiem 2017, eq. 2): distil the base's own head outputs (recorded on the new task's images
     * before training) at temperature T. Needs `head.replace: true`.
     */
    type: z.literal('lwf'),
    /** Weight of the distillation loss against the new task's loss, ≥ 0. Default 1. */
    lambda: z.number().nonnegative().default(1),
    /** Softmax temperature T of the distillation, > 0. Default 2 (the paper's). */
    temperature: z.number().positive().default(2),
  }),
]);
/** A parsed regulariser config; see the {@link RegularizerConfig} schema. */
export type RegularizerConfig = z.output<typeof RegularizerConfig>;

/**
 * Zod schema of the {@link TransferTrainer}'s config (trainer id `transfer`). Every key is optional;
 * unknown keys are rejected.
 *
 * @example
 * TransferConfig.parse({ base: { pretrained: 'mnist04-conv' }, freezeTrunk: true, regularizer: { type: 'l2-sp', alpha: 0.01 } });
 */
export const TransferConfig = z.strictObject({
  /** What to transfer from (request.model or context.base, when given, takes precedence). Default none. */
  base: z
    .union([
      z.strictObject({
        /** A shipped pretrained model, one of {@link pretrainedNames}. */
        pretrained: z.enum(pretrainedNames),
      }),
      z.strictObject({
        /** Path of a saved model file (JSON spec + safetensors weights, as written by `saveModel`). */
        file: z.string().min(1),
      }),
      z.strictObject({
        /** An architecture only, initialised from the run's rng: the from-scratch baseline under the same trainer. */
        spec: z.looseObject({
          /** The model kind (`'sequential'`, ...); the other keys are that kind's spec. */
          kind: z.string(),
        }),
      }),
    ])
    .optional(),
  /**
   * Where the base splits into trunk and head: a layer count or the last trunk layer's name (default: below the
   * last parametrised layer). With head.replace, everything after it is replaced; LwF distils the base's layers after it.
   */
  headAt: LayerCut.optional(),
  /** The head put on the trunk. Default: a fresh single dense layer sized for the task. */
  head: z
    .strictObject({
      /** Replace the base's head by a fresh one with the task's output size; false keeps the base's head. Default true. */
      replace: z.boolean().default(true),
      /** The new head's hidden dense layers (`hidden`, default [] = a single output layer) and their `activation` (default 'relu'). */
      ...mlpFields({ hidden: [], activation: 'relu' }),
    })
    .default({ replace: true, hidden: [], activation: 'relu' }),
  /** Freeze every trunk parameter (the frozen-base + new-head setting). Default false. */
  freezeTrunk: z.boolean().default(false),
  /** Also freeze these (globs over parameter or layer names, or '/regexp/flags'; see {@link ParamSelector}). Default none. */
  freeze: Selectors.optional(),
  /** Penalty against forgetting the source task, see {@link RegularizerConfig}. Default `{ type: 'none' }`. */
  regularizer: RegularizerConfig.default({ type: 'none' }),
  /** The trainer that does the work: 'fine-tune' (built in, needed for regularisers and schedules) or an id of the trainer registry. Default `{ id: 'fine-tune', config: {} }`. */
  trainer: z
    .strictObject({
      /** Trainer id: 'fine-tune', or one in the trainer registry (default: the backprop trainers). */
      id: z.string().min(1),
      /** That trainer's config ({@link FineTuneConfig} for 'fine-tune'), parsed by its own schema. Default {}. */
      config: z.record(z.string(), z.unknown()).default({}),
    })
    .default({ id: 'fine-tune', config: {} }),
  /** Run the frozen trunk once and train the head on cached features ('auto', the default: when the whole trunk is frozen and no regulariser is set). */
  featureCache: z.union([z.boolean(), z.literal('auto')]).default('auto'),
});
/** A parsed transfer config (every default filled in); see the {@link TransferConfig} schema. */
export type TransferConfig = z.output<typeof TransferConfig>;
/** What a user may write as a transfer config: every key optional (the input side of {@link TransferConfig}). */
export type TransferConfigInput = z.input<typeof TransferConfig>;
