/**
 * Model files: a JSON spec plus weights in the safetensors format (`@evoprop/core/io`).
 *
 * @module @evoprop/core/io
 */
export * from '@evoprop/core/io';
