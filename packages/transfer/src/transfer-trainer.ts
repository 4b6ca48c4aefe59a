import { backpropTrainers } from '@evoprop/backprop';
import {
  type Budget,
  type Checkpoint,
  type Cost,
  CostMeter,
  type FitRequest,
  type FitResult,
  type Model,
  type ProgressEvent,
  type SupervisedTask,
  type Trainer,
  buildModel,
  evaluateModel,
  exhaustedBy,
  validateBudget,
  validateTask,
  zeroCost,
} from '@evoprop/core';
import { parseConfig } from '@evoprop/core/config';
import { loadModel } from '@evoprop/core/io';
import { type Registry, type TrainerDefinition, createRegistry, createTrainer, defineTrainer } from '@evoprop/core/registry';
import { remainingOf } from '@evoprop/core/training';
import { FineTuneConfig, TransferConfig, type TransferConfigInput } from './config.js';
import { TransferError } from './errors.js';
import { featureCacheCost, passesCap } from './feature-cost.js';
import { featureTask } from './features.js';
import { estimateFisher, loadNamedArrays } from './fisher.js';
import { FineTuneTrainer, type Regularizer } from './fine-tune.js';
import { countParams, freeze } from './freeze.js';
import { loadPretrained, pretrainedUrl } from './pretrained.js';
import { readFileBytes } from './read-file.js';
import type { NamedArrays } from './regularizers.js';
import { cutIndex, joinModels, replaceHead, splitModel } from './surgery.js';

/** What a config (plain JSON) cannot hold: models, tasks, Fisher arrays, trainer instances. */
export type TransferContext = Readonly<{
  /** The base to transfer from (instead of `config.base`). */
  base?: Model;
  /** The source task, for estimating EWC's Fisher when none is given. */
  sourceTask?: SupervisedTask;
  /** A precomputed Fisher diagonal for EWC, by parameter name. */
  fisher?: NamedArrays;
  /** The trainer that does the work, instead of `config.trainer`. */
  trainer?: Trainer;
  /** Where `config.trainer.id` is looked up (default: the backprop trainers). */
  trainers?: Registry<TrainerDefinition>;
}>;

type WrappedState = Readonly<{ inner: Checkpoint }>;

const costKeys = ['flops', 'evaluations', 'gradientSteps', 'epochs', 'generations', 'wallSeconds'] as const;
const plus = (a: Cost, b: Cost): Cost => Object.fromEntries(costKeys.map((k) => [k, a[k] + b[k]])) as Cost;
const shift = (e: ProgressEvent, by: Cost): ProgressEvent => ({ ...e, cost: plus(e.cost, by) });

/** The budget left for the inner trainer after `spent` (on feature extraction). */
function remaining(budget: Budget, spent: Cost): Budget {
  const out: Record<string, unknown> = { ...budget };
  for (const k of costKeys) {
    const cap = budget[k];
    if (cap !== undefined) out[k] = Math.max(0, cap - spent[k]);
  }
  return out as Budget;
}

/**
 * Transfer learning as a Trainer: take a base (pretrained model, model file, or request.model),
 * put a new head on it for the task, freeze what the config says, and hand the result to a
 * trainer — the built-in `FineTuneTrainer` (with L2-SP / EWC / LwF, discriminative rates,
 * gradual unfreezing, warm-up) or any registered backprop or evolution trainer. When the whole
 * trunk is frozen, the trunk runs once over the data and the inner trainer trains only the head
 * on the cached features (the extraction is charged to the run's cost and budget).
 *
 * @example
 * const trainer = new TransferTrainer({ base: { pretrained: 'mnist04-conv' }, freezeTrunk: true });
 * const result = await trainer.fit({ task: splitMnist59, rng: Rng.fromSeed(0), budget: { epochs: 20 } });
 */
export class TransferTrainer implements Trainer {
  /** The trainer id this instance reports. Default 'transfer'. */
  readonly id: string;
  /** The parsed config, every default filled in. */
  readonly config: TransferConfig;
  private readonly inner: Trainer;

