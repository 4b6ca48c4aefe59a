/**
 * The trainer conformance checks, reference tasks and reference trainers (`@evoprop/core/testing`; imports no test runner).
 *
 * @module @evoprop/core/testing
 */
export * from '@evoprop/core/testing';
