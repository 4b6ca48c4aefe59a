import type { Tensor } from '@evoprop/tensor';
import { ConfigError } from '../errors.js';
import { fmtShape } from '../format.js';
import type { Model } from '../model/model.js';
import type { RecommendedModel } from '../config/recommended-model.js';

/**
 * The losses a task can name; `lossFor(id)` looks one up. `'masked-softmax-cross-entropy'` is
 * softmax cross-entropy where class 0 is padding: rows whose target is 0 carry no loss and do not
 * count in the mean (nor in `accuracy`), so padded sequence batches score only their real tokens.
 */
export type LossId = 'mse' | 'mae' | 'huber' | 'binary-cross-entropy' | 'softmax-cross-entropy' | 'masked-softmax-cross-entropy';
/** The headline metrics a task can name: `accuracy` and `return` are maximised, `mse` and `objective` minimised, `r2` maximised. */
export type MetricId = 'accuracy' | 'mse' | 'r2' | 'return' | 'objective';

/** Whether a higher (`'max'`: accuracy, r2, return) or lower (`'min'`: mse, objective) value of a headline metric is better. */
export const metricDirection = (metric: MetricId): 'max' | 'min' => (metric === 'mse' || metric === 'objective' ? 'min' : 'max');

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
  /**
   * The network every fixed-topology trainer should use on this task unless the experiment
   * overrides it (see `withRecommendedModel`), so that a comparison varies only the strategy.
   * Absent where the task has no natural one (objective functions: the parameters are the point).
   */
  recommendedModel?: RecommendedModel;
  /**
   * How to rebuild this task elsewhere (a worker thread, another machine): JSON-able data that a
   * trainer evaluating on workers sends instead of the data, and that its task factory turns back
   * into the same task. Tasks from `@evoprop/tasks` carry their `TaskSpec` (`{ id, seed, options }`,
   * read by `createTaskFromSpec`); a task without one is evaluated in-process only.
   */
  spec?: Readonly<Record<string, unknown>>;
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
  /** True when the episode ended (`terminated || truncated`); call `reset` before stepping again. */
  done: boolean;
  /** The episode reached a terminal state of the task (a pole fell, the cart left the track): nothing follows it. */
  terminated: boolean;
  /**
   * The episode was cut short by a limit outside the task's dynamics (the step cap), not by a
   * terminal state: the state after it still has a value (policy-gradient methods bootstrap it).
   */
  truncated: boolean;
}>;

/** A control environment. Episodes are seeded by `reset(seed)` so every trainer faces the same starts. */
export type Environment = {
  /** Start an episode from the start state that `seed` picks; returns the first observation. */
  reset(seed: number): Float32Array;
  /** A discrete action index, or a continuous action vector. */
  step(action: number | Float32Array): StepResult;
};

/**
 * What a {@link VectorEnvironment} returns after a step: one row (or entry) per environment.
 * Environments that were not stepped keep their observation and get reward 0 and both flags false.
 */
export type VectorStepResult = Readonly<{
  /** Observations after the step, `count × observationSize`, row-major. */
  observations: Float32Array;
  /** Reward of each environment for this step. */
  rewards: Float64Array;
  /** 1 where the episode reached a terminal state at this step (as `StepResult.terminated`). */
  terminated: Uint8Array;
  /** 1 where the episode was cut by the step cap at this step (as `StepResult.truncated`). */
  truncated: Uint8Array;
  /**
   * The full state of environment `env` after this step, where the environment reports one
   * (double pole's `state`, for Gruau's damping fitness); computed on request, a fresh array.
   */
  stateOf?: (env: number) => Float32Array | undefined;
}>;

/**
 * `count` copies of an environment stepped together, as Stable-Baselines3's vectorised
 * environments are: the unit of a rollout. Episodes do not restart on their own; `step` steps
 * only the environments marked active, so environments whose episode ended wait for `reset`.
 */
