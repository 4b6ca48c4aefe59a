import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

/** The fast figures spawn their benches as child processes: about 30 s on two idle cores, minutes on loaded ones. */
export default mergeConfig(
  shared,
  defineConfig({
    test: {
      include: ['src/**/*.test.ts'],
      testTimeout: 1_200_000,
    },
  }),
);
