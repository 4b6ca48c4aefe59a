import type { RecommendedModel } from '@evoprop/core/config';
import type { z } from 'zod';
import type { BuiltTask } from '../spec.js';

/** `'supervised'`, `'control'` or `'objective'`. */
export type TaskKind = BuiltTask['kind'];
/** A task definition's id and description, passed to its builder. */
export type TaskMeta = Readonly<{
  /** Registry id, e.g. `'spirals'`. */
  id: string;
  /** One line saying what the task is. */
  description: string;
}>;

/** What a builder returns; the definition adds the `spec`. */
export type TaskBuild = BuiltTask extends infer T ? (T extends BuiltTask ? Omit<T, 'spec'> : never) : never;

/**
 * One registry entry: id, kind, a one-line description, a strict zod schema for the options and
 * `create(seed, parsedOptions)`. The shape matches `@evoprop/core`'s task definitions, so these
 * entries can also go into a core registry.
 */
export type BuiltinTaskDefinition<S extends z.ZodType = z.ZodType> = Readonly<{
  /** Registry id, e.g. `'spirals'`. */
  id: string;
  /** The kind of task it builds. */
  kind: TaskKind;
  /** One line saying what the task is. */
  description: string;
  /** Strict zod schema of the JSON options (defaults filled in by parsing). */
  optionsSchema: S;
  /** The network fixed-topology trainers should use (see core's `RecommendedModel`), for the parsed options; absent: none. */
  recommendedModel?: (options: z.output<S>) => RecommendedModel;
  /** Build from already-parsed options (use `createTask` to parse plain JSON). */
  create: (seed: number, options: z.output<S>) => BuiltTask;
}>;

/** What {@link defineBuiltinTask} takes. */
export type TaskDefinitionInput<S extends z.ZodType> = Readonly<{
  /** Registry id, e.g. `'spirals'`. */
  id: string;
  /** The kind of task it builds. */
  kind: TaskKind;
  /** One line saying what the task is. */
  description: string;
  /** Strict zod schema of the JSON options; document each key (it shows in `describeTasks`). */
  options: S;
  /**
   * The network every fixed-topology trainer should use on this task (hidden widths and their
   * activation; a function when it depends on the options). Copied onto every built task as
   * `recommendedModel`. Leave it out where no MLP is natural (objective functions).
   */
  recommendedModel?: RecommendedModel | ((options: z.output<S>) => RecommendedModel);
  /** Builds the task; `meta` carries this entry's id and description. */
  build: (seed: number, options: z.output<S>, meta: TaskMeta) => TaskBuild;
}>;

/** A task definition whose `create` attaches the JSON spec `{ id, seed, options }` to every task it builds. */
export function defineBuiltinTask<S extends z.ZodType>(input: TaskDefinitionInput<S>): BuiltinTaskDefinition<S> {
  const meta: TaskMeta = { id: input.id, description: input.description };
  const given = input.recommendedModel;
  const recommendedModel =
    given === undefined ? undefined : typeof given === 'function' ? given : (_: z.output<S>): RecommendedModel => given;
  return {
    id: input.id,
    kind: input.kind,
    description: input.description,
    optionsSchema: input.options,
    ...(recommendedModel !== undefined ? { recommendedModel } : {}),
    create: (seed, options) =>
      ({
        ...input.build(seed, options, meta),
        ...(recommendedModel !== undefined ? { recommendedModel: recommendedModel(options) } : {}),
        spec: { id: input.id, seed, options: options as Readonly<Record<string, unknown>> },
      }) as BuiltTask,
  };
}

/** @deprecated Use {@link defineBuiltinTask} (`defineTask` is `@evoprop/core/registry`'s, for plugins). */
export const defineTask = defineBuiltinTask;
/** @deprecated Use {@link BuiltinTaskDefinition} (`TaskDefinition` is `@evoprop/core/registry`'s). */
export type TaskDefinition<S extends z.ZodType = z.ZodType> = BuiltinTaskDefinition<S>;
