import { type Model, type Task, buildModel } from '@evoprop/core';
import type { Rng } from '@evoprop/tensor';
import { type PretrainedName, freeze, loadPretrained, replaceHead } from '@evoprop/transfer';
import type { StartModel, TaskModel } from '../experiment/experiment.js';

/** Output size a task needs from a model. */
function outputSizeOf(task: Task): number {
  if (task.kind === 'supervised') return task.outputSize;
  if (task.kind === 'control') return task.actionSize;
  throw new Error(`start model: a pretrained model cannot start an objective task ('${task.id}')`);
}

/** The starting model of a transfer run: the pretrained model, its head replaced for the task, globs frozen. */
export function startModel(start: StartModel, task: Task, rng: Rng): Model {
  let model: Model = loadPretrained(start.pretrained as PretrainedName);
  if (start.head.replace) model = replaceHead(model, { outputSize: outputSizeOf(task), rng: rng.fork('head') });
  for (const glob of start.freeze) freeze(model, glob);
  return model;
}

/** A task's own network (the experiment's `tasks[].model`): its layers stacked over the task's inputs, freshly initialised from `rng`. */
export function taskModel(model: TaskModel, task: Task, rng: Rng): Model {
  if (task.kind !== 'supervised')
    throw new Error(`task model: layers over a task's inputs need a supervised task, got '${task.id}' (${task.kind})`);
  return buildModel({ kind: 'sequential', inputShape: task.inputShape, layers: model.layers }, rng);
}
