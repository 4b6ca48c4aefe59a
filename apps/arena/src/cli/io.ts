/** Where a command writes; the real process in the CLI, buffers in tests. */
export type Io = Readonly<{
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  /** For SIGINT handling; absent in tests. */
  onInterrupt?: (handler: () => void) => () => void;
}>;
