import { Rng } from '@evoprop/tensor';
import { RegistryError, SpecError } from '../errors.js';
import type { BuildOptions, ModelKind, ModelKinds } from './kinds.js';
import type { Model, ModelSpec } from './model.js';
import { sequentialKind } from './sequential.js';
import { vectorKind } from './vector-model.js';

/** The built-in model kinds. Extend per call: `buildModel(spec, { kinds: { ...myKinds } })`. */
export const modelKinds: ModelKinds = { sequential: sequentialKind, vector: vectorKind };

/** Look a kind up in the built-ins plus `extra`, failing with the list of known kinds. */
export function modelKindFor(kind: unknown, extra: ModelKinds = {}): ModelKind {
  const kinds = { ...modelKinds, ...extra };
  const k = typeof kind === 'string' ? kinds[kind] : undefined;
  if (k === undefined) throw new RegistryError('model kind', `one of ${Object.keys(kinds).join(', ')}`, JSON.stringify(kind));
  return k;
}

/**
 * Rebuild a model from its JSON spec (from `model.spec`, a file, another thread).
 * The second argument is an Rng for initialisation, or options with one.
 *
 * @example
 * const copy = buildModel(JSON.parse(JSON.stringify(model.spec)), Rng.fromSeed(7));
 */
export function buildModel(spec: unknown, options: Rng | BuildOptions = {}): Model {
  const opts: BuildOptions = options instanceof Rng ? { rng: options } : options;
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new SpecError('buildModel', 'a model spec object with a kind', JSON.stringify(spec) ?? String(spec));
  }
  return modelKindFor((spec as { kind?: unknown }).kind, opts.kinds).build(spec as ModelSpec, opts);
}
