import type { z } from 'zod';
import type { MlpDefaults } from './mlp-config.js';
import { defOf, unwrap } from './schema-walk.js';

/**
 * The network a task recommends to every fixed-topology trainer: an MLP's hidden widths and their
 * activation (input and output sizes come from the task). A comparison that builds every
 * trainer's model from it varies only the training strategy (issue 20: the bare `cma-es` got
 * 2-16-2 on XOR and memetic 2-8-8-2, so the arena compared networks as much as strategies).
 */
export type RecommendedModel = MlpDefaults;

/** Where a trainer's config schema keeps its default MLP: at its top level (`hidden`), under `model`, or nowhere. */
export type ModelKeys = 'top' | 'model' | null;

const shapeOf = (schema: z.ZodType): Readonly<Record<string, z.ZodType>> | undefined => defOf(unwrap(schema)).shape;

/** Where `schema` (a trainer's config schema) takes `hidden` and `activation`, if it takes them (NEAT and objective-only trainers do not). */
export function modelKeysOf(schema: z.ZodType | undefined): ModelKeys {
  const shape = schema === undefined ? undefined : shapeOf(schema);
  if (shape === undefined) return null;
  const model = shape.model === undefined ? undefined : shapeOf(shape.model);
  const isArray = (s: z.ZodType | undefined) => s !== undefined && defOf(unwrap(s)).type === 'array';
  if (isArray(model?.hidden)) return 'model';
  return isArray(shape.hidden) ? 'top' : null;
}

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `config` with the task's recommended network filled in where the trainer's schema takes one and
 * the config leaves it unset. A `hidden` the config sets wins, and so does its `activation`
 * (with a `hidden` of its own and no activation, the trainer's default activation stays).
 *
 * @example
 * withRecommendedModel(evolutionTrainerConfigSchema, { strategy: 'cma-es' }, { hidden: [4], activation: 'tanh' });
 * // { strategy: 'cma-es', model: { hidden: [4], activation: 'tanh' } }
 */
export function withRecommendedModel(
  schema: z.ZodType | undefined,
  config: Readonly<Record<string, unknown>>,
  recommended: RecommendedModel | undefined,
): Readonly<Record<string, unknown>> {
  if (recommended === undefined) return config;
  const fill = (section: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> =>
    section.hidden !== undefined
      ? section
      : { ...section, hidden: [...recommended.hidden], activation: section.activation ?? recommended.activation };
  switch (modelKeysOf(schema)) {
    case 'top':
      return fill(config);
    case 'model':
      return { ...config, model: fill(isRecord(config.model) ? config.model : {}) };
    default:
      return config;
  }
}
