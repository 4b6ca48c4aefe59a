import { AsyncLocalStorage } from 'node:async_hooks';

/** Thrown in place of exiting when code running under {@link withExitGuard} calls `process.exit`. */
export class ProcessExitError extends Error {
  override name = 'ProcessExitError';
  constructor(readonly code: string | number | null | undefined) {
    super(`process.exit(${code ?? ''}) was called and intercepted`);
  }
}

type Guard = { exitCode: string | number | null | undefined; exited: boolean };

const guards = new AsyncLocalStorage<Guard>();
let active = 0;
let realExit: typeof process.exit | null = null;

// While any guard is active, process.exit throws for callers inside a guarded async context (the
// trainer and every timer or promise it started) and exits as usual for everyone else (a second
// Ctrl-C, the CLI itself).
function guardedExit(code?: string | number | null): never {
  const guard = guards.getStore();
  if (guard === undefined) return (realExit as typeof process.exit)(code);
  guard.exited = true;
  guard.exitCode = code;
  throw new ProcessExitError(code);
}

/**
 * Run `fn` with `process.exit` intercepted inside it: the call throws a {@link ProcessExitError}
 * instead of ending the process. Resolves with `fn`'s value and whether (and with which code) it
 * tried to exit, even if it caught the error and carried on.
 */
export async function withExitGuard<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; exit: { code: string | number | null | undefined } | null }> {
  if (active++ === 0) {
    realExit = process.exit;
    process.exit = guardedExit as typeof process.exit;
  }
  const guard: Guard = { exitCode: undefined, exited: false };
  try {
    const value = await guards.run(guard, fn);
    return { value, exit: guard.exited ? { code: guard.exitCode } : null };
  } finally {
    if (--active === 0 && realExit !== null) {
      process.exit = realExit;
      realExit = null;
    }
  }
}
