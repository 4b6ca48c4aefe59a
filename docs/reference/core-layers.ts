/**
 * The layers a model is built from, their initialisers and the layer registry (`@evoprop/core/layers`).
 *
 * @module @evoprop/core/layers
 */
export * from '@evoprop/core/layers';
