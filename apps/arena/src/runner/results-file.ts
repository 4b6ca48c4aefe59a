import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { HeaderRecord, ResultLine, RunRecord } from './record.js';

export class ResultsFileError extends Error {
  override name = 'ResultsFileError';
}

export type ResultsContent = Readonly<{ header: HeaderRecord; records: readonly RunRecord[] }>;

/** Read a JSONL results file. A torn last run line (the process was killed mid-write) is ignored. */
export function readResults(path: string): ResultsContent {
  if (!existsSync(path)) throw new ResultsFileError(`${path}: no such results file`);
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new ResultsFileError(`${path}: expected the experiment header on the first line, got an empty file`);
  const parsed: ResultLine[] = [];
  lines.forEach((line, i) => {
    try {
      parsed.push(JSON.parse(line) as ResultLine);
    } catch (e) {
      // The header is written whole (write-and-rename), so a broken one is damage, never an interrupted run.
      if (i === 0)
        throw new ResultsFileError(
          `${path}:1: expected the experiment header ({"type":"experiment",...}) as one JSON line, got ${line.length} characters that are not JSON (${(e as Error).message}): the file is cut off or damaged; start over without --resume or choose another --out`,
        );
      if (i < lines.length - 1)
        throw new ResultsFileError(`${path}:${i + 1}: expected a JSON object per line, got: ${(e as Error).message}`);
    }
  });
  const header = parsed[0];
  if (header?.type !== 'experiment') {
    throw new ResultsFileError(
      `${path}: expected the first line to be the experiment header ({"type":"experiment",...}), got ${typeof header === 'object' && header !== null ? `type '${String(header.type)}'` : JSON.stringify(header)}`,
    );
  }
  // A run appears once; if a file was appended to twice, the last record of a run wins.
  const byId = new Map<string, RunRecord>();
  for (const l of parsed.slice(1)) if (l.type === 'run') byId.set(l.runId, l);
  return { header, records: [...byId.values()].sort((a, b) => a.index - b.index) };
}

/** Results stream to disk as each run ends. */
export class ResultsWriter {
  constructor(readonly path: string) {}

  /** Start a new file holding only the header, written whole (a killed process leaves the old file or the new one). */
  start(header: HeaderRecord): void {
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(header)}\n`);
    renameSync(tmp, this.path);
  }

  append(record: RunRecord): void {
    appendFileSync(this.path, `${JSON.stringify(record)}\n`);
  }

  /** Rewrite in canonical order (by run index), so finished files are byte-identical however the runs interleaved. */
  finalize(header: HeaderRecord, records: readonly RunRecord[]): void {
    const sorted = [...records].sort((a, b) => a.index - b.index);
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, `${[header, ...sorted].map((l) => JSON.stringify(l)).join('\n')}\n`);
    renameSync(tmp, this.path);
  }
}
