export { TaskError, UnknownTaskError, TaskOptionsError, DatasetError, EnvironmentError } from './errors.js';
export type { TaskSpec, TaskExtras, BuiltTask, BuiltSupervisedTask, BuiltControlTask, BuiltObjectiveTask } from './spec.js';
export {
  tasks,
  taskIds,
  type TaskId,
  type TaskOptions,
  createTask,
  createTaskFromSpec,
  createSupervisedTask,
  createControlTask,
  createObjectiveTask,
  describeTasks,
  parseTaskOptions,
} from './registry/registry.js';
export { defineTask, type TaskDefinition, type TaskKind, type TaskMeta } from './registry/define.js';
export { type Dataset, type SplitIndices, takeRows, makeSplit, splitIndices, splitDataset } from './supervised/dataset.js';
export { xorQuadrants, twoSpirals, circles, moons, gaussianBlobs } from './toy/two-d.js';
export { parityTable } from './toy/boolean.js';
export { franke } from './toy/regression.js';
