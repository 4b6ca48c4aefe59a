import type { Task } from '@evoprop/core';
import { z } from 'zod';

/** Where a worker finds a function that rebuilds a task from its spec. */
export type TaskFactoryRef = Readonly<{
  /** Module specifier to import (a package name or a file URL). */
  module: string;
  /** Name of the export: a function `(spec) => Task`. */
  export: string;
}>;

/**
 * Config schema of a {@link TaskFactoryRef}, shared by the evolution and NEAT trainers' `taskFactory`
 * option. Default `@evoprop/tasks`' `createTaskFromSpec`.
 */
export const taskFactorySchema = z
  .strictObject({
    /** Module specifier the workers import (a package name or a file URL). */
    module: z.string(),
    /** Name of the exported function `(spec) => Task` in that module. */
    export: z.string(),
  })
  .default({ module: '@evoprop/tasks', export: 'createTaskFromSpec' });

/** The task `factory` builds from `spec`, in a worker thread; `who` names the caller in errors. */
export async function rebuildTask(factory: TaskFactoryRef, spec: unknown, who: string): Promise<Task> {
  const mod = (await import(factory.module)) as Record<string, unknown>;
  const fn = mod[factory.export];
  if (typeof fn !== 'function') {
    throw new Error(`${who}: expected '${factory.export}' to be a function exported by ${factory.module}, got ${typeof fn}`);
  }
  return (await (fn as (s: unknown) => Task | Promise<Task>)(spec)) as Task;
}
