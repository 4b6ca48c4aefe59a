/**
 * The BullMQ (Redis) implementation of `@evoprop/core`'s `Executor`: jobs submitted on one machine
 * run on worker processes on any number of machines.
 *
 * @module @evoprop/queue
 */
export { CodecError, decode, encode } from './codec.js';
export { QueueUrlError, type RedisAddress, parseQueueUrl } from './connection.js';
export { type QueueExecutorOptions, queueExecutor } from './queue-executor.js';
export { type QueueWorker, type QueueWorkerEvent, type QueueWorkerOptions, queueWorker } from './queue-worker.js';
