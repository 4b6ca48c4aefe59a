import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

/** The fast figures spawn their benches as child processes: tens of seconds on two busy cores. */
export default mergeConfig(
  shared,
  defineConfig({
    test: {
      include: ['src/**/*.test.ts'],
      testTimeout: 300_000,
    },
  }),
);
