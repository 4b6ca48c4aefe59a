import {
  type Checkpoint,
  type CostMeter,
  type FitRequest,
  type FitResult,
  type Model,
  type SupervisedTask,
  type Trainer,
  evaluateModel,
  isBounded,
  lossFor,
  mlp,
  sequential,
  validateFitRequest,
} from '@evoprop/core';
import { flattenLayer, dense } from '@evoprop/core/layers';
import { type StepOutcome, decodeState, encodeState, runTrainingLoop } from '@evoprop/core/training';
import type { Rng, Tensor } from '@evoprop/tensor';
import { masked } from '../optim/masked.js';
import { type GradientTransformation, chain } from '../optim/transform.js';
import { type ReduceOnPlateauState, reduceOnPlateau } from '../schedules/reduce-on-plateau.js';
import { gradientStep } from '../step/gradient-step.js';
import { countCorrect, gatherRows, identityOrder } from './batches.js';
import { type BackpropConfig, type BackpropConfigInput, optimizerFor, parseBackpropConfig, scheduleFor } from './config.js';
import { type EarlyStoppingState, initEarlyStopping, observeEarlyStopping } from './early-stopping.js';
import { BackpropError } from './errors.js';
import { GradientHealth, type HealthState } from './gradient-health.js';
import { BackpropStepCosts } from './step-cost.js';

/** Everything that changes during a run, as plain data: the checkpoint's `state`. */
type RunState = {
  version: 1;
  seed: string;
  epoch: number;
  /** Batches of the current epoch already done. */
  batchInEpoch: number;
  step: number;
  params: Float32Array;
  buffers: Float32Array | null;
  /** The transform chain's state; with a plateau schedule `[optimizer, plateau]`. */
  optimizer: unknown;
  early: EarlyStoppingState | null;
  epochLoss: number;
  epochSeen: number;
  epochCorrect: number;
  health: HealthState | null;
  /** FLOPs of each kind of step after its first run (see BackpropStepCosts); absent in older checkpoints. */
  stepFlops?: Record<string, number>;
};

/** How often fit yields to the event loop so an AbortSignal can fire (ms). */
const YIELD_EVERY_MS = 100;

/**
 * Gradient descent on a supervised task: full-batch, mini-batch or pure stochastic
 * (`batchSize` null / n / 1), seeded shuffling, validation every epoch, stopping on budget,
 * target metric or early stopping, gradient-health diagnostics, exact checkpoint / resume.
 *
 * `step` in events and checkpoints counts gradient steps (optimizer updates).
 *
 * @example
 * const trainer = new BackpropTrainer({ optimizer: { name: 'adam', learningRate: 0.01 }, batchSize: 32, hidden: [16] });
 * const result = await trainer.fit({ task, rng: Rng.fromSeed(1), budget: { epochs: 50 } });
 * result.metrics.accuracy; // test accuracy of the trained model
 */
export class BackpropTrainer implements Trainer {
  /** The parsed config, every default filled in. */
  readonly config: BackpropConfig;

  /**
   * @param config - a {@link BackpropConfigInput}; parsed with {@link parseBackpropConfig}, unknown keys rejected.
   * @param id - the registered trainer id, used in error messages and results.
   */
  constructor(
    config: BackpropConfigInput | Record<string, unknown> = {},
    /** The trainer id this instance reports (`'backprop'`, or a preset's id such as `'adam'`). */
    readonly id: string = 'backprop',
  ) {
    this.config = parseBackpropConfig(config, `${id} config`);
  }

