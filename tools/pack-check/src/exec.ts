import { spawn, spawnSync } from 'node:child_process';

export class CommandError extends Error {
  override name = 'CommandError';
}

/**
 * How long one synchronous command may run. `spawnSync` blocks the event loop, so vitest's own
 * timeout cannot interrupt it: without this limit an example that waits forever (a Redis that is
 * not there) hangs the whole suite.
 */
export const commandTimeoutMs = 300_000;

/** Run a command to completion; throw with its output when it fails or runs past `timeoutMs`. Returns stdout. */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): string {
  const timeout = options.timeoutMs ?? commandTimeoutMs;
  const r = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout,
    killSignal: 'SIGKILL',
  });
  if (r.error !== undefined && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
    throw new CommandError(
      `${command} ${args.join(' ')} in ${options.cwd}: expected it to finish within ${timeout / 1000} s, killed it\n${r.stdout}\n${r.stderr}`.trimEnd(),
    );
  }
  if (r.error !== undefined) throw new CommandError(`${command} ${args.join(' ')}: could not start (${r.error.message})`);
  if (r.status !== 0) {
    throw new CommandError(
      `${command} ${args.join(' ')} in ${options.cwd}: expected exit code 0, got ${r.status ?? r.signal}\n${r.stdout}\n${r.stderr}`.trimEnd(),
    );
  }
  return r.stdout;
}

// Settings that describe the machine (registry, proxy, certificates, cache), which a user's own npm would also see.
const KEEP = /^npm_config_(registry|cache|cafile|userconfig|globalconfig|strict_ssl|(https_|no|)proxy|@[^_]+:registry)$/i;

/**
 * The environment for a plain `npm` run by a user: without the npm_* / pnpm_* variables
 * that pnpm and turbo set for scripts (they would otherwise leak into npm's config).
 */
export function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_)/i.test(k) && !KEEP.test(k)) continue;
    if (k === 'NODE_OPTIONS' || k.startsWith('VITEST') || k === 'TURBO_HASH') continue;
    env[k] = v;
  }
  return env;
}

/** `run` without blocking the event loop, so several installs or compiles can overlap. Resolves to stdout. */
export function runAsync(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<string> {
  const timeout = options.timeoutMs ?? commandTimeoutMs;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, timeout, killSignal: 'SIGKILL' });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(new CommandError(`${command} ${args.join(' ')}: could not start (${e.message})`)));
    child.on('close', (code, signal) => {
      const stdout = Buffer.concat(out).toString('utf8');
      if (code === 0) return resolve(stdout);
      const stderr = Buffer.concat(err).toString('utf8');
      const killed = signal === 'SIGKILL' ? ` (killed: still running after ${timeout / 1000} s)` : '';
      reject(
        new CommandError(
          `${command} ${args.join(' ')} in ${options.cwd}: expected exit code 0, got ${code ?? signal}${killed}\n${stdout}\n${stderr}`.trimEnd(),
        ),
      );
    });
  });
}

/** `fn` over `items` with at most `limit` running at once; results in input order, first failure rejects. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
