import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

/** Building the page and racing in Chromium takes a while on a busy two-core machine. */
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 600_000, hookTimeout: 300_000 } }));
