/**
 * Search spaces for hyperparameter tuning: every trainer's registry entry declares the ranges of
 * its important hyperparameters, so a tuner can give every strategy the same number of tries
 * (issue 20, after Schmidt, Schneider & Hennig 2021, "Descending through a Crowded Valley": each
 * optimizer tuned with the same budget before it is compared).
 */
import type { Rng } from '@evoprop/tensor';
import { z } from 'zod';
import { parseConfig } from '../config/parse-config.js';
import { renameDeprecatedKeys } from '../config/deprecated-keys.js';
import { ConfigError } from '../errors.js';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One hyperparameter's range: log-uniform (`'log'`, rates and scales), uniform (`'linear'`), or one of listed values (`'choice'`). */
export const searchDimensionSchema = z
  .discriminatedUnion('scale', [
    z.strictObject({
      /** Log-uniform between `low` and `high`, both > 0: for rates, step sizes and population sizes. */
      scale: z.literal('log'),
      /** Smallest value, > 0. */
      low: z.number().positive(),
      /** Largest value, > low. */
      high: z.number().positive(),
      /** Round to an integer (population sizes, batch sizes). Default false. */
      integer: z.boolean().default(false),
    }),
    z.strictObject({
      /** Uniform between `low` and `high`: for probabilities, momenta, thresholds. */
      scale: z.literal('linear'),
      /** Smallest value. */
      low: z.number().finite(),
      /** Largest value, > low. */
      high: z.number().finite(),
      /** Round to an integer. Default false. */
      integer: z.boolean().default(false),
    }),
    z.strictObject({
      /** One of `values`, each as likely. */
      scale: z.literal('choice'),
      /** The values (strings, numbers, booleans, null); at least one. */
      values: z.array(scalar).min(1),
    }),
  ])
  .superRefine((d, ctx) => {
    if (d.scale !== 'choice' && !(d.low < d.high))
      ctx.addIssue({ code: 'custom', message: `low < high (got low ${d.low}, high ${d.high})` });
  });
/** A parsed {@link searchDimensionSchema}. */
export type SearchDimension = z.output<typeof searchDimensionSchema>;

/**
 * A trainer's search space: ranges by config path (`'optimizer.learningRate'`, `'strategyConfig.sigma'`),
 * dots separating nested keys. Paths name keys of the trainer's config; a sampled point is merged
 * into the experiment's config (see {@link applySearchPoint}).
 */
export const searchSpaceSchema = z.record(z.string().regex(/^[A-Za-z][\w]*(\.[A-Za-z][\w]*)*$/), searchDimensionSchema);
/** A parsed {@link searchSpaceSchema}. */
export type SearchSpace = Readonly<Record<string, SearchDimension>>;
/** What a definition writes as its search space (`integer` may be left out; `as const` objects are accepted). */
export type SearchSpaceInput = Readonly<Record<string, SearchRangeInput | SearchChoiceInput>>;

/** A numeric range of a {@link SearchSpaceInput}. */
export type SearchRangeInput = Readonly<{
  /** `'log'`: log-uniform (low > 0); `'linear'`: uniform. */
  scale: 'log' | 'linear';
  /** Smallest value. */
  low: number;
  /** Largest value, > low. */
  high: number;
  /** Round to an integer. Default false. */
  integer?: boolean;
}>;

/** A list of values of a {@link SearchSpaceInput}, each as likely. */
export type SearchChoiceInput = Readonly<{
  /** Always `'choice'`. */
  scale: 'choice';
  /** The values; at least one. */
  values: readonly (string | number | boolean | null)[];
}>;
/** One point of a search space: a value per path. */
export type SearchPoint = Readonly<Record<string, string | number | boolean | null>>;

/** Parse a search space with core's config parser (names the path, what was expected and what was found). */
export const parseSearchSpace = (input: unknown, where = 'search space'): SearchSpace => parseConfig(searchSpaceSchema, input, where);

/** Round to 4 significant digits so configs read well in reports and stay JSON-exact. */
const tidy = (v: number): number => Number(v.toPrecision(4));

/** One value of a dimension from `rng`. */
function sampleDimension(d: SearchDimension, rng: Rng): string | number | boolean | null {
  if (d.scale === 'choice') return d.values[rng.int(0, d.values.length)] as string | number | boolean | null;
  const u = rng.uniform();
  const v = d.scale === 'log' ? Math.exp(Math.log(d.low) + u * (Math.log(d.high) - Math.log(d.low))) : d.low + u * (d.high - d.low);
  return d.integer ? Math.min(Math.max(Math.round(v), Math.ceil(d.low)), Math.floor(d.high)) : tidy(v);
}

