import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** File name of a run's saved model: `<task>__<trainer>__<seed>.safetensors`. */
export const modelFileName = (runId: string): string => `${runId.replace(/[^\w.-]+/g, '__')}.safetensors`;

/** Write a run's model file into `dir` (created if missing); done by the coordinator only. */
export function writeModelFile(dir: string, runId: string, bytes: Uint8Array): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, modelFileName(runId)), bytes);
}