  /**
   * Train on `request.task` (supervised only) until the budget, a target or early stopping ends
   * the run; resumes exactly from `request.checkpoint` when one is given.
   *
   * @throws {@link BackpropError} for a non-supervised task or an unbounded budget.
   */
  async fit(request: FitRequest): Promise<FitResult> {
    const task = request.task;
    if (task.kind !== 'supervised') {
      throw new BackpropError(
        `${this.id}.fit`,
        'a supervised task (backprop needs a differentiable loss)',
        `${task.kind} task '${task.id}'`,
      );
    }
    if (!isBounded(request.budget)) {
      throw new BackpropError(
        `${this.id}.fit`,
        'a budget with at least one cap (epochs, gradientSteps, evaluations, flops, wallSeconds) or a target',
        JSON.stringify(request.budget),
      );
    }
    validateFitRequest(request, this.id); // before the task's splits are read below, not only at the loop's entry
    const n = task.train.x.shape[0] ?? 0;
    if (n === 0) throw new BackpropError(`${this.id}.fit`, 'a non-empty training split', '0 samples');
    const config = this.config;
    const model = request.model?.clone() ?? defaultModel(task, config, request.rng.fork('init'));
    const params = model.params;
    const loss = lossFor(task.loss);
    const schedule = scheduleFor(config);
    const plateau = config.plateau === undefined ? null : reduceOnPlateau(config.plateau);
    // reduce-on-plateau is the chain's last link: it scales the masked optimizer's updates.
    const descent = masked(optimizerFor(config), params.trainableMask());
    const optimizer: GradientTransformation<unknown> = plateau === null ? descent : chain(descent, plateau);
    const plateauOf = (s: RunState): ReduceOnPlateauState | null =>
      plateau === null ? null : ((s.optimizer as readonly unknown[])[1] as ReduceOnPlateauState);
    const health = config.diagnostics ? new GradientHealth(model) : null;
    const batchSize = Math.min(n, config.batchSize ?? n);
    const stepsPerEpoch = Math.ceil(n / batchSize);
    const hasValidation = (task.validation.x.shape[0] ?? 0) > 0;
    const classification = task.problem === 'classification';
    const valRows = task.validation.x.shape[0] ?? 0;
    const stepCosts = new BackpropStepCosts(model, task, () => {
      s.stepFlops ??= {};
      return s.stepFlops;
    });
    /** Rows of the next mini-batch, or null when the epoch's batches are done (its end is next). */
    const nextBatchRows = (): number | null =>
      s.batchInEpoch < stepsPerEpoch ? Math.min(n, (s.batchInEpoch + 1) * batchSize) - s.batchInEpoch * batchSize : null;
    /** Rows the next epoch's end validates (0 when it does not). */
    const nextValidationRows = (): number => ((s.epoch + 1) % config.validateEvery === 0 && hasValidation ? valRows : 0);
    const shuffleRng = request.rng.fork('shuffle');
    const dropoutRng = request.rng.fork('dropout');

    const s =
      request.resume === undefined
        ? this.freshState(request.rng, model, optimizer.init(params.size), health)
        : this.resumeState(request.resume, request.rng, model);
    const budget = request.budget;
    let earlyStopped = false;
    let restored = false;
    let order: Int32Array | null = null;

    // The run owns s.optimizer (fresh from init or decoded from a checkpoint), so the step may
    // overwrite its arrays (the allocation-free path).
    const step = gradientStep(
      (b: Readonly<{ x: Tensor; y: Tensor; meter: CostMeter }>) => {
        const out = model.forward(b.x, 'train', { rng: dropoutRng.fork(s.step) });
        const l = loss(out, b.y);
        b.meter.addEvaluations(b.x.shape[0] as number);
        return { loss: l, aux: out };
      },
      {
        params,
        optimizer,
        inPlace: true,
        ...(health === null
          ? {}
          : {
              inspect: (g: Float32Array, u: Float32Array, p: Float32Array) => {
                if (s.health !== null) health.observe(s.health, g, u, p);
              },
            }),
      },
    );

    // One mini-batch: forward, backward, optimizer update.
    const batch = (meter: CostMeter): StepOutcome => {
      order ??= config.shuffle ? shuffleRng.fork(s.epoch).permutation(n) : identityOrder(n);
      const start = s.batchInEpoch * batchSize;
      const end = Math.min(n, start + batchSize);
      const y = gatherRows(task.train.y, order, start, end);
      const r = step(s.optimizer, { x: gatherRows(task.train.x, order, start, end), y, meter });
      if (!r.applied) {
        const at = s.step + 1;
        const what = r.divergence.kind === 'loss' ? 'loss' : 'gradient norm';
        return {
          end: {
            status: 'diverged',
            reason: `${what} became ${r.divergence.value} at gradient step ${at} (epoch ${s.epoch + 1})`,
            divergedAtStep: at,
          },
        };
      }
      s.optimizer = r.state;
      meter.addGradientSteps(1);
      s.step++;
      s.batchInEpoch++;
      s.epochLoss += r.loss * (end - start);
      s.epochSeen += end - start;
      if (classification) s.epochCorrect += countCorrect(r.aux, y);
      return {};
    };

    // The end of an epoch: its metrics, validation, plateau schedule and early stopping.
    const epochEnd = (meter: CostMeter): StepOutcome => {
      s.epoch++;
      s.batchInEpoch = 0;
      order = null;
      meter.addEpochs(1);
      const metrics: Record<string, number> = {
        epoch: s.epoch,
        loss: s.epochLoss / Math.max(1, s.epochSeen),
        learningRate: schedule(Math.max(0, s.step - 1)) * (plateauOf(s)?.scale ?? 1),
      };
      if (classification) metrics.accuracy = s.epochCorrect / Math.max(1, s.epochSeen);
      s.epochLoss = 0;
      s.epochSeen = 0;
      s.epochCorrect = 0;
      const validate = s.epoch % config.validateEvery === 0;
      if (validate && hasValidation) {
        const v = evaluateModel(model, task.validation, task, { batchSize: config.evaluationBatchSize, meter });
        for (const [key, value] of Object.entries(v)) metrics[`val.${key}`] = value;
      }
      const events = validate && health !== null && s.health !== null ? health.flush(s.health, s.step) : [];
      const monitored = metrics['val.loss'] ?? (metrics.loss as number);
      if (validate && plateau !== null) {
        const [descentState, plateauState] = s.optimizer as readonly [unknown, ReduceOnPlateauState];
        s.optimizer = [descentState, plateau.step(plateauState, monitored)];
      }
      if (validate && config.earlyStopping !== undefined && s.early !== null) {
        const es = config.earlyStopping;
        const value = metrics[es.monitor];
        if (value === undefined) {
          throw new BackpropError(
            `${this.id} earlyStopping.monitor`,
            `a metric among ${Object.keys(metrics).join(', ')}`,
            `'${es.monitor}'`,
          );
        }
        const r = observeEarlyStopping(es, s.early, value, s.epoch, () => ({
          params: Float32Array.from(params.vector),
          buffers: model.buffers ? Float32Array.from(model.buffers.vector) : null,
        }));
        s.early = r.state;
        if (r.stop) {
          earlyStopped = true;
          const reason = `early stopping: ${es.monitor} did not improve for ${s.early.badValidations} validations (best ${s.early.best} at epoch ${s.early.bestEpoch})`;
          return { metrics, events, end: { status: 'budget-exhausted', reason } };
        }
      }
      return { metrics, events };
    };

    return runTrainingLoop<RunState>(request, {
      trainerId: this.id,
      // The state was built (and a checkpoint checked) above, before the loop starts.
      init: () => s,
      restore: () => s,
      snapshot: () =>
        encodeState({
          ...s,
          params: Float32Array.from(params.vector),
          buffers: model.buffers ? Float32Array.from(model.buffers.vector) : null,
        }),
      // A step is a mini-batch, or the end of an epoch once all its batches are done.
      step: (_, ctx) => {
        const rows = nextBatchRows();
        const validating = nextValidationRows();
        const before = ctx.meter.cost().flops;
        const outcome = rows === null ? epochEnd(ctx.meter) : batch(ctx.meter);
        stepCosts.see(rows, validating, ctx.meter.cost().flops - before);
        return outcome;
      },
      // Exact caps: a mini-batch, or an epoch's end, that does not fit is not started.
      nextStepCost: () => {
        const rows = nextBatchRows();
        return rows === null ? stepCosts.epochEnd(nextValidationRows()) : stepCosts.batch(rows);
      },
      // Events and checkpoints count gradient steps.
      stepOf: () => s.step,
      reasons: (stop) => {
        switch (stop.kind) {
          case 'aborted':
            return `aborted at gradient step ${s.step}`;
          case 'budget':
            if (stop.nextStep !== undefined)
              return `${stop.cap} budget (${budget[stop.cap]}): the next ${s.batchInEpoch < stepsPerEpoch ? 'mini-batch' : "epoch's end"} would spend ${stop.nextStep}, ${(budget[stop.cap] ?? 0) - stop.cost[stop.cap]} left (gradient step ${s.step}, epoch ${s.epoch})`;
            // Right after an epoch's end, or after a gradient step.
            return s.batchInEpoch === 0 && s.epoch > 0
              ? `${stop.cap} budget (${budget[stop.cap]}) spent at epoch ${s.epoch}`
              : `${stop.cap} budget (${budget[stop.cap]}) spent at gradient step ${s.step}`;
          case 'target': {
            const t = budget.target;
            return `${t?.metric} reached ${stop.metrics[t?.metric ?? '']} (target ${t?.value}) at epoch ${s.epoch}`;
          }
        }
      },
      // Yield so an AbortSignal can fire.
      yieldEveryMs: YIELD_EVERY_MS,
      checkWeights: false,
      checkMetrics: false,
      model: () => model,
      finalMetrics: (_, __, status) => {
        if (config.earlyStopping?.restoreBestWeights && s.early?.bestParams && status !== 'diverged') {
          params.setVector(s.early.bestParams);
          if (s.early.bestBuffers && model.buffers) model.buffers.setVector(s.early.bestBuffers);
          restored = true;
        }
        return evaluateModel(model, task.test.x.shape[0] ? task.test : task.validation, task, { batchSize: config.evaluationBatchSize });
      },
      extras: () => ({
        epochs: s.epoch,
        gradientSteps: s.step,
        batchSize,
        stepsPerEpoch,
        earlyStopped,
        restoredBestWeights: restored,
        ...(s.early ? { bestEpoch: s.early.bestEpoch, bestMonitored: s.early.best } : {}),
        ...((p) => (p === null ? {} : { learningRateScale: p.scale, plateauReductions: p.reductions }))(plateauOf(s)),
      }),
    });
  }

