/**
 * The BullMQ (Redis) implementation of the Executor: run arena runs and population evaluations on worker processes on any number of machines.
 *
 * @module @evoprop/queue
 */
export * from '@evoprop/queue';