export type VectorEnvironment = {
  /** Number of environments. */
  readonly count: number;
  /** Starts environment i's episode from `seeds[i]`, for every i; returns the observations, `count × observationSize`. */
  reset(seeds: ArrayLike<number>): Float32Array;
  /**
   * One step of every environment i with `active[i] === 1`, with action row i of `actions`
   * (`count × 1` action indices for discrete tasks, `count × actionSize` values for continuous ones).
   * The result's arrays may be reused by the next `step` or `reset`: copy what must outlive it.
   */
  step(actions: Float32Array, active: Uint8Array): VectorStepResult;
  /**
   * Starts a new episode from `seeds[i]` only in the environments i with `which[i] === 1`; the
   * others keep their state. Returns the observations (`count × observationSize`), the same
   * buffer `step` fills. Optional: rollouts that restart episodes as they end (policy-gradient
   * collection) fall back to one environment per copy without it.
   */
  resetWhere?(seeds: ArrayLike<number>, which: Uint8Array): Float32Array;
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
    /**
     * `count` environments stepped together, their state one typed array per state variable.
     * Optional: without it, {@link vectorEnvironment} steps `count` environments of `createEnvironment`.
     */
    createVectorEnvironment?(count: number): VectorEnvironment;
    /** Fitness of a whole episode when it is not the plain sum of rewards (e.g. Gruau's damping fitness). */
    episodeFitness?: (steps: number, returnSum: number, history: readonly Float32Array[]) => number;
    /**
     * What an episode *did*, as a vector (a maze robot's final position, say): the behaviour
     * characterisation novelty search (Lehman & Stanley 2011) measures distances between.
     * Optional; called with the same arguments as `episodeFitness`.
     */
    episodeBehaviour?: (steps: number, returnSum: number, history: readonly Float32Array[]) => readonly number[];
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
    /** Initial step size σ₀ of a search around `initialPoint` (CMA-ES's σ₀): the `sigma` a strategy's config starts from. */
    sigma?: number;
    /** @deprecated The old name of `sigma`; readers take `sigma ?? initialSigma`, and the built-in tasks set both. */
    initialSigma?: number;
  }>;

/** Anything a trainer can be fitted on, told apart by `kind`. */
export type Task = SupervisedTask | ControlTask | ObjectiveTask;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
const isCount = (v: unknown, min = 1): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min;
const show = (v: unknown): string => {
  if (v === undefined) return 'undefined (missing)';
  if (typeof v === 'function') return 'a function';
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return String(v);
  }
};
const isTensor = (v: unknown): v is Tensor =>
  isObject(v) && Array.isArray(v.shape) && v.data instanceof Float32Array && (v.shape as unknown[]).every((d) => isCount(d, 0));

function checkSplit(task: SupervisedTask, name: 'train' | 'validation' | 'test', at: string): void {
  const split: unknown = task[name];
  if (!isObject(split)) throw new ConfigError(`${at}.${name}`, 'a split { x, y } of tensors', show(split));
  for (const key of ['x', 'y'] as const) {
    if (!isTensor(split[key])) throw new ConfigError(`${at}.${name}.${key}`, 'a Tensor', show(split[key]));
  }
  const { x, y } = split as Split;
  const n = x.shape[0];
  // Validation and test splits may be empty (a task without held-out data); training needs data.
  if (n === undefined || (name === 'train' && n < 1))
    throw new ConfigError(`${at}.${name}.x`, name === 'train' ? 'at least one sample' : 'a batch axis', `shape ${fmtShape(x.shape)}`);
  const sample = x.shape.slice(1);
  if (sample.length !== task.inputShape.length || sample.some((d, i) => d !== task.inputShape[i])) {
    throw new ConfigError(`${at}.${name}.x`, `shape [n, ${task.inputShape.join(', ')}] (inputShape)`, fmtShape(x.shape));
  }
  if (y.shape[0] !== n) throw new ConfigError(`${at}.${name}.y`, `${n} rows, one per sample of x`, `shape ${fmtShape(y.shape)}`);
  if (task.problem === 'classification') {
    for (let i = 0; i < y.size; i++) {
      const label = y.data[i] as number;
      if (!(Number.isInteger(label) && label >= 0 && label < task.outputSize)) {
        throw new ConfigError(
          `${at}.${name}.y`,
          `class indices in 0..${task.outputSize - 1} (outputSize ${task.outputSize})`,
          `${label} at index ${i}`,
        );
      }
    }
  } else {
    const last = y.shape.length === 1 ? 1 : y.shape[y.shape.length - 1];
    if (last !== task.outputSize)
      throw new ConfigError(`${at}.${name}.y`, `regression targets [n, ${task.outputSize}] (outputSize)`, `shape ${fmtShape(y.shape)}`);
  }
}

/**
 * Throw a {@link ConfigError} naming the field unless `task` is a well-formed task of its
 * kind: a supervised task with train (non-empty), validation and test splits whose inputs match
 * `inputShape` and whose targets match `problem` and `outputSize` (class indices in
 * range); a control task with positive sizes and an environment factory; an objective
 * with a dimension and a function. Hand-built tasks are where these go wrong; every
 * trainer calls this (through `validateFitRequest`) before it starts.
 */
