import {
  type BackpropConfigInput,
  type GradientTransformation,
  type StepParams,
  chain,
  gradientStep,
  identity,
  linearWarmup,
  masked,
  multiTransform,
  optimizerFor,
  parseBackpropConfig,
  scale,
  scaleBySchedule,
  unfreezing,
} from '@evoprop/backprop';
import {
  type CostMeter,
  type FitRequest,
  type FitResult,
  type LayeredModel,
  type Model,
  type Trainer,
  evaluateModel,
  lossFor,
  sliceRows,
} from '@evoprop/core';
import { decodeState, encodeState, type StepContext, type StepOutcome, runTrainingLoop } from '@evoprop/core/training';
import { FlopMeter, type Rng, Tensor, add, mul, noGrad, scalar } from '@evoprop/tensor';
import { TransferError } from './errors.js';
import { extractFeatures } from './features.js';
import { type NamedArrays, type ParamLookup, distillationLoss, ewcPenalty, l2SpPenalty } from './regularizers.js';
import { type DiscriminativeOptions, learningRateScales, unfreezingMask, unfrozenLayers } from './schedules.js';
import { headStart, joinModels, splitModel } from './surgery.js';

/** A forgetting-resistant penalty with the data it needs. */
export type Regularizer =
  | Readonly<{
      /** L2-SP (Li, Grandvalet & Davoine 2018, eq. 3), see {@link l2SpPenalty}. */
      type: 'l2-sp';
      /** α, pull of the transferred weights toward their starting values, ≥ 0. */
      alpha: number;
      /** β, plain weight decay of the parameters without a reference (the new head), ≥ 0. Default 0. */
      beta?: number;
    }>
  | Readonly<{
      /** Elastic weight consolidation (Kirkpatrick et al. 2017, eq. 3), see {@link ewcPenalty}. */
      type: 'ewc';
      /** λ, how much the source task matters, ≥ 0. */
      lambda: number;
      /** Diagonal Fisher information on the source task, by parameter name (see {@link estimateFisher}). */
      fisher: NamedArrays;
    }>
  | Readonly<{
      /** Learning without Forgetting (Li & Hoiem 2017, eq. 2), see {@link distillationLoss}. */
      type: 'lwf';
      /** Weight of the distillation loss against the new task's loss, ≥ 0. Default 1. */
      lambda?: number;
      /** Softmax temperature T of the distillation, > 0. Default 2 (the paper's). */
      temperature?: number;
      /** The old task's head, run on the trunk's features; its outputs at the start are the distillation targets. */
      sourceHead: Model;
    }>;

/** Options of the {@link FineTuneTrainer}; every key is optional. */
export type FineTuneOptions = Readonly<{
  /** Optimizer, schedule and clipping, in `@evoprop/backprop`'s config format (default Adam 1e-3). */
  optimizer?: Pick<BackpropConfigInput, 'optimizer' | 'schedule' | 'clipNorm' | 'clipValue'>;
  /** Samples per gradient step (capped at the training set's size), a positive integer. Default 32. */
  batchSize?: number;
  /** Linear learning-rate warm-up over this many gradient steps. */
  warmupSteps?: number;
  /** Discriminative learning rates per layer group. */
  discriminative?: DiscriminativeOptions;
  /** Gradual top-down unfreezing: one more parameter layer (from the top) every this many steps or epochs. */
  unfreeze?: Readonly<{
    /** Steps or epochs between two unfreezings, a positive integer. */
    every: number;
    /** What `every` counts. Default 'epochs' (ULMFiT unfreezes one layer per epoch). */
    unit?: 'steps' | 'epochs';
  }>;
  /** Penalties against forgetting, added to the task's loss. Default none. */
  regularizers?: readonly Regularizer[];
  /**
   * The weights L2-SP and EWC pull toward, by name (w⁰, θ*). Default: every starting weight. Parameters
   * without a reference count as new: L2-SP decays them with β, EWC ignores them.
   */
  reference?: NamedArrays;
  /** Where the model splits into trunk and head (layer count or name); default: below the last parametrised layer. */
  headAt?: number | string;
  /** Epochs between validations (default 1). */
  validateEvery?: number;
}>;

