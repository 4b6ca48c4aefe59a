/**
 * The BullMQ (Redis) implementation of `@evoprop/core`'s `Executor`: jobs submitted on one machine
 * run on worker processes on any number of machines.
 *
 * @module @evoprop/queue
 */
export { queueName } from './names.js';
