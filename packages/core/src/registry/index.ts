// @evoprop/core/registry: explicit registries of trainers and tasks, how the arena, workers and plugins find them.
export {
  createRegistry,
  createTrainer,
  createTaskFrom,
  defineTrainer,
  defineTask,
  type Registry,
  type RegistryEntry,
  type TrainerDefinition,
  type TaskDefinition,
} from './registry.js';
