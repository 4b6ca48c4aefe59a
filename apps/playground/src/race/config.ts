/**
 * A race's whole configuration and its query-string form: the URL is the state, so a link
 * reproduces a race exactly (same data, same seeds, same budgets, hence the same numbers).
 */

/** The 2-D data sets of the playground (ids of `@evoprop/tasks`). */
export const datasets = ['circles', 'xor-quadrants', 'blobs', 'spirals', 'moons'] as const;
/** One of {@link datasets}. */
export type DatasetId = (typeof datasets)[number];

/** Activations offered for the hidden layers. */
export const activations = ['tanh', 'relu', 'sigmoid', 'elu', 'gelu'] as const;
/** One of {@link activations}. */
export type ActivationId = (typeof activations)[number];

/**
 * Kernel sets a race can compute on. `webgpu` asks the browser for a GPU; where none answers, or
 * where the trainers cannot use it yet, the race runs on `wasm` and the page says why.
 */
export const kernelSets = ['wasm', 'js', 'webgpu'] as const;
/** One of {@link kernelSets}. */
export type KernelSetId = (typeof kernelSets)[number];

/** The strategies a race can include (at most six at once). */
export const strategyIds = ['adam', 'sgd', 'cma-es', 'openai-es', 'ga', 'neat', 'memetic'] as const;
/** One of {@link strategyIds}. */
export type StrategyId = (typeof strategyIds)[number];

/** Everything a race depends on. */
export type RaceConfig = Readonly<{
  /** Which data set. */
  dataset: DatasetId;
  /** Its noise level (the task's own scale; 0 to 0.5 here). */
  noise: number;
  /** Points before the split, 50 to 2000. */
  samples: number;
  /** Fraction of the points held out for testing, 0.1 to 0.9. */
  testRatio: number;
  /** Hidden layer widths (0 to 4 layers of 1 to 32 units); NEAT grows its own. */
  hidden: readonly number[];
  /** Hidden activation. */
  activation: ActivationId;
  /** The racing strategies, 1 to 6, distinct. */
  strategies: readonly StrategyId[];
  /** The seed of the data and of every strategy. */
  seed: number;
  /** Each strategy's FLOP budget. */
  flops: number;
  /** Test accuracy that counts as reaching the target. */
  target: number;
  /** The kernel set asked for (the one used is reported per strategy). */
  kernels: KernelSetId;
}>;

/** The race the page opens with. */
export const defaultConfig: RaceConfig = {
  dataset: 'circles',
  noise: 0,
  samples: 300,
  testRatio: 0.3,
  hidden: [6],
  activation: 'tanh',
  strategies: ['adam', 'cma-es', 'neat', 'memetic'],
  seed: 1,
  flops: 1e8,
  target: 0.9,
  kernels: 'wasm',
};

/** A query-string value that does not make sense, named with what was expected. */
export class ConfigParamError extends Error {
  /** The class name. */
  override name = 'ConfigParamError';
}

const number = (params: URLSearchParams, key: string, min: number, max: number, integer: boolean, fallback: number): number => {
  const raw = params.get(key);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value)))
    throw new ConfigParamError(`${key}: expected ${integer ? 'an integer' : 'a number'} in [${min}, ${max}], got '${raw}'`);
  return value;
};

const oneOf = <T extends string>(params: URLSearchParams, key: string, options: readonly T[], fallback: T): T => {
  const raw = params.get(key);
  if (raw === null) return fallback;
  if (!(options as readonly string[]).includes(raw))
    throw new ConfigParamError(`${key}: expected one of ${options.join(', ')}, got '${raw}'`);
  return raw as T;
};

const list = (params: URLSearchParams, key: string): string[] | null => {
  const raw = params.get(key);
  return raw === null ? null : raw === '' ? [] : raw.split(',');
};

/** The race a query string describes (missing keys take the defaults); a bad value is a {@link ConfigParamError}. */
export function parseConfig(query: string): RaceConfig {
  const params = new URLSearchParams(query);
  const d = defaultConfig;
  const hiddenRaw = list(params, 'hidden');
  const hidden =
    hiddenRaw === null
      ? d.hidden
      : hiddenRaw.map((w) => {
          const width = Number(w);
          if (!Number.isInteger(width) || width < 1 || width > 32)
            throw new ConfigParamError(`hidden: expected widths 1 to 32, got '${w}'`);
          return width;
        });
  if (hidden.length > 4) throw new ConfigParamError(`hidden: expected at most 4 layers, got ${hidden.length}`);
  const strategiesRaw = list(params, 'strategies');
  const strategies = strategiesRaw === null ? d.strategies : strategiesRaw;
  for (const s of strategies)
    if (!(strategyIds as readonly string[]).includes(s))
      throw new ConfigParamError(`strategies: expected ids from ${strategyIds.join(', ')}, got '${s}'`);
  if (strategies.length < 1 || strategies.length > 6 || new Set(strategies).size !== strategies.length)
    throw new ConfigParamError(`strategies: expected 1 to 6 distinct ids, got '${strategies.join(',')}'`);
  return {
    dataset: oneOf(params, 'dataset', datasets, d.dataset),
    noise: number(params, 'noise', 0, 0.5, false, d.noise),
    samples: number(params, 'samples', 50, 2000, true, d.samples),
    testRatio: number(params, 'testRatio', 0.1, 0.9, false, d.testRatio),
    hidden,
    activation: oneOf(params, 'activation', activations, d.activation),
    strategies: strategies as StrategyId[],
    seed: number(params, 'seed', 0, 2 ** 31 - 1, true, d.seed),
    flops: number(params, 'flops', 1e5, 1e10, false, d.flops),
    target: number(params, 'target', 0.5, 1, false, d.target),
    kernels: oneOf(params, 'kernels', kernelSets, d.kernels),
  };
}

/** The query string of `config` (every key written, so a link never depends on changing defaults). */
export function formatConfig(config: RaceConfig): string {
  const params = new URLSearchParams({
    dataset: config.dataset,
    noise: String(config.noise),
    samples: String(config.samples),
    testRatio: String(config.testRatio),
    hidden: config.hidden.join(','),
    activation: config.activation,
    strategies: config.strategies.join(','),
    seed: String(config.seed),
    flops: String(config.flops),
    target: String(config.target),
    kernels: config.kernels,
  });
  return params.toString();
}
