/**
 * Test helpers of `@evoprop/queue`: a real `redis-server` on a free loopback port.
 *
 * @module @evoprop/queue/testing
 */
export { type TestRedis, freePort, startRedis } from './redis-server.js';
