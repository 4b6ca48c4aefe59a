import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

/** One long suite: build, pack, `npm install` the tarballs from a fresh project, import them. */
export default mergeConfig(
  shared,
  defineConfig({
    test: {
      include: ['src/**/*.test.ts'],
      // Building every package dominates; on a busy two-core machine it has taken over five minutes.
      testTimeout: 600_000,
      hookTimeout: 1_200_000,
    },
  }),
);