type State = {
  version: 1;
  vector: Float32Array;
  buffers: Float32Array | null;
  optimizer: unknown;
  step: number;
  epoch: number;
  batchInEpoch: number;
  epochLoss: number;
  epochSeen: number;
  /** FLOPs of each kind of step after its first run (a resumed run predicts as the uninterrupted one); absent in older checkpoints. */
  stepFlops?: Record<string, number>;
};

function gatherRows(x: Tensor, order: Int32Array, start: number, end: number): Tensor {
  const row = x.size / (x.shape[0] as number);
  const out = new Float32Array((end - start) * row);
  for (let i = start; i < end; i++)
    out.set(x.data.subarray((order[i] as number) * row, ((order[i] as number) + 1) * row), (i - start) * row);
  return new Tensor(out, [end - start, ...x.shape.slice(1)]);
}

function countCorrect(logits: Tensor, target: Tensor): number {
  const classes = logits.shape[logits.rank - 1] as number;
  let correct = 0;
  for (let r = 0; r < target.size; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if ((logits.data[r * classes + c] as number) > (logits.data[r * classes + best] as number)) best = c;
    if (best === target.data[r]) correct++;
  }
  return correct;
}

/** Copy values between two Params-like holders by name (buffers of a split model and of the whole one). */
function copyByName(from: Model['buffers'], to: Model['buffers']): void {
  if (from === undefined || to === undefined) return;
  for (const e of to.entries) if (from.entries.some((x) => x.name === e.name)) to.get(e.name).data.set(from.get(e.name).data);
}

/**
 * Gradient fine-tuning of a sequential model seen as trunk + head, with what transfer
 * learning adds to plain backprop: penalties that resist forgetting (L2-SP, EWC, LwF),
 * per-layer learning rates, gradual top-down unfreezing and warm-up. Frozen parameters are
 * masked out of the optimizer and never move. `step` counts gradient steps.
 *
 * The model in the request is the starting point (and the L2-SP / EWC reference); it is cloned.
 *
 * @example
 * const trainer = new FineTuneTrainer({ batchSize: 32, regularizers: [{ type: 'ewc', lambda: 100, fisher }] });
 * const result = await trainer.fit({ task, model: replaceHead(base, { outputSize: 5, rng }), rng, budget: { epochs: 5 } });
 */
export class FineTuneTrainer implements Trainer {
  /**
   * @throws {@link TransferError} for a bad batch size, unfreezing period or regulariser strength,
   * and the optimizer config's error for a bad optimizer.
   */
  constructor(
    /** The options as given (validated at construction). */
    readonly options: FineTuneOptions = {},
    /** The trainer id this instance reports. Default 'fine-tune'. */
    readonly id: string = 'fine-tune',
  ) {
    const o = options;
    if (o.batchSize !== undefined && !(Number.isInteger(o.batchSize) && o.batchSize > 0))
      throw new TransferError(`${id} batchSize`, 'a positive integer', String(o.batchSize));
    if (o.unfreeze !== undefined && !(Number.isInteger(o.unfreeze.every) && o.unfreeze.every > 0))
      throw new TransferError(`${id} unfreeze.every`, 'a positive integer', String(o.unfreeze.every));
    for (const r of o.regularizers ?? []) {
      const strength = r.type === 'l2-sp' ? r.alpha : (r.lambda ?? 1);
      if (!(strength >= 0)) throw new TransferError(`${id} ${r.type} strength`, 'a number ≥ 0', String(strength));
    }
    // Fail at construction on a bad optimizer config.
    optimizerFor(parseBackpropConfig(o.optimizer ?? {}, `${id} optimizer`));
  }

