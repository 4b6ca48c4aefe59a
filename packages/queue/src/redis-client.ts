import { Redis } from 'ioredis';
import { type RedisAddress, reconnectDelay } from './connection.js';

// Kept apart from connection.ts so that the public declarations (index.d.ts → connection.d.ts) never
// import ioredis: its own .d.ts files fail a consumer's strict compile without skipLibCheck.

/**
 * A Redis connection that BullMQ can block on: every command waits through a disconnect
 * (`maxRetriesPerRequest: null`, as BullMQ requires) and the client reconnects forever, so a
 * restarted Redis server is picked up by coordinators and workers alike.
 */
export function connect(address: RedisAddress): Redis {
  return new Redis({
    host: address.host,
    port: address.port,
    db: address.db,
    ...(address.password !== undefined ? { password: address.password } : {}),
    ...(address.username !== undefined ? { username: address.username } : {}),
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: reconnectDelay,
  });
}
