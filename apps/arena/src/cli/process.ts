import { main } from './main.js';
import type { Io, StopSignal } from './io.js';

const stopSignals: readonly StopSignal[] = ['SIGINT', 'SIGTERM'];

/** The real process as an `Io`: its streams, and SIGINT and SIGTERM handled alike. */
export const processIo: Io = {
  stdout: process.stdout,
  stderr: process.stderr,
  onInterrupt: (handler) => {
    const listeners = stopSignals.map((signal) => [signal, () => handler(signal)] as const);
    for (const [signal, listener] of listeners) process.on(signal, listener);
    return () => {
      for (const [signal, listener] of listeners) process.off(signal, listener);
    };
  },
};

/** Run the CLI in this process and set its exit code. */
export async function runCliProcess(argv: readonly string[]): Promise<void> {
  process.exitCode = await main(argv, processIo);
}
