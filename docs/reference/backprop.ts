/**
 * Gradient-descent trainer and composable optimizer transforms.
 *
 * @module @evoprop/backprop
 */
export * from '@evoprop/backprop';
