import { z } from 'zod';
import { TaskError, TaskOptionsError, UnknownTaskError } from '../errors.js';
import type { BuiltControlTask, BuiltObjectiveTask, BuiltSupervisedTask, BuiltTask, TaskSpec } from '../spec.js';
import { blobsTask, circlesTask, moonsTask, spiralsTask, xorQuadrantsTask } from '../toy/two-d-tasks.js';
import { parityTask, xorTask } from '../toy/boolean.js';
import { frankeTask, sineTask, xSinXTask } from '../toy/regression.js';
import { irisTask } from '../supervised/iris.js';
import { mnistTask, permutedMnistTask, splitMnistTask } from '../mnist/mnist-tasks.js';
import { addingTask, copyTaskDefinition, memoryTaskDefinition } from '../sequence/sequence-tasks.js';
import { cartPoleTask } from '../control/cart-pole.js';
import { doublePoleNoVelocityTask, doublePoleTask } from '../control/double-pole.js';
import { ackleyTask, rastriginTask, rosenbrockTask, sphereTask, styblinskiTangTask } from '../objective/objective-tasks.js';
import type { TaskDefinition, TaskKind } from './define.js';

/** Every task, keyed by its id. An explicit map: nothing registers itself on import. */
export const tasks = {
  xor: xorTask,
  parity: parityTask,
  'xor-quadrants': xorQuadrantsTask,
  spirals: spiralsTask,
  circles: circlesTask,
  moons: moonsTask,
  blobs: blobsTask,
  sine: sineTask,
  'x-sin-x': xSinXTask,
  franke: frankeTask,
  iris: irisTask,
  mnist: mnistTask,
  'split-mnist': splitMnistTask,
  'permuted-mnist': permutedMnistTask,
  adding: addingTask,
  copy: copyTaskDefinition,
  memory: memoryTaskDefinition,
  'cart-pole': cartPoleTask,
  'double-pole': doublePoleTask,
  'double-pole-nv': doublePoleNoVelocityTask,
  sphere: sphereTask,
  rosenbrock: rosenbrockTask,
  rastrigin: rastriginTask,
  ackley: ackleyTask,
  'styblinski-tang': styblinskiTangTask,
} as const;

export type TaskId = keyof typeof tasks;
/** The options a task accepts (before defaults are filled in). */
export type TaskOptions<Id extends TaskId> = z.input<(typeof tasks)[Id]['optionsSchema']>;

export const taskIds = Object.keys(tasks) as TaskId[];

const lookup = (id: string): TaskDefinition | undefined =>
  Object.hasOwn(tasks, id) ? (tasks[id as TaskId] as unknown as TaskDefinition) : undefined;

/** One line per task for listings (CLI help, docs): id, kind, description and the options as JSON Schema. */
export function describeTasks(): { id: string; kind: TaskKind; description: string; options: unknown }[] {
  return taskIds.map((id) => {
    const d = lookup(id) as TaskDefinition;
    return {
      id,
      kind: d.kind,
      description: d.description,
      options: z.toJSONSchema(d.optionsSchema, { io: 'input', unrepresentable: 'any' }),
    };
  });
}

function optionKeys(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** Parse `options` with the task's strict schema, or throw a TaskOptionsError naming every problem and the valid keys. */
export function parseTaskOptions(id: string, options: unknown): Record<string, unknown> {
  const definition = lookup(id);
  if (definition === undefined) throw new UnknownTaskError(id, taskIds);
  const parsed = definition.optionsSchema.safeParse(options ?? {});
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const keys = optionKeys(definition.optionsSchema);
  const problems = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'options'}: ${issue.message}`);
  problems.push(`valid options: ${keys.length > 0 ? keys.join(', ') : '(none)'}`);
  throw new TaskOptionsError(id, problems);
}

/**
 * Build a task from its id, a seed and options. The same (id, seed, options) gives the same
 * data, splits and episodes on every machine; `task.spec` rebuilds it anywhere.
 *
 * @example
 * const task = createTask('spirals', 42, { samples: 400, noise: 0.1 });
 * task.kind; // 'supervised'
 */
export function createTask<Id extends TaskId>(id: Id, seed: number, options?: TaskOptions<Id>): BuiltTask;
export function createTask(id: string, seed: number, options?: unknown): BuiltTask;
export function createTask(id: string, seed: number, options: unknown = {}): BuiltTask {
  const definition = lookup(id);
  if (definition === undefined) throw new UnknownTaskError(id, taskIds);
  if (!Number.isSafeInteger(seed)) throw new TaskError(`createTask(${id}): expected the seed to be a safe integer, got ${seed}`);
  return definition.create(seed, parseTaskOptions(id, options));
}

/** Rebuild a task from its spec (in a worker thread, from a results file). */
export const createTaskFromSpec = (spec: TaskSpec): BuiltTask => createTask(spec.id, spec.seed, spec.options);

function expectKind<K extends TaskKind>(task: BuiltTask, kind: K): Extract<BuiltTask, { kind: K }> {
  if (task.kind !== kind) throw new TaskError(`${task.id}: expected a ${kind} task, got a ${task.kind} task`);
  return task as Extract<BuiltTask, { kind: K }>;
}

/** `createTask` for a task that must be supervised (throws otherwise). */
export const createSupervisedTask = (id: string, seed: number, options?: unknown): BuiltSupervisedTask =>
  expectKind(createTask(id, seed, options), 'supervised');
/** `createTask` for a task that must be a control task (throws otherwise). */
export const createControlTask = (id: string, seed: number, options?: unknown): BuiltControlTask =>
  expectKind(createTask(id, seed, options), 'control');
/** `createTask` for a task that must be an objective function (throws otherwise). */
export const createObjectiveTask = (id: string, seed: number, options?: unknown): BuiltObjectiveTask =>
  expectKind(createTask(id, seed, options), 'objective');