/** A random point of the space, paths in sorted order so the same rng gives the same point whatever order the space was written in. */
export function sampleSearchSpace(space: SearchSpace, rng: Rng): SearchPoint {
  const point: Record<string, string | number | boolean | null> = {};
  for (const path of Object.keys(space).sort()) point[path] = sampleDimension(space[path] as SearchDimension, rng.fork(path));
  return point;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `base` (an experiment's config overrides) with the point's values written at their paths. A
 * nested section the base leaves out is first copied from `defaults` (the schema-parsed base), so
 * a value such as `optimizer.learningRate` lands in a complete section that still names its
 * optimizer; everything else the base leaves out stays out (the task's recommended network still applies).
 */
export function applySearchPoint(
  base: Readonly<Record<string, unknown>>,
  point: SearchPoint,
  defaults: Readonly<Record<string, unknown>> = {},
): Readonly<Record<string, unknown>> {
  const out: Record<string, unknown> = structuredClone(base) as Record<string, unknown>;
  for (const [path, value] of Object.entries(point)) {
    const keys = path.split('.');
    let into = out;
    let from: unknown = defaults;
    for (const key of keys.slice(0, -1)) {
      from = isRecord(from) ? from[key] : undefined;
      if (!isRecord(into[key])) into[key] = isRecord(from) ? structuredClone(from) : {};
      into = into[key] as Record<string, unknown>;
    }
    into[keys.at(-1) as string] = value;
  }
  return out;
}

/** The points a space's check tries: every dimension at its low and high end (or each choice), the others at their low end. */
function cornerPoints(space: SearchSpace): SearchPoint[] {
  const ends = (d: SearchDimension): readonly (string | number | boolean | null)[] =>
    d.scale === 'choice' ? d.values : [d.integer ? Math.ceil(d.low) : d.low, d.integer ? Math.floor(d.high) : d.high];
  const low = Object.fromEntries(Object.entries(space).map(([p, d]) => [p, ends(d)[0] ?? null]));
  return Object.entries(space).flatMap(([path, d]) => ends(d).map((v) => ({ ...low, [path]: v })));
}

/**
 * Check that every end of every range of `space` is a valid config of `configSchema` (merged into
 * `base`), with core's config parser: a range that reaches past what the trainer accepts, or a path
 * it does not have, fails here with the path named rather than in the middle of a tuning run.
 *
 * @throws {@link ConfigError} naming the search space, the path and the config problem.
 */
export function checkSearchSpace(
  space: SearchSpaceInput,
  configSchema: z.ZodType,
  where: string,
  options: Readonly<{
    /** The experiment's config the points are merged into. Default `{}`. */
    base?: Readonly<Record<string, unknown>>;
    /** Schemas of config keys the config schema leaves free-form (an evolution trainer's `strategyConfig`), checked too. */
    nested?: Readonly<Record<string, z.ZodType>>;
  }> = {},
): SearchSpace {
  const base = options.base ?? {};
  const parsed = parseSearchSpace(space, `${where} search space`);
  const defaults = parseConfig(configSchema, base, `${where} config`) as Record<string, unknown>;
  for (const point of cornerPoints(parsed)) {
    const config = applySearchPoint(base, point, defaults);
    // A deprecated name would still parse (with a warning on every trial): the space must use the current one.
    const deprecated = [
      ...renameDeprecatedKeys(configSchema, config).uses,
      ...Object.entries(options.nested ?? {}).flatMap(([key, schema]) =>
        renameDeprecatedKeys(schema, config[key] ?? {}).uses.map((u) => ({ ...u, path: [key, ...u.path] })),
      ),
    ];
    for (const u of deprecated) {
      const path = u.path.map(String).join('.');
      if (Object.hasOwn(parsed, path)) {
        const current = [...u.path.slice(0, -1).map(String), u.to].join('.');
        throw new ConfigError(`${where} search space`, `the current key '${current}'`, `the deprecated '${path}'`);
      }
    }
    try {
      parseConfig(configSchema, config, `${where} config`);
      for (const [key, schema] of Object.entries(options.nested ?? {})) parseConfig(schema, config[key] ?? {}, `${where} config.${key}`);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      throw new ConfigError(`${where} search space`, 'ranges inside what the trainer accepts', `${JSON.stringify(point)}: ${e.message}`);
    }
  }
  return parsed;
}
