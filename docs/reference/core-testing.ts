/**
 * The trainer conformance suite, reference tasks and reference trainers (`@evoprop/core/testing`).
 *
 * @module @evoprop/core/testing
 */
export * from '@evoprop/core/testing';