  /**
   * @param config - a {@link TransferConfigInput}, parsed with the {@link TransferConfig} schema (unknown keys rejected).
   * @param context - what JSON cannot hold: a base model, a source task, a Fisher, a trainer instance or registry.
   * @param id - the trainer id to report.
   * @throws {@link TransferError} for a regulariser with a trainer other than 'fine-tune', or LwF without `head.replace`.
   */
  constructor(
    config: TransferConfigInput | Record<string, unknown> = {},
    /** The non-JSON inputs given at construction. */
    readonly context: TransferContext = {},
    id = 'transfer',
  ) {
    this.id = id;
    this.config = parseConfig(TransferConfig, config, `${id} config`);
    const c = this.config;
    if (c.regularizer.type !== 'none' && (context.trainer !== undefined || c.trainer.id !== 'fine-tune')) {
      throw new TransferError(
        `${id} config.regularizer`,
        "trainer 'fine-tune' (the other trainers take no extra loss terms)",
        `regularizer '${c.regularizer.type}' with trainer '${context.trainer?.id ?? c.trainer.id}'`,
      );
    }
    if (c.regularizer.type === 'lwf' && !c.head.replace) {
      throw new TransferError(
        `${id} config.regularizer`,
        "head.replace: true for 'lwf' (the old head is what is distilled)",
        'head.replace false',
      );
    }
    this.inner =
      context.trainer ??
      (c.trainer.id === 'fine-tune'
        ? new FineTuneTrainer(
            fineTuneOptions(parseConfig(FineTuneConfig, c.trainer.config, `${id} config.trainer.config`)),
            `${id}/fine-tune`,
          )
        : createTrainer(
            context.trainers ?? createRegistry<TrainerDefinition>([...backpropTrainers], { what: 'trainer' }),
            c.trainer.id,
            c.trainer.config,
          ));
  }

