import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Another live process writes to the same output folder. */
export class OutputBusyError extends Error {
  override name = 'OutputBusyError';
}

/** Who holds an output folder: written into `OUT/arena.lock`. */
export type LockOwner = Readonly<{ pid: number; host: string; started: string; token: string }>;

/** The lock file of an output folder. */
export const lockPath = (out: string): string => join(out, 'arena.lock');

/** Whether a process with this id runs on this host (EPERM: it runs, as another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): { text: string; owner: LockOwner | null } | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    const ok = Number.isInteger(o.pid) && typeof o.host === 'string' && typeof o.started === 'string' && typeof o.token === 'string';
    return { text, owner: ok ? (o as LockOwner) : null };
  } catch {
    return { text, owner: null };
  }
}

/**
 * Take the output folder for this process, so two runs never write the same results file. The lock
 * file appears whole (written aside, then hard-linked into place, which fails if it exists). A lock
 * left by a dead process on this host is stale and taken over; one from another host, or from a live
 * process, makes this throw an `OutputBusyError` naming its owner. Returns the release function.
 */
export function acquireOutLock(out: string): () => void {
  const path = lockPath(out);
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    started: new Date().toISOString(),
    token: `${process.pid}-${process.hrtime.bigint()}`,
  };
  const mine = JSON.stringify(me);
  const release = () => {
    // Only our own lock: a process that found ours stale (we were presumed dead) may hold it now.
    if (readOwner(path)?.owner?.token === me.token) unlinkSync(path);
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    const tmp = `${path}.${me.token}.tmp`;
    writeFileSync(tmp, mine);
    try {
      linkSync(tmp, path);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      unlinkSync(tmp);
    }
    const held = readOwner(path);
    if (held === null) continue; // released in between: try again
    const { owner } = held;
    if (owner === null)
      throw new OutputBusyError(
        `${path}: expected a lock file of evoprop-arena ({"pid":…,"host":…}), got ${JSON.stringify(held.text.slice(0, 80))}; delete it if no run uses ${out}`,
      );
    if (owner.host === me.host && !alive(owner.pid)) {
      // NOTE: re-read right before removing, so a lock taken over meanwhile by a third process stays.
      if (readOwner(path)?.text === held.text) unlinkSync(path);
      continue;
    }
    throw new OutputBusyError(
      `${out} is in use by another evoprop-arena run (pid ${owner.pid} on ${owner.host === me.host ? 'this host' : `host ${owner.host}`}, since ${owner.started}); wait for it to finish or choose another --out; if no such run is going on, delete ${path}`,
    );
  }
  throw new OutputBusyError(`${path}: could not take the lock after 5 tries: other runs keep taking it; choose another --out`);
}