  /**
   * Fine-tune a clone of `request.model` on `request.task` (supervised) until the budget or a target ends
   * the run; resumes exactly from `request.resume`.
   *
   * @throws {@link TransferError} without a starting model, for a non-supervised task or an empty training split.
   */
  async fit(request: FitRequest): Promise<FitResult> {
    const task = request.task;
    if (task.kind !== 'supervised') throw new TransferError(`${this.id}.fit`, 'a supervised task', `a ${task.kind} task '${task.id}'`);
    if (request.model === undefined) throw new TransferError(`${this.id}.fit`, 'a starting model (request.model)', 'none');
    const n = task.train.x.shape[0] ?? 0;
    if (n === 0) throw new TransferError(`${this.id}.fit`, 'a non-empty training split', '0 samples');
    const o = this.options;
    const model = request.model.clone() as LayeredModel;
    // A head-only model (e.g. a head on cached features) has no trunk: the head is the model itself.
    const at = o.headAt ?? headStart(model);
    const { trunk, head } = at === 0 ? { trunk: null, head: model } : splitModel(model, at);
    const trunkNames = new Set(trunk?.params.names ?? []);
    const split = model.params.entries.findIndex((e) => !trunkNames.has(e.name));
    const trunkSize = split < 0 ? model.params.size : (model.params.entries[split]?.offset ?? model.params.size);
    const reference = o.reference ?? new Map(model.params.entries.map((e) => [e.name, Float32Array.from(model.params.get(e.name).data)]));
    const lookup: ParamLookup = {
      names: model.params.names,
      get: (name) => (trunk !== null && trunkNames.has(name) ? trunk.params.get(name) : head.params.get(name)),
    };
    const loss = lossFor(task.loss);
    const optimizer = fineTuneOptimizer(model, o, this.id);
    const batchSize = Math.min(n, o.batchSize ?? 32);
    const stepsPerEpoch = Math.ceil(n / batchSize);
    const validateEvery = o.validateEvery ?? 1;
    const classification = task.problem === 'classification';
    const shuffle = request.rng.fork('shuffle');
    const lwf = (o.regularizers ?? []).filter((r): r is Extract<Regularizer, { type: 'lwf' }> => r.type === 'lwf');
    // LwF p. 4: record the original network's old-task outputs on the new task's images once, before training.
    const sources = lwf.map((r) => {
      const sourceHead = r.sourceHead.clone();
      sourceHead.params.setTrainable(sourceHead.params.names, false);
      return { r, sourceHead, recorded: null as Tensor | null };
    });
    // Called while the trunk still holds the starting weights (step 1, or before a resume loads its own).
    const record = (meter?: CostMeter) => {
      for (const s of sources) {
        if (s.recorded !== null) continue;
        const features = trunk === null ? task.train.x : extractFeatures(trunk, task.train.x, meter === undefined ? {} : { meter });
        s.recorded = noGrad(() => s.sourceHead.forward(features, 'eval'));
      }
    };
    const syncIn = (s: State) => {
      trunk?.params.vector.set(s.vector.subarray(0, trunkSize));
      head.params.vector.set(s.vector.subarray(trunkSize));
      if (s.buffers !== null && model.buffers !== undefined) {
        model.buffers.setVector(s.buffers);
        copyByName(model.buffers, trunk?.buffers);
        copyByName(model.buffers, head.buffers);
      }
    };
    const syncOut = (s: State) => {
      if (model.buffers === undefined) return;
      copyByName(trunk?.buffers, model.buffers);
      copyByName(head.buffers, model.buffers);
      s.buffers = model.buffers.vector;
    };
    const unfreezeStage = (s: State): number | null => {
      if (o.unfreeze === undefined) return null;
      return Math.floor((o.unfreeze.unit === 'epochs' ? s.epoch : s.step) / o.unfreeze.every);
    };
    let order: { epoch: number; perm: Int32Array } | null = null;
    // The whole model's vector, its gradient gathered from the trunk's and the head's.
    const stepParams: StepParams = {
      vector: model.params.vector,
      get grads() {
        const grads = new Float32Array(model.params.size);
        if (trunk !== null) grads.set(trunk.params.grads, 0);
        grads.set(head.params.grads, trunkSize);
        return grads;
      },
      zeroGrad: () => {
        trunk?.params.zeroGrad();
        head.params.zeroGrad();
      },
    };
    type StepInput = Readonly<{ x: Tensor; y: Tensor; perm: Int32Array; start: number; end: number; rng: Rng; meter: CostMeter }>;
    const step = gradientStep(
      (b: StepInput) => {
        const dropout = b.rng.fork('dropout');
        const features = trunk === null ? b.x : trunk.forward(b.x, 'train', { rng: dropout.fork('trunk') });
        const out = head.forward(features, 'train', { rng: dropout.fork('head') });
        const taskLoss = loss(out, b.y);
        let total = taskLoss;
        const parts: Record<string, number> = {};
        for (const r of o.regularizers ?? []) {
          let term: Tensor;
          if (r.type === 'l2-sp') term = l2SpPenalty(lookup, { alpha: r.alpha, beta: r.beta ?? 0, reference });
          else if (r.type === 'ewc') term = ewcPenalty(lookup, { lambda: r.lambda, reference, fisher: r.fisher });
          else {
            const src = sources.find((x) => x.r === r);
            if (src?.recorded == null) throw new TransferError(`${this.id} lwf`, 'recorded source outputs', 'none (internal error)');
            const recorded = gatherRows(src.recorded, b.perm, b.start, b.end);
            const kd = distillationLoss(src.sourceHead.forward(features, 'train'), recorded, { temperature: r.temperature ?? 2 });
            term = mul(kd, scalar(r.lambda ?? 1));
          }
          parts[`penalty.${r.type}`] = term.item();
          total = add(total, term);
        }
        b.meter.addEvaluations(b.end - b.start);
        return { loss: total, aux: { taskLoss: taskLoss.item(), parts, out } };
      },
      // The published fine-tuning FLOP figures never counted the additions.
      { params: stepParams, optimizer, chargeApply: false },
    );

    // One mini-batch (and the epoch's end it completes).
    const fineTuneStep = (s: State, ctx: StepContext): StepOutcome => {
      if (sources.some((x) => x.recorded === null)) {
        record(ctx.meter);
      }
      if (order === null || order.epoch !== s.epoch) order = { epoch: s.epoch, perm: shuffle.fork(s.epoch).permutation(n) };
      const start = s.batchInEpoch * batchSize;
      const end = Math.min(n, start + batchSize);
      const y = gatherRows(task.train.y, order.perm, start, end);
      syncIn(s);
      const r = step(
        s.optimizer,
        { x: gatherRows(task.train.x, order.perm, start, end), y, perm: order.perm, start, end, rng: ctx.rng, meter: ctx.meter },
        { epoch: s.epoch },
      );
      const lv = r.aux.taskLoss;
      if (!r.applied) {
        const what = r.divergence.kind === 'loss' ? 'loss' : 'gradient norm';
        return { metrics: { loss: lv }, diverged: `${what} became ${r.divergence.value} at gradient step ${s.step + 1}` };
      }
      s.optimizer = r.state;
      const stage = unfreezeStage(s);
      syncOut(s);
      ctx.meter.addGradientSteps(1);
      s.step++;
      s.batchInEpoch++;
      s.epochLoss += lv * (end - start);
      s.epochSeen += end - start;
      const metrics: Record<string, number> = { loss: lv, epoch: s.epoch, ...r.aux.parts };
      if (classification) metrics.accuracy = countCorrect(r.aux.out, y) / (end - start);
      if (stage !== null) metrics.unfrozenLayers = unfrozenLayers(model, stage).length;
      if (s.batchInEpoch === stepsPerEpoch) {
        s.epoch++;
        s.batchInEpoch = 0;
        ctx.meter.addEpochs(1);
        metrics.epoch = s.epoch;
        metrics['epoch.loss'] = s.epochLoss / Math.max(1, s.epochSeen);
        s.epochLoss = 0;
        s.epochSeen = 0;
        if (s.epoch % validateEvery === 0 && (task.validation.x.shape[0] ?? 0) > 0) {
          const v = evaluateModel(model, task.validation, task, { meter: ctx.meter });
          for (const [k, value] of Object.entries(v)) metrics[`val.${k}`] = value;
        }
      }
      return { metrics };
    };
    const forwardProbe = model.clone();
    const forwardFlops = (rows: number): number => {
      if (rows === 0) return 0;
      const meter = new FlopMeter();
      meter.measure(() => noGrad(() => forwardProbe.forward(sliceRows(task.train.x, 0, Math.min(rows, n)), 'eval')));
      return (meter.flops * rows) / Math.min(rows, n);
    };
    /** The next step's kind: its rows, the validation rows of the epoch's end it completes, and LwF's first recording. */
    const nextKind = (s: State) => {
      const rows = Math.min(n, (s.batchInEpoch + 1) * batchSize) - s.batchInEpoch * batchSize;
      const endsEpoch = s.batchInEpoch + 1 === stepsPerEpoch;
      const validates = endsEpoch && (s.epoch + 1) % validateEvery === 0 ? (task.validation.x.shape[0] ?? 0) : 0;
      const recording = trunk === null ? 0 : sources.filter((x) => x.recorded === null).length * n;
      return { rows, endsEpoch, validates, recording, key: `${rows}/${validates}/${recording}` };
    };

    return runTrainingLoop<State>(request, {
      trainerId: this.id,
      // Exact caps: a mini-batch (with the epoch's end and validation it completes) that does not
      // fit is not started. FLOPs of a kind of step are what its first run cost (kept in the
      // state), before that a bound: 4× a forward pass plus 40 per weight (regularisers, update).
      nextStepCost: (s) => {
        const k = nextKind(s);
        const flops =
          s.stepFlops?.[k.key] ??
          4 * forwardFlops(k.rows) + 40 * model.params.size + 2 * forwardFlops(k.validates) + 2 * forwardFlops(1) * k.recording;
        return {
          evaluations: k.rows + k.validates + k.recording,
          gradientSteps: 1,
          epochs: k.endsEpoch ? 1 : 0,
          generations: 0,
          flops,
        };
      },
      init: () => {
        return {
          version: 1,
          vector: model.params.vector,
          buffers: model.buffers?.vector ?? null,
          optimizer: optimizer.init(model.params.size),
          step: 0,
          epoch: 0,
          batchInEpoch: 0,
          epochLoss: 0,
          epochSeen: 0,
        };
      },
      restore: (raw) => {
        const s = decodeState(raw) as State;
        if (s?.version !== 1 || !(s.vector instanceof Float32Array) || s.vector.length !== model.params.size) {
          throw new TransferError(
            `${this.id}.fit(resume)`,
            `a version-1 state with ${model.params.size} weights`,
            JSON.stringify(s?.version),
          );
        }
        record(); // not charged again: the checkpoint's cost already holds it
        syncIn(s);
        model.params.setVector(s.vector);
        if (s.buffers !== null) model.buffers?.setVector(s.buffers);
        return { ...s, vector: model.params.vector, buffers: model.buffers?.vector ?? null };
      },
      snapshot: (s) =>
        encodeState({ ...s, vector: Float32Array.from(s.vector), buffers: s.buffers === null ? null : Float32Array.from(s.buffers) }),
      model: () => model,
      finalMetrics: (m) => evaluateModel(m, (task.test.x.shape[0] ?? 0) > 0 ? task.test : task.validation, task),
      step: (s, ctx) => {
        const kind = nextKind(s).key;
        const flopsBefore = ctx.meter.cost().flops;
        const outcome = fineTuneStep(s, ctx);
        s.stepFlops ??= {};
        s.stepFlops[kind] = ctx.meter.cost().flops - flopsBefore;
        return outcome;
      },
    });
  }
}

