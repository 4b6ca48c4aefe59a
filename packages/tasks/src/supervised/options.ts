import { z } from 'zod';

/** Options every generated supervised set shares: size and how it is cut into splits. */
export const splitOptions = {
  /** Total samples before the split. */
  samples: z.int().min(3).max(1_000_000),
  validationFraction: z.number().min(0).max(0.9).default(0.2),
  testFraction: z.number().min(0).max(0.9).default(0.2),
};

/** Noise level: a finite, non-negative number. */
export const noiseOption = (fallback: number) => z.number().min(0).max(100).default(fallback);
