import { z } from 'zod';

/** Options every generated supervised set shares: size and how it is cut into splits. */
export const splitOptions = {
  /** Total samples before the split. */
  samples: z.int().min(3).max(1_000_000).meta({ unit: 'samples' }),
  /** Fraction of the samples held out for validation, in [0, 0.9]. Default 0.2. */
  validationFraction: z.number().min(0).max(0.9).default(0.2).meta({ unit: 'fraction of samples' }),
  /** Fraction of the samples held out for the final test, in [0, 0.9]. Default 0.2. */
  testFraction: z.number().min(0).max(0.9).default(0.2).meta({ unit: 'fraction of samples' }),
};

/** Noise level: a finite, non-negative number (a standard deviation, in `unit`: the inputs' or the targets' units). */
export const noiseOption = (fallback: number, unit = 'input units') => z.number().min(0).max(100).default(fallback).meta({ unit });