/**
 * The fine-tuning transform chain: the optimizer over the trainable values, then the per-layer
 * learning rates (one `scale` per distinct multiplier, {@link multiTransform}), then the linear
 * warm-up, all inside gradual unfreezing when it is on. Without those options it is the masked
 * optimizer alone.
 */
function fineTuneOptimizer(model: Model, o: FineTuneOptions, id: string): GradientTransformation<unknown> {
  const links: GradientTransformation<unknown>[] = [
    masked(optimizerFor(parseBackpropConfig(o.optimizer ?? {}, `${id} optimizer`)), model.params.trainableMask()),
  ];
  const scales = learningRateScales(model, o.discriminative);
  if (scales.some((k) => k !== 1)) {
    const labels = Array.from(scales, (k) => String(k));
    const transforms: Record<string, GradientTransformation<unknown>> = {};
    for (const label of new Set(labels)) transforms[label] = label === '1' ? identity() : scale(Number(label));
    links.push(multiTransform(transforms, labels));
  }
  if ((o.warmupSteps ?? 0) > 0) links.push(scaleBySchedule(linearWarmup(o.warmupSteps as number)));
  const descent = links.length === 1 ? (links[0] as GradientTransformation<unknown>) : chain(...links);
  const u = o.unfreeze;
  if (u === undefined) return descent;
  // NOTE: an absent unit counts steps here, as this trainer always has (the parsed TransferConfig defaults to 'epochs').
  return unfreezing(descent, {
    maskAt: (stage) => unfreezingMask(model, stage),
    every: u.every,
    unit: u.unit === 'epochs' ? 'epochs' : 'steps',
  });
}

/** The source model's view after fine-tuning: the fine-tuned trunk under the source's own head (to measure forgetting). */
export function withHead(model: Model, sourceHead: Model, headAt?: number | string): Model {
  const { trunk } = splitModel(model, headAt);
  return joinModels(trunk, sourceHead);
}
