/** A signal that stops a run cleanly: Ctrl-C, or what containers and CI send. */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/** The exit code of a process stopped by `signal` (128 + its number), as shells report it. */
export const exitCodeOf = (signal: StopSignal): number => (signal === 'SIGINT' ? 130 : 143);

/** Where a command writes; the real process in the CLI, buffers in tests. */
export type Io = Readonly<{
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  /** For SIGINT/SIGTERM handling; absent in tests. Returns a function that removes the handler. */
  onInterrupt?: (handler: (signal: StopSignal) => void) => () => void;
}>;
