/**
 * Seeded tasks: toy 2-D sets, Iris, MNIST, sequences, control and objective functions.
 *
 * @module @evoprop/tasks
 */
export * from '@evoprop/tasks';