  /**
   * Prepare the base (new head, freezing, optional feature cache) and train it on `request.task` with the
   * inner trainer; `request.model`, when given, is the base. Resumes from a checkpoint of this trainer id.
   */
  async fit(request: FitRequest): Promise<FitResult> {
    const task = request.task;
    // Not validateFitRequest: request.model is the base, whose head is replaced for the task below.
    validateBudget(request.budget, this.id);
    validateTask(task, this.id);
    if (task.kind !== 'supervised') throw new TransferError(`${this.id}.fit`, 'a supervised task', `a ${task.kind} task '${task.id}'`);
    if (request.resume !== undefined && request.resume.trainerId !== this.id) {
      throw new TransferError(`${this.id}.fit(resume)`, `a checkpoint of '${this.id}'`, `'${request.resume.trainerId}'`);
    }
    const c = this.config;
    const base = request.model ?? this.baseModel(request);
    const prepared = c.head.replace
      ? replaceHead(base, {
          outputSize: task.outputSize,
          hidden: c.head.hidden,
          activation: c.head.activation,
          rng: request.rng.fork('head'),
          ...(c.headAt === undefined ? {} : { at: c.headAt }),
        })
      : base.clone();
    // The trunk is the base's layers below the cut, kept by replaceHead with their names; the rest is head.
    const cut = cutIndex(base, c.headAt, `${this.id} config.headAt`);
    const { trunk } = splitModel(prepared, cut);
    if (c.freezeTrunk) prepared.params.setTrainable(trunk.params.names, false);
    if (c.freeze !== undefined) freeze(prepared, c.freeze);
    const trunkFrozen = trunk.params.names.every((n) => !prepared.params.isTrainable(n));
    let cache = c.featureCache === 'auto' ? trunkFrozen && c.regularizer.type === 'none' : c.featureCache;
    if (cache && !trunkFrozen)
      throw new TransferError(`${this.id} featureCache`, 'a fully frozen trunk (freezeTrunk: true)', 'trainable trunk parameters');
    // Exact caps: the cache is one pass over every split, started only if it fits. 'auto' then
    // trains through the frozen trunk instead; a cache the config demands ends the run unspent.
    const cacheCost = cache ? featureCacheCost(splitModel(prepared, cut).trunk, task) : null;
    const cacheTooBig = cacheCost === null ? null : passesCap(request.budget, cacheCost);
    if (cacheCost !== null && cacheTooBig !== null) {
      if (c.featureCache === 'auto') cache = false;
      else {
        const cap = request.budget[cacheTooBig] as number;
        return {
          model: prepared,
          status: 'budget-exhausted',
          reason: `${cacheTooBig} budget: the feature cache would spend ${cacheCost[cacheTooBig]} of ${cap}`,
          history: [],
          cost: zeroCost(),
          metrics: evaluateModel(prepared, task.test, task),
          budget: { unspent: remainingOf(request.budget, zeroCost()), refusedStep: cacheCost },
        };
      }
    }

    const inner = this.inner instanceof FineTuneTrainer && !cache ? this.withRegularizers(this.inner, base, cut, request) : this.inner;
    const meter = new CostMeter();
    const innerTask = meter.measure(() => (cache ? featureTask(splitModel(prepared, cut).trunk, task, { meter }) : task));
    const offset = meter.cost();
    const innerModel = cache ? splitModel(prepared, cut).head : prepared;
    const resume = request.resume === undefined ? undefined : (request.resume.state as WrappedState).inner;
    // The feature cache may already have spent a cap: the inner trainer would get a cap of 0,
    // which is no budget at all (a ConfigError), so end here with the untrained head.
    const spentByCache = exhaustedBy(request.budget, offset);
    const innerResult: FitResult =
      spentByCache !== null
        ? {
            model: innerModel,
            status: 'budget-exhausted',
            reason: `${spentByCache} budget spent by the feature cache (${offset[spentByCache]} of ${request.budget[spentByCache]})`,
            history: [],
            cost: zeroCost(),
            metrics: evaluateModel(innerModel, innerTask.test, innerTask),
            budget: { unspent: remainingOf(request.budget, offset) },
          }
        : await inner.fit({
            task: innerTask,
            model: innerModel,
            rng: request.rng.fork('inner'),
            budget: remaining(request.budget, offset),
            ...(request.signal === undefined ? {} : { signal: request.signal }),
            onEvent: (e) => request.onEvent?.(e.type === 'progress' ? shift(e, offset) : e),
            ...(request.checkpoint === undefined
              ? {}
              : {
                  checkpoint: {
                    every: request.checkpoint.every,
                    save: (cp: Checkpoint) =>
                      request.checkpoint?.save({
                        trainerId: this.id,
                        step: cp.step,
                        cost: plus(cp.cost, offset),
                        history: cp.history.map((e) => shift(e, offset)),
                        state: { inner: cp } satisfies WrappedState,
                      }),
                  },
                }),
            ...(resume === undefined ? {} : { resume }),
          });
    const model = cache ? joinModels(splitModel(prepared, cut).trunk, innerResult.model) : innerResult.model;
    const counts = countParams(model);
    return {
      ...innerResult,
      model,
      history: innerResult.history.map((e) => shift(e, offset)),
      cost: plus(innerResult.cost, offset),
      extras: {
        ...innerResult.extras,
        transfer: {
          inner: inner.id,
          featureCache: cache,
          trainable: counts.trainable,
          frozen: counts.frozen,
          regularizer: c.regularizer.type,
        },
      },
    };
  }

  private baseModel(request: FitRequest): Model {
    const b = this.config.base;
    const base = this.context.base;
    if (base !== undefined) return base;
    if (b === undefined) throw new TransferError(`${this.id}.fit`, 'a base: config.base, context.base or request.model', 'none');
    if ('pretrained' in b) return loadPretrained(b.pretrained);
    if ('file' in b) {
      return loadModel(readFileBytes(b.file, `${this.id} base.file`));
    }
    return buildModel(b.spec, request.rng.fork('base'));
  }