export function validateTask(task: Task, where = 'fit'): void {
  const at = `${where} task`;
  if (!isObject(task)) throw new ConfigError(at, 'a task object', show(task));
  const t = task as Record<string, unknown>;
  if (t.kind === 'supervised') {
    const s = task as SupervisedTask;
    if (!Array.isArray(s.inputShape) || s.inputShape.length === 0 || !s.inputShape.every((d) => isCount(d)))
      throw new ConfigError(`${at}.inputShape`, 'a non-empty array of positive integers', show(s.inputShape));
    if (!isCount(s.outputSize)) throw new ConfigError(`${at}.outputSize`, 'a positive integer', show(s.outputSize));
    if (s.problem !== 'classification' && s.problem !== 'regression')
      throw new ConfigError(`${at}.problem`, "'classification' or 'regression'", show(s.problem));
    for (const name of ['train', 'validation', 'test'] as const) checkSplit(s, name, at);
    return;
  }
  if (t.kind === 'control') {
    for (const key of ['observationSize', 'actionSize', 'maxSteps'] as const)
      if (!isCount(t[key])) throw new ConfigError(`${at}.${key}`, 'a positive integer', show(t[key]));
    if (t.actionKind !== 'discrete' && t.actionKind !== 'continuous')
      throw new ConfigError(`${at}.actionKind`, "'discrete' or 'continuous'", show(t.actionKind));
    if (typeof t.createEnvironment !== 'function')
      throw new ConfigError(`${at}.createEnvironment`, 'a function returning an environment', show(t.createEnvironment));
    if (t.createVectorEnvironment !== undefined && typeof t.createVectorEnvironment !== 'function')
      throw new ConfigError(
        `${at}.createVectorEnvironment`,
        'a function (count) => VectorEnvironment, or none',
        show(t.createVectorEnvironment),
      );
    return;
  }
  if (t.kind === 'objective') {
    if (!isCount(t.dimension)) throw new ConfigError(`${at}.dimension`, 'a positive integer', show(t.dimension));
    if (typeof t.evaluate !== 'function') throw new ConfigError(`${at}.evaluate`, 'a function of a parameter vector', show(t.evaluate));
    const p = t.initialPoint;
    if (p !== undefined && !((p instanceof Float64Array || p instanceof Float32Array) && p.length === t.dimension))
      throw new ConfigError(`${at}.initialPoint`, `a Float64Array of length ${t.dimension} (dimension)`, show(p));
    return;
  }
  throw new ConfigError(`${at}.kind`, "'supervised', 'control' or 'objective'", show(t.kind));
}

const shapeOf = (v: unknown): readonly number[] | undefined =>
  Array.isArray(v) && v.every((d) => typeof d === 'number') ? (v as number[]) : undefined;
const sameShape = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * Throw a {@link ConfigError} when `model` cannot be trained on `task`: an objective's
 * parameter vector of another length than `dimension`; and, for models that declare
 * their shapes (`inputShape` and `outputShape`, as every sequential and `defineModel`
 * model does), an input shape other than the task's `inputShape` (or `[observationSize]`)
 * or a last output dimension other than `outputSize` (or `actionSize`). Without this a
 * 3-output model trains on a 2-class task silently, at chance. Models that declare no
 * shapes are not checked here; their first forward pass checks them.
 */
export function validateModelForTask(model: Model, task: Task, where = 'fit'): void {
  const at = `${where} model`;
  if (task.kind === 'objective') {
    if (model.params.size !== task.dimension)
      throw new ConfigError(`${at} parameters`, `${task.dimension} (the dimension of objective '${task.id}')`, `${model.params.size}`);
    return;
  }
  const m = model as unknown as Record<string, unknown>;
  const inputShape = shapeOf(m.inputShape);
  const outputShape = shapeOf(m.outputShape);
  const wantInput = task.kind === 'supervised' ? task.inputShape : [task.observationSize];
  const wantOutput = task.kind === 'supervised' ? task.outputSize : task.actionSize;
  const what = task.kind === 'supervised' ? (task.problem === 'classification' ? 'classes' : 'outputs') : 'actions';
  if (inputShape !== undefined && !sameShape(inputShape, wantInput))
    throw new ConfigError(`${at} inputShape`, `${fmtShape(wantInput)} (task '${task.id}')`, fmtShape(inputShape));
  if (outputShape !== undefined && outputShape[outputShape.length - 1] !== wantOutput) {
    throw new ConfigError(
      `${at} output size`,
      `${wantOutput} (the ${what} of task '${task.id}')`,
      `${outputShape[outputShape.length - 1]} (output shape ${fmtShape(outputShape)})`,
    );
  }
}
