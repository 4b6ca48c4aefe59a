import type { Tensor } from '@evoprop/tensor';

export type LossId = 'mse' | 'mae' | 'huber' | 'binary-cross-entropy' | 'softmax-cross-entropy';
export type MetricId = 'accuracy' | 'mse' | 'r2' | 'return' | 'objective';

/** Inputs and targets of one split. Classification targets are class indices (float32-encoded integers), shape [n]. */
export type Split = Readonly<{ x: Tensor; y: Tensor }>;

type TaskBase = Readonly<{
  /** Registry id, e.g. 'spirals'. */
  id: string;
  seed: number;
  description: string;
  /** A score at which the task counts as solved (in the headline metric), if there is a conventional one. */
  solvedAt?: number;
}>;

/** Fixed data with train / validation / test splits. */
export type SupervisedTask = TaskBase &
  Readonly<{
    kind: 'supervised';
    /** Per-sample input shape, e.g. [2] or [1, 28, 28]. */
    inputShape: readonly number[];
    /** Per-sample output size of the model: number of classes for classification, number of targets for regression. */
    outputSize: number;
    /** 'classification' targets are class indices; 'regression' targets have shape [n, outputSize]; 'sequence' as regression. */
    problem: 'classification' | 'regression';
    loss: LossId;
    /** The headline metric; 'accuracy' is maximised, 'mse' minimised. */
    metric: MetricId;
    train: Split;
    validation: Split;
    test: Split;
  }>;

/** What an environment returns after each step. */
export type StepResult = Readonly<{ observation: Float32Array; reward: number; done: boolean }>;

/** A control environment. Episodes are seeded by `reset(seed)` so every trainer faces the same starts. */
export type Environment = {
  reset(seed: number): Float32Array;
  /** A discrete action index, or a continuous action vector. */
  step(action: number | Float32Array): StepResult;
};

export type ControlTask = TaskBase &
  Readonly<{
    kind: 'control';
    observationSize: number;
    /** Discrete: number of actions (model outputs one score per action). Continuous: action vector size. */
    actionSize: number;
    actionKind: 'discrete' | 'continuous';
    maxSteps: number;
    metric: 'return';
    createEnvironment(): Environment;
    /** Fitness of a whole episode when it is not the plain sum of rewards (e.g. Gruau's damping fitness). */
    episodeFitness?: (steps: number, returnSum: number, history: readonly Float32Array[]) => number;
  }>;

/** A function of a parameter vector, minimised. For testing optimizers on known landscapes. */
export type ObjectiveTask = TaskBase &
  Readonly<{
    kind: 'objective';
    dimension: number;
    metric: 'objective';
    evaluate(x: Float32Array | Float64Array): number;
    /** Known minimum value. */
    optimum: number;
    /** A conventional starting point and spread, where the literature uses one. */
    initialPoint?: Float64Array;
    initialSigma?: number;
  }>;

export type Task = SupervisedTask | ControlTask | ObjectiveTask;
