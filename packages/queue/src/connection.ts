/** A queue URL that is not `redis://HOST:PORT[/DB]`. */
export class QueueUrlError extends Error {
  /** The class name, for `error.name` checks across package copies. */
  override name = 'QueueUrlError';
}

/** Where the Redis server is, parsed from a queue URL. */
export type RedisAddress = Readonly<{
  /** Host name or IP address. */
  host: string;
  /** TCP port. */
  port: number;
  /** Database number (`SELECT`), 0 by default. */
  db: number;
  /** Password from the URL's user-info part, when given. */
  password?: string;
  /** User name (Redis ACL) from the URL's user-info part, when given. */
  username?: string;
}>;

/** Parses `redis://[USER:PASSWORD@]HOST:PORT[/DB]`; throws {@link QueueUrlError} naming what was expected and what was given. */
export function parseQueueUrl(url: string): RedisAddress {
  const expected = `a queue URL redis://HOST:PORT[/DB]`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new QueueUrlError(`expected ${expected}, got '${url}'`);
  }
  if (parsed.protocol !== 'redis:') throw new QueueUrlError(`expected ${expected} (scheme redis:), got '${url}'`);
  if (parsed.hostname === '') throw new QueueUrlError(`expected ${expected} with a host, got '${url}'`);
  const port = parsed.port === '' ? 6379 : Number(parsed.port);
  const path = parsed.pathname.replace(/^\//, '');
  const db = path === '' ? 0 : Number(path);
  if (!Number.isInteger(db) || db < 0 || !/^\d*$/.test(path))
    throw new QueueUrlError(`expected ${expected} where DB is a whole number, got '${url}'`);
  if (parsed.search !== '' || parsed.hash !== '') throw new QueueUrlError(`expected ${expected} without ?query or #fragment, got '${url}'`);
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    db,
    ...(parsed.password !== '' ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.username !== '' ? { username: decodeURIComponent(parsed.username) } : {}),
  };
}

/** How long to wait before reconnection attempt `times` (1, 2, ...): 100 ms growing to 2 s, forever. */
export const reconnectDelay = (times: number): number => Math.min(100 * times, 2000);
