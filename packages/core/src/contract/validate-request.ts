import { validateBudget } from './budget.js';
import { validateModelForTask, validateTask } from './task.js';
import type { FitRequest } from './trainer.js';

/**
 * The checks every `fit` runs before any work (`runTrainingLoop` calls it; a trainer with
 * its own loop calls it first thing): the budget can end the run ({@link validateBudget}),
 * the task is well formed ({@link validateTask}), and a given starting model fits the task
 * ({@link validateModelForTask}). Each failure is a `ConfigError` naming the key, what was
 * expected and what was found, prefixed by `trainerId`.
 *
 * @example
 * fit(request) { validateFitRequest(request, this.id); ... }
 */
export function validateFitRequest(request: FitRequest, trainerId: string): void {
  validateBudget(request.budget, trainerId);
  validateTask(request.task, trainerId);
  if (request.model !== undefined) validateModelForTask(request.model, request.task, trainerId);
}
