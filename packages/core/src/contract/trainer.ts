import type { Rng } from '@evoprop/tensor';
import type { Model } from '../model/model.js';
import type { Budget } from './budget.js';
import type { Cost } from './cost.js';
import type { Task } from './task.js';

/** Headline metrics of a step, e.g. { loss: 0.3, accuracy: 0.9, 'val.accuracy': 0.88 }. */
export type Metrics = Readonly<Record<string, number>>;

export type ProgressEvent = Readonly<{ type: 'progress'; step: number; cost: Cost; metrics: Metrics }>;
/** Free-form numeric diagnostics (gradient norms, dead units, species counts, PBT hyperparameters). */
export type DiagnosticEvent = Readonly<{ type: 'diagnostic'; step: number; name: string; values: Readonly<Record<string, number>> }>;
export type WarningEvent = Readonly<{ type: 'warning'; step: number; message: string }>;
export type TrainerEvent = ProgressEvent | DiagnosticEvent | WarningEvent;

/** Everything needed to continue a run exactly where it stopped. `state` is plain JSON-able data. */
export type Checkpoint = Readonly<{
  trainerId: string;
  step: number;
  cost: Cost;
  history: readonly ProgressEvent[];
  state: unknown;
}>;

export type FitRequest = Readonly<{
  task: Task;
  /** Starting model; when absent the trainer builds one from its config for the task. */
  model?: Model;
  rng: Rng;
  budget: Budget;
  signal?: AbortSignal;
  onEvent?: (event: TrainerEvent) => void;
  /** Called after step k with the trainer's whole state when k is a multiple of `every`. */
  checkpoint?: Readonly<{ every: number; save: (checkpoint: Checkpoint) => void }>;
  /** Continue from a checkpoint instead of starting fresh. The other request fields must match the original run. */
  resume?: Checkpoint;
}>;

export type FitStatus = 'reached-target' | 'budget-exhausted' | 'aborted' | 'diverged';

export type FitResult = Readonly<{
  model: Model;
  status: FitStatus;
  /** Why the run ended: which budget, the divergence cause, ... */
  reason: string;
  /** Step at which a diverged run produced a non-finite value. */
  divergedAtStep?: number;
  history: readonly ProgressEvent[];
  cost: Cost;
  /** Final metrics of the returned model (test split for supervised tasks). */
  metrics: Metrics;
  /** Anything trainer-specific worth reporting (PBT schedule, NEAT topology stats, ...), JSON-able. */
  extras?: Readonly<Record<string, unknown>>;
}>;

/** A training strategy. */
export interface Trainer {
  readonly id: string;
  fit(request: FitRequest): Promise<FitResult>;
}
