import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A `redis-server` started for a test, on a loopback port, in a temporary directory. */
export type TestRedis = Readonly<{
  /** `redis://127.0.0.1:PORT`. */
  url: string;
  /** The TCP port. */
  port: number;
  /** The server's working directory (its append-only file lives here). */
  dir: string;
  /** Kill the server with SIGKILL (as a crash would) and start it again on the same port and directory. */
  restart(downMs?: number): Promise<void>;
  /** Stop the server and remove its directory. */
  stop(): Promise<void>;
}>;

/** A TCP port nobody listens on now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(ready: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await ready())) {
    if (Date.now() > until) throw new Error(`test redis: ${what} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Starts Debian's `redis-server` (installed by `scripts/system-deps.mjs`) on a free loopback port
 * with a fresh temporary directory and an append-only file fsynced on every write, so a restart
 * keeps the queue as a production server with persistence would. No mock: the real server.
 */
export async function startRedis(command = 'redis-server'): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'evoprop-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = null;
  let output = '';
  const launch = async () => {
    output = '';
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always'];
    const proc = spawn(command, [...args, '--save', '', '--daemonize', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout?.on('data', (b: Buffer) => (output += b.toString()));
    proc.stderr?.on('data', (b: Buffer) => (output += b.toString()));
    const failed = new Promise<never>((_, reject) => {
      proc.once('error', (e) =>
        reject(
          new Error(
            `test redis: could not start '${command}' (${e.message}); install Debian's redis-server (node scripts/system-deps.mjs)`,
          ),
        ),
      );
      proc.once('exit', (code) => reject(new Error(`test redis: redis-server exited with code ${code}: ${output.trim()}`)));
    });
    failed.catch(() => {});
    child = proc;
    await Promise.race([waitFor(() => accepts(port), `redis-server accepting on port ${port}`), failed]);
  };
  const kill = async (signal: NodeJS.Signals) => {
    const proc = child;
    child = null;
    if (proc === null || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill(signal);
    await exited;
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    async restart(downMs = 500) {
      await kill('SIGKILL');
      await new Promise((r) => setTimeout(r, downMs));
      await launch();
    },
    async stop() {
      await kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
