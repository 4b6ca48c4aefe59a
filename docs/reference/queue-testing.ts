/**
 * Test helpers of the queue package: a real redis-server on a free loopback port.
 *
 * @module @evoprop/queue/testing
 */
export * from '@evoprop/queue/testing';
