import type { Tensor } from '@evoprop/tensor';

/** The losses a task can name; `lossFor(id)` looks one up. */
export type LossId = 'mse' | 'mae' | 'huber' | 'binary-cross-entropy' | 'softmax-cross-entropy';
/** The headline metrics a task can name: `accuracy` and `return` are maximised, `mse` and `objective` minimised, `r2` maximised. */
export type MetricId = 'accuracy' | 'mse' | 'r2' | 'return' | 'objective';

/** Inputs and targets of one split. Classification targets are class indices (float32-encoded integers), shape [n]. */
export type Split = Readonly<{
  /** Inputs, shape `[n, ...inputShape]`. */
  x: Tensor;
  /** Targets: class indices `[n]` (classification) or values `[n, outputSize]` (regression). */
  y: Tensor;
}>;

type TaskBase = Readonly<{
  /** Registry id, e.g. 'spirals'. */
  id: string;
  /** The seed the task was built from: the same id, seed and options give the same data and episodes. */
  seed: number;
  /** One line saying what the task is. */
  description: string;
  /** A score at which the task counts as solved (in the headline metric), if there is a conventional one. */
  solvedAt?: number;
}>;

/** Fixed data with train / validation / test splits. */
export type SupervisedTask = TaskBase &
  Readonly<{
    /** Discriminant of the {@link Task} union. */
    kind: 'supervised';
    /** Per-sample input shape, e.g. [2] or [1, 28, 28]. */
    inputShape: readonly number[];
    /** Per-sample output size of the model: number of classes for classification, number of targets for regression. */
    outputSize: number;
    /** 'classification' targets are class indices; 'regression' targets have shape [n, outputSize]; 'sequence' as regression. */
    problem: 'classification' | 'regression';
    /** The loss a gradient trainer minimises on this task. */
    loss: LossId;
    /** The headline metric; 'accuracy' is maximised, 'mse' minimised. */
    metric: MetricId;
    /** What a trainer may fit. */
    train: Split;
    /** Held out for early stopping, model selection and budget targets (`val.*` metrics). */
    validation: Split;
    /** Held out for the final report only (`FitResult.metrics`). */
    test: Split;
  }>;

/** What an environment returns after each step. */
export type StepResult = Readonly<{
  /** The observation after the step, length `observationSize`. */
  observation: Float32Array;
  /** Reward for this step. */
  reward: number;
  /** True when the episode ended (failure or success); call `reset` before stepping again. */
  done: boolean;
}>;

/** A control environment. Episodes are seeded by `reset(seed)` so every trainer faces the same starts. */
export type Environment = {
  /** Start an episode from the start state that `seed` picks; returns the first observation. */
  reset(seed: number): Float32Array;
  /** A discrete action index, or a continuous action vector. */
  step(action: number | Float32Array): StepResult;
};

/** An environment to act in, scored by episode return. */
export type ControlTask = TaskBase &
  Readonly<{
    /** Discriminant of the {@link Task} union. */
    kind: 'control';
    /** Length of each observation vector. */
    observationSize: number;
    /** Discrete: number of actions (model outputs one score per action). Continuous: action vector size. */
    actionSize: number;
    /** Whether the model's output picks an action index (argmax) or is the action vector. */
    actionKind: 'discrete' | 'continuous';
    /** Episode length cap: an episode that survives this many steps ends as a success. */
    maxSteps: number;
    /** Control tasks are scored by episode return (maximised). */
    metric: 'return';
    /** A fresh environment; each holds its own episode state, so workers can run episodes side by side. */
    createEnvironment(): Environment;
    /** Fitness of a whole episode when it is not the plain sum of rewards (e.g. Gruau's damping fitness). */
    episodeFitness?: (steps: number, returnSum: number, history: readonly Float32Array[]) => number;
  }>;

/** A function of a parameter vector, minimised. For testing optimizers on known landscapes. */
export type ObjectiveTask = TaskBase &
  Readonly<{
    /** Discriminant of the {@link Task} union. */
    kind: 'objective';
    /** Length of the parameter vector. */
    dimension: number;
    /** Objective tasks are scored by the function value (minimised). */
    metric: 'objective';
    /** The function value at `x` (length `dimension`), computed in float64. */
    evaluate(x: Float32Array | Float64Array): number;
    /** Known minimum value. */
    optimum: number;
    /** A conventional starting point and spread, where the literature uses one. */
    initialPoint?: Float64Array;
    /** Initial step size of a search around `initialPoint` (e.g. CMA-ES's σ₀). */
    initialSigma?: number;
  }>;

/** Anything a trainer can be fitted on, told apart by `kind`. */
export type Task = SupervisedTask | ControlTask | ObjectiveTask;