  private freshState(rng: Rng, model: Model, optimizer: unknown, health: GradientHealth | null): RunState {
    return {
      version: 1,
      seed: rng.seed,
      epoch: 0,
      batchInEpoch: 0,
      step: 0,
      params: model.params.vector,
      buffers: model.buffers?.vector ?? null,
      optimizer,
      early: this.config.earlyStopping ? initEarlyStopping(this.config.earlyStopping.mode) : null,
      epochLoss: 0,
      epochSeen: 0,
      epochCorrect: 0,
      health: health?.init() ?? null,
    };
  }

  private resumeState(checkpoint: Checkpoint, rng: Rng, model: Model): RunState {
    const where = `${this.id}.fit(resume)`;
    if (checkpoint.trainerId !== this.id)
      throw new BackpropError(where, `a checkpoint of trainer '${this.id}'`, `'${checkpoint.trainerId}'`);
    const s = decodeState(checkpoint.state) as RunState;
    if (s?.version !== 1) throw new BackpropError(where, 'checkpoint state version 1', JSON.stringify(s?.version));
    if (s.seed !== rng.seed) throw new BackpropError(where, `the run's rng seed '${s.seed}'`, `'${rng.seed}'`);
    if (!(s.params instanceof Float32Array) || s.params.length !== model.params.size) {
      throw new BackpropError(where, `${model.params.size} parameter values`, `${s.params?.length}`);
    }
    model.params.setVector(s.params);
    if (s.buffers && model.buffers) model.buffers.setVector(s.buffers);
    return { ...s, params: model.params.vector, buffers: model.buffers?.vector ?? null };
  }
}

/** The model a request without one gets: an MLP of the config's hidden sizes (inputs flattened first). */
function defaultModel(task: SupervisedTask, config: BackpropConfig, rng: Rng): Model {
  const o = { hidden: config.hidden, outputSize: task.outputSize, activation: config.activation };
  if (task.inputShape.length === 1) return mlp({ ...o, inputSize: task.inputShape[0] as number }, rng);
  const kernelInitializer = config.activation === 'tanh' || config.activation === 'sigmoid' ? 'glorotUniform' : 'heUniform';
  const layers = [
    flattenLayer(),
    ...config.hidden.map((units) => dense(units, { activation: config.activation, kernelInitializer })),
    dense(task.outputSize),
  ];
  return sequential(layers, { inputShape: task.inputShape, rng });
}
