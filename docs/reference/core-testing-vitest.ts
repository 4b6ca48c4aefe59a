/**
 * The conformance suite registered with vitest (`@evoprop/core/testing/vitest`; vitest is an optional peer dependency).
 *
 * @module @evoprop/core/testing/vitest
 */
export * from '@evoprop/core/testing/vitest';
