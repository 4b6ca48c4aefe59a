import type { Rng } from '@evoprop/tensor';
import { mean, quantile } from './summary.js';

export type BootstrapOptions = Readonly<{ resamples?: number; level?: number; statistic?: (xs: readonly number[]) => number }>;

/**
 * Percentile bootstrap confidence interval (Efron & Tibshirani 1993, An Introduction to the
 * Bootstrap, ch. 13). Seeded through `rng`, so a report is reproducible byte for byte.
 */
export function bootstrapCi(values: readonly number[], rng: Rng, options: BootstrapOptions = {}): [number, number] {
  const { resamples = 2000, level = 0.95, statistic = mean } = options;
  if (values.length === 0) return [Number.NaN, Number.NaN];
  const stats = new Array<number>(resamples);
  const sample = new Array<number>(values.length);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < values.length; i++) sample[i] = values[rng.int(0, values.length)] as number;
    stats[b] = statistic(sample);
  }
  const alpha = (1 - level) / 2;
  return [quantile(stats, alpha), quantile(stats, 1 - alpha)];
}
