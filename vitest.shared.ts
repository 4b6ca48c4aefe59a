import { defineConfig } from 'vitest/config';

/** Tests run against `src/` through the `@evoprop/source` export condition, so no build is needed first. */
export default defineConfig({
  resolve: { conditions: ['@evoprop/source'] },
  ssr: { resolve: { conditions: ['@evoprop/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    // Packages still being written have no tests yet; an empty suite is not a failure.
    passWithNoTests: true,
  },
});
