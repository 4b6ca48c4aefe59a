import type { Task } from '@evoprop/core';
import { createTask, tasks } from '@evoprop/tasks';
import type { Catalog, TaskEntry, TrainerEntry } from './catalog.js';
import { catalogOf } from './catalog.js';

/** Every task of @evoprop/tasks' registry. */
function taskEntries(): TaskEntry[] {
  return Object.values(tasks).map((d) => ({
    id: d.id,
    description: d.description,
    optionsSchema: d.options,
    create: (seed: number, options: Readonly<Record<string, unknown>>): Task => createTask(d.id, seed, options),
  }));
}

/** The trainers of the evoprop packages' registries. */
function trainerEntries(): { entries: TrainerEntry[]; notes: string[] } {
  return { entries: [], notes: ['no trainer registry is wired yet'] };
}

/** The tasks and trainers shipped by the evoprop packages. */
export async function createDefaultCatalog(): Promise<Catalog> {
  const t = trainerEntries();
  return catalogOf(t.entries, taskEntries(), t.notes);
}
