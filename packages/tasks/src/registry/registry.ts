import { configProblems, formatPath, renameDeprecatedKeys, warnDeprecatedKey } from '@evoprop/core/config';
import { z } from 'zod';
import { TaskError, TaskOptionsError, UnknownTaskError } from '../errors.js';
import type { BuiltControlTask, BuiltObjectiveTask, BuiltSupervisedTask, BuiltTask, TaskSpec } from '../spec.js';
import { blobsTask, circlesTask, moonsTask, spiralsTask, xorQuadrantsTask } from '../toy/two-d-tasks.js';
import { parityTask, xorTask } from '../toy/boolean.js';
import { frankeTask, sineTask, xSinXTask } from '../toy/regression.js';
import { pictureTask } from '../toy/picture.js';
import { visualDiscriminationTask } from '../toy/visual-discrimination.js';
import { irisTask } from '../supervised/iris.js';
import { mnistTask, permutedMnistTask, splitMnistTask } from '../mnist/mnist-tasks.js';
import { manifoldTask, mnistAutoencoderTask, mnistDenoisingTask } from '../unsupervised/unsupervised-tasks.js';
import { addingTask, copyTaskDefinition, memoryTaskDefinition } from '../sequence/sequence-tasks.js';
import { namesTask } from '../text/names.js';
import { spamAssassinTask } from '../text/spam.js';
import { acrobotTask } from '../control/acrobot.js';
import { cartPoleTask } from '../control/cart-pole.js';
import { doublePoleNoVelocityTask, doublePoleTask } from '../control/double-pole-task.js';
import { mountainCarContinuousTask, mountainCarTask } from '../control/mountain-car.js';
import { pendulumTask } from '../control/pendulum.js';
import { ackleyTask, rastriginTask, rosenbrockTask, sphereTask, styblinskiTangTask } from '../objective/objective-tasks.js';
import {
  bbobBentCigarTask,
  bbobDifferentPowersTask,
  bbobDiscusTask,
  bbobEllipsoidRotatedTask,
  bbobEllipsoidTask,
  bbobRastriginTask,
  bbobRosenbrockTask,
  bbobSphereTask,
} from '../objective/bbob-tasks.js';
import type { BuiltinTaskDefinition, TaskKind } from './define.js';
import { arraysTaskId, fromArraysSpec } from '../user-data/from-arrays.js';

