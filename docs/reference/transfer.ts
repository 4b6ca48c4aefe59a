/**
 * Freezing, surgery, fine-tuning and forgetting-resistant transfer learning.
 *
 * @module @evoprop/transfer
 */
export * from '@evoprop/transfer';
