import type { Backend, Rng } from '@evoprop/tensor';
import type { Model } from '../model/model.js';
import type { Budget } from './budget.js';
import type { Cost } from './cost.js';
import type { Task } from './task.js';

/**
 * Headline metrics of a step, e.g. { loss: 0.3, accuracy: 0.9, 'val.accuracy': 0.88 }. The common
 * names are declared, so `result.metrics.accuracy` compiles under `noPropertyAccessFromIndexSignature`
 * (`@tsconfig/strictest`); any other name is read as `metrics['val.accuracy']`.
 */
export type Metrics = Readonly<Record<string, number>> &
  Readonly<{
    /** The training loss (or the fitness an evolution trainer minimises). */
    loss?: number;
    /** Fraction of samples classified correctly. */
    accuracy?: number;
    /** Mean squared error. */
    mse?: number;
    /** Coefficient of determination. */
    r2?: number;
    /** Episode return (control tasks). */
    return?: number;
    /** Objective value (objective tasks). */
    objective?: number;
  }>;

/** Emitted after every step with the cost so far and the step's headline metrics; also kept in `FitResult.history`. */
export type ProgressEvent = Readonly<{
  /** Discriminant of {@link TrainerEvent}. */
  type: 'progress';
  /** The step just completed (1-based: an epoch, a generation or a minibatch, as the trainer counts). */
  step: number;
  /** Cumulative cost after this step. */
  cost: Cost;
  /** Metrics after this step, e.g. `loss`, `val.accuracy`. */
  metrics: Metrics;
}>;
/** Free-form numeric diagnostics (gradient norms, dead units, species counts, PBT hyperparameters). */
export type DiagnosticEvent = Readonly<{
  /** Discriminant of {@link TrainerEvent}. */
  type: 'diagnostic';
  /** The step the values belong to. */
  step: number;
  /** What is measured, e.g. `'gradient-norm'`. */
  name: string;
  /** The measurements by key (per layer, per species, ...). */
  values: Readonly<Record<string, number>>;
}>;
/** Something worth a user's attention that does not stop the run (vanishing gradients, dead units, ...). */
export type WarningEvent = Readonly<{
  /** Discriminant of {@link TrainerEvent}. */
  type: 'warning';
  /** The step at which it was noticed. */
  step: number;
  /** A sentence saying what and, where possible, what to change. */
  message: string;
}>;
/** What `FitRequest.onEvent` receives, told apart by `type`. */
export type TrainerEvent = ProgressEvent | DiagnosticEvent | WarningEvent;

/** Everything needed to continue a run exactly where it stopped. `state` is plain JSON-able data. */
export type Checkpoint = Readonly<{
  /** Id of the trainer that wrote it; resuming with another trainer fails. */
  trainerId: string;
  /** Steps completed when it was taken. */
  step: number;
  /** Cost spent up to then; a resumed run keeps counting from it. */
  cost: Cost;
  /** Progress events so far, so a resumed run reports the whole history. */
  history: readonly ProgressEvent[];
  /** The trainer's whole state as plain JSON-able data (weights base64-encoded by `encodeState`). */
  state: unknown;
  /**
   * The most one step had spent per currency (how runTrainingLoop predicts a currency a trainer
   * does not declare), so a resumed run starts or refuses the same steps as the uninterrupted one.
   */
  largestStep?: Readonly<Partial<Cost>>;
}>;

/** What `Trainer.fit` is asked to do. */
export type FitRequest = Readonly<{
  /** The task to fit. */
  task: Task;
  /** Starting model; when absent the trainer builds one from its config for the task. */
  model?: Model;
  /** The run's only source of randomness; the same seed gives bit-identical results. */
  rng: Rng;
  /** When to stop; at least one cap or a target is required. */
  budget: Budget;
  /** Aborting it ends the run within one step with status `'aborted'`. */
  signal?: AbortSignal;
  /** Receives progress, diagnostic and warning events as they happen. */
  onEvent?: (event: TrainerEvent) => void;
  /** Called after step k with the trainer's whole state when k is a multiple of `every`. */
  checkpoint?: Readonly<{
    /** Steps between checkpoints (≥ 1). */
    every: number;
    /** Receives each checkpoint; store it (it is plain data) to resume later. */
    save: (checkpoint: Checkpoint) => void;
  }>;
  /** Continue from a checkpoint instead of starting fresh. The other request fields must match the original run. */
  resume?: Checkpoint;
  /**
   * The tensor backend the run's metered work (every step) computes on, e.g.
   * `createBackend('js')`; default: the global default (`setBackend`, `setKernels`). A value, so
   * two fits in one thread can run on different backends.
   */
  backend?: Backend;
  /**
   * Evaluate the model the trainer would return on held-out data at every progress event and add
   * it as `val.*` (as a budget target does) without stopping the run: the arena sets it for runs
   * with a success target, so cost to target reads the one truth. Not charged. runTrainingLoop
   * honours it; a trainer with its own loop may ignore it.
   */
  judgeEvents?: boolean;
}>;

/**
 * How a run ended: its target was reached, a budget cap was hit, its signal aborted it, or
 * a loss or weight became non-finite.
 */
export type FitStatus = 'reached-target' | 'budget-exhausted' | 'aborted' | 'diverged';

/**
 * What a run left of its budget. Caps are exact: a step (a mini-batch, an epoch's end, a
 * generation) whose predicted cost does not fit in what is left of every cap is not started,
 * so `unspent` is never negative for a trainer that honours the contract.
 */
export type BudgetReport = Readonly<{
  /** Cap minus cost for each currency the budget capped; currencies it did not cap are absent. */
  unspent: Readonly<Partial<Record<keyof Cost, number>>>;
  /** The predicted cost of the step that was not started because it would have passed a cap (absent when the run ended otherwise). */
  refusedStep?: Readonly<Partial<Cost>>;
}>;

/** What `Trainer.fit` returns. */
export type FitResult = Readonly<{
  /** The trained model (a new one: the request's model is not changed). */
  model: Model;
  /** How the run ended. */
  status: FitStatus;
  /** Why the run ended: which budget, the divergence cause, ... */
  reason: string;
  /** Step at which a diverged run produced a non-finite value. */
  divergedAtStep?: number;
  /** Every progress event of the run, in order. */
  history: readonly ProgressEvent[];
  /** Everything the run spent. */
  cost: Cost;
  /** Final metrics of the returned model (test split for supervised tasks). */
  metrics: Metrics;
  /** What was left of each cap, and the step that no longer fitted (runTrainingLoop always sets it). */
  budget?: BudgetReport;
  /** Anything trainer-specific worth reporting (PBT schedule, NEAT topology stats, ...), JSON-able. */
  extras?: Readonly<Record<string, unknown>>;
}>;

/** A training strategy. */
export interface Trainer {
  /** Registry id, e.g. `'backprop'`; checkpoints carry it. */
  readonly id: string;
  /** Train on `request.task` until the budget or target ends the run. Deterministic per `request.rng`. */
  fit(request: FitRequest): Promise<FitResult>;
}