/** Every task, keyed by its id. An explicit map: nothing registers itself on import. */
export const tasks = {
  /** XOR truth table: the 4 cases of the NEAT paper; every split holds all four. */
  xor: xorTask,
  /** N-bit parity: all 2^N bit patterns, target = XOR of the bits. */
  parity: parityTask,
  /** TensorFlow Playground XOR: points in four quadrants, class = sign(x·y). */
  'xor-quadrants': xorQuadrantsTask,
  /** TensorFlow Playground two spirals: two interleaved arms of 1.75 turns. */
  spirals: spiralsTask,
  /** TensorFlow Playground circle: a disc inside a ring. */
  circles: circlesTask,
  /** Two interleaved half moons (scikit-learn's make_moons). */
  moons: moonsTask,
  /** Gaussian blobs (2 classes = the TensorFlow Playground Gaussian set). */
  blobs: blobsTask,
  /** Regression on a sine wave: y = sin(x) + N(0, noise²). */
  sine: sineTask,
  /** 1-D regression: y = x·sin(x) + N(0, noise²) for x in [0, 10]. */
  'x-sin-x': xSinXTask,
  /** 2-D regression: Franke's function + N(0, noise²) on [0, 1]². */
  franke: frankeTask,
  /** A 2-D picture to draw, pixel (x, y, d) → grey level: the CPPN task of Stanley (2007). */
  picture: pictureTask,
  /** Find the 3 × 3 box beside a 1-pixel object on an 11 × 11 retina: the HyperNEAT task of Stanley, D'Ambrosio & Gauci (2009). */
  'visual-discrimination': visualDiscriminationTask,
  /** Fisher's Iris: 4 features, 3 species, 150 samples, stratified split, standardised on the train split. */
  iris: irisTask,
  /** MNIST digits: 60k train (seeded validation split taken from it) / 10k test, flat 784 or 1×28×28 inputs. */
  mnist: mnistTask,
  /** Split-MNIST: only the chosen digits (0–4 by default; 5–9 is the second task). */
  'split-mnist': splitMnistTask,
  /** Permuted MNIST: one seeded pixel permutation applied to every image. */
  'permuted-mnist': permutedMnistTask,
  /** MNIST autoencoding (unsupervised): reconstruct the pixels; labels only for probes. */
  'mnist-autoencoder': mnistAutoencoderTask,
  /** MNIST denoising autoencoder (unsupervised): masked or noisy pixels in, the clean image out. */
  'mnist-denoising': mnistDenoisingTask,
  /** A 2-D toy manifold (unsupervised): points on a spiral arc through a 1-value code. */
  'manifold-2d': manifoldTask,
  /** Adding problem: sum of the two marked values in a sequence of value/marker pairs. */
  adding: addingTask,
  /** Copy task: remember a symbol sequence over a delay and replay it. */
  copy: copyTaskDefinition,
  /** Memory: name the symbol seen at step 0 when queried at the last step. */
  memory: memoryTaskDefinition,
  /** First names: predict each next character (stdlib name lists; padded sequences, masked loss). */
  names: namesTask,
  /** SpamAssassin spam vs ham: bags of words (TF-IDF by default) or word-id sequences; headers stripped but the subject. */
  'spam-assassin': spamAssassinTask,
  /** Cart-pole as in Gym CartPole-v1 (control). */
  'cart-pole': cartPoleTask,
  /** Double pole balancing with velocities (Markovian), NEAT-paper parameters (control). */
  'double-pole': doublePoleTask,
  /** Double pole balancing without velocities (non-Markovian), Gruau et al.'s damping fitness (control). */
  'double-pole-nv': doublePoleNoVelocityTask,
  /** Acrobot as in Gymnasium's Acrobot-v1 (control). */
  acrobot: acrobotTask,
  /** Mountain car as in Gymnasium's MountainCar-v0 (control). */
  'mountain-car': mountainCarTask,
  /** Mountain car with a continuous force, as in Gymnasium's MountainCarContinuous-v0 (control). */
  'mountain-car-continuous': mountainCarContinuousTask,
  /** Pendulum swing-up as in Gymnasium's Pendulum-v1 (control). */
  pendulum: pendulumTask,
  /** Sphere Σx² (objective): convex, separable; minimum 0 at the origin. */
  sphere: sphereTask,
  /** Rosenbrock (objective): a narrow curved valley; minimum 0 at (1, …, 1). */
  rosenbrock: rosenbrockTask,
  /** Rastrigin (objective): a grid of local minima; minimum 0 at the origin. */
  rastrigin: rastriginTask,
  /** Ackley (objective): a flat, bumpy plateau around one deep hole; minimum 0 at the origin. */
  ackley: ackleyTask,
  /** Styblinski–Tang (objective): separable, off-centre minimum ≈ −39.166·d. */
  'styblinski-tang': styblinskiTangTask,
  /** BBOB f1 sphere (objective, COCO's noiseless suite; value f − f_opt). */
  'bbob-sphere': bbobSphereTask,
  /** BBOB f2 separable ellipsoid, conditioning 10⁶ (objective). */
  'bbob-ellipsoid': bbobEllipsoidTask,
  /** BBOB f3 separable Rastrigin (objective). */
  'bbob-rastrigin': bbobRastriginTask,
  /** BBOB f8 Rosenbrock, shifted (objective). */
  'bbob-rosenbrock': bbobRosenbrockTask,
  /** BBOB f10 rotated ellipsoid, conditioning 10⁶ (objective). */
  'bbob-ellipsoid-rotated': bbobEllipsoidRotatedTask,
  /** BBOB f11 discus (objective). */
  'bbob-discus': bbobDiscusTask,
  /** BBOB f12 bent cigar (objective). */
  'bbob-bent-cigar': bbobBentCigarTask,
  /** BBOB f14 different powers (objective). */
  'bbob-different-powers': bbobDifferentPowersTask,
} as const;

/** Every built-in task id. */
export type TaskId = keyof typeof tasks;
/** The options a task accepts (before defaults are filled in). */
export type TaskOptions<Id extends TaskId> = z.input<(typeof tasks)[Id]['optionsSchema']>;

/** Every built-in task id, in registry order. */
export const taskIds = Object.keys(tasks) as TaskId[];

const lookup = (id: string): BuiltinTaskDefinition | undefined =>
  Object.hasOwn(tasks, id) ? (tasks[id as TaskId] as unknown as BuiltinTaskDefinition) : undefined;

/** One line per task for listings (CLI help, docs): id, kind, description and the options as JSON Schema. */
export function describeTasks(): {
  /** The task id. */
  id: string;
  /** The kind of task. */
  kind: TaskKind;
  /** One line saying what the task is. */
  description: string;
  /** The options as JSON Schema (input side: keys with defaults are optional). */
  options: unknown;
}[] {
  return taskIds.map((id) => {
    const d = lookup(id) as BuiltinTaskDefinition;
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
  // A deprecated option name (`initialSigma`) works as its new one, with one warning.
  const { value: given, uses } = renameDeprecatedKeys(definition.optionsSchema, options ?? {});
  for (const use of uses) warnDeprecatedKey(`task '${id}' options`, use);
  const parsed = definition.optionsSchema.safeParse(given);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const keys = optionKeys(definition.optionsSchema);
  // Core's config parser names each path, what was expected and what was found ("did you mean" for misspelt keys).
  const problems = configProblems(definition.optionsSchema, given, parsed.error.issues).map(
    (p) => `${p.path.length > 0 ? formatPath(p.path) : 'options'}: expected ${p.expected}, got ${p.actual}`,
  );
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

/** Rebuild a task from its spec (in a worker thread, from a results file); array tasks carry their data in the spec. */
export const createTaskFromSpec = (spec: TaskSpec): BuiltTask =>
  spec.id === arraysTaskId ? fromArraysSpec(spec) : createTask(spec.id, spec.seed, spec.options);

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
