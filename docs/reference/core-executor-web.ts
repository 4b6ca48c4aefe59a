/**
 * The Web Worker executor (`@evoprop/core/executor-web`; browser-safe, no `node:` imports) and
 * the worker side that serves it.
 *
 * @module @evoprop/core/executor-web
 */
export * from '@evoprop/core/executor-web';
