import type { z } from 'zod';
import type { BuiltTask } from '../spec.js';

export type TaskKind = BuiltTask['kind'];
export type TaskMeta = Readonly<{ id: string; description: string }>;

/** What a builder returns; `createTask` adds the `spec`. */
export type TaskBuild = BuiltTask extends infer T ? (T extends BuiltTask ? Omit<T, 'spec'> : never) : never;

/** One registry entry: id, kind, a strict zod schema for the options, a one-line description and the builder. */
export type TaskDefinition<S extends z.ZodType = z.ZodType> = Readonly<{
  id: string;
  kind: TaskKind;
  description: string;
  options: S;
  /** Builds the task; `meta` carries this entry's id and description. */
  build: (seed: number, options: z.output<S>, meta: TaskMeta) => TaskBuild;
}>;

/** Identity, for inference: `defineTask({ id: 'spirals', options: z.strictObject({...}), build })`. */
export const defineTask = <S extends z.ZodType>(definition: TaskDefinition<S>): TaskDefinition<S> => definition;
