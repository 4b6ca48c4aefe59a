import { TransferError } from './errors.js';

type Fs = typeof import('node:fs');
type Url = typeof import('node:url');

const builtin = <T>(id: string): T | undefined =>
  (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(id) as T | undefined;

/**
 * The bytes of the file at `path` (a path or a `file:` URL), read with Node's file system; `who` names
 * the caller in errors. Through `process.getBuiltinModule`, so a browser bundle carries no `node:`
 * import; there (no file system) it throws a TransferError pointing at the bytes-based alternative.
 */
export function readFileBytes(path: string | URL, who: string): Uint8Array {
  const fs = builtin<Fs>('node:fs');
  const url = builtin<Url>('node:url');
  if (fs === undefined || url === undefined)
    throw new TransferError(
      who,
      "Node's file system to read a model file",
      'a runtime without one (a browser): fetch the bytes and pass a model',
    );
  const bytes = fs.readFileSync(typeof path === 'string' ? path : url.fileURLToPath(path));
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