  /** The fine-tuner split where the new head starts, with the configured regulariser (its data gathered from the base). */
  private withRegularizers(inner: FineTuneTrainer, base: Model, cut: number, request: FitRequest): FineTuneTrainer {
    const r = this.config.regularizer;
    if (r.type === 'none') return new FineTuneTrainer({ ...inner.options, headAt: cut }, inner.id);
    // Only the transferred trunk has a pretrained reference: a new head named like the old one must not be pulled toward it.
    const trunk = splitModel(base, cut).trunk;
    const reference = new Map(trunk.params.entries.map((e) => [e.name, Float32Array.from(trunk.params.get(e.name).data)]));
    let regularizer: Regularizer;
    if (r.type === 'l2-sp') regularizer = { type: 'l2-sp', alpha: r.alpha, beta: r.beta };
    else if (r.type === 'lwf') {
      // The base's own head (everything from its head start) is the old task's head.
      regularizer = { type: 'lwf', lambda: r.lambda, temperature: r.temperature, sourceHead: splitModel(base, cut).head };
    } else regularizer = { type: 'ewc', lambda: r.lambda, fisher: this.fisherFor(base, r, request) };
    return new FineTuneTrainer(
      { ...inner.options, headAt: cut, reference, regularizers: [...(inner.options.regularizers ?? []), regularizer] },
      inner.id,
    );
  }

  private fisherFor(base: Model, r: Extract<TransferConfig['regularizer'], { type: 'ewc' }>, request: FitRequest): NamedArrays {
    if (r.fisherFile !== undefined) {
      return loadNamedArrays(readFileBytes(r.fisherFile, `${this.id} regularizer.fisherFile`));
    }
    if (this.context.fisher !== undefined) return this.context.fisher;
    const source = this.context.sourceTask;
    if (source !== undefined)
      return estimateFisher(base, source.train, source, { samples: r.fisherSamples, rng: request.rng.fork('fisher') });
    const b = this.config.base;
    if (b !== undefined && 'pretrained' in b && request.model === undefined && this.context.base === undefined) {
      return loadNamedArrays(readFileBytes(pretrainedUrl(b.pretrained, 'fisher'), `${this.id} pretrained Fisher`));
    }
    throw new TransferError(
      `${this.id} ewc`,
      'a Fisher: regularizer.fisherFile, context.fisher, context.sourceTask or a pretrained base',
      'none',
    );
  }
}

/** JSON fine-tune options → `FineTuneOptions`. */
function fineTuneOptions(c: FineTuneConfig): ConstructorParameters<typeof FineTuneTrainer>[0] {
  return {
    optimizer: {
      optimizer: c.optimizer,
      ...(c.schedule === undefined ? {} : { schedule: c.schedule }),
      ...(c.clipNorm === undefined ? {} : { clipNorm: c.clipNorm }),
    },
    batchSize: c.batchSize,
    warmupSteps: c.warmupSteps,
    discriminative: {
      ...(c.layerDecay === undefined ? {} : { layerDecay: c.layerDecay }),
      groups: c.groups.map((g) => ({ select: g.select, learningRateScale: g.learningRateScale })),
    },
    ...(c.unfreeze === undefined ? {} : { unfreeze: c.unfreeze }),
    validateEvery: c.validateEvery,
  };
}

/**
 * The 'transfer' trainer definition, resolving `config.trainer.id` in `trainers` (for example the
 * backprop and evolution trainers together).
 */
export function defineTransferTrainer(trainers?: Registry<TrainerDefinition>): TrainerDefinition<typeof TransferConfig> {
  return defineTrainer({
    id: 'transfer',
    description:
      'Transfer learning: a pretrained base with a new head, frozen layers, feature caching, L2-SP / EWC / LwF regularisers and fine-tuning schedules, around any trainer.',
    configSchema: TransferConfig,
    create: (config) => new TransferTrainer(config, trainers === undefined ? {} : { trainers }),
  });
}

/** 'transfer' with the backprop trainers as inner trainers. */
export const transferTrainer = defineTransferTrainer();
