import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

/** One long suite: build, pack, `npm install` the tarballs from a fresh project, import them. */
export default mergeConfig(
  shared,
  defineConfig({
    test: {
      include: ['src/**/*.test.ts'],
      testTimeout: 300_000,
      hookTimeout: 300_000,
    },
  }),
);
