import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { HeaderRecord, ResultLine, RunRecord } from './record.js';

export class ResultsFileError extends Error {
  override name = 'ResultsFileError';
}

export type ResultsContent = Readonly<{ header: HeaderRecord; records: readonly RunRecord[] }>;

/** Read a JSONL results file. A torn last line (the process was killed mid-write) is ignored. */
export function readResults(path: string): ResultsContent {
  if (!existsSync(path)) throw new ResultsFileError(`${path}: no such results file`);
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const parsed: ResultLine[] = [];
  lines.forEach((line, i) => {
    try {
      parsed.push(JSON.parse(line) as ResultLine);
    } catch (e) {
      if (i < lines.length - 1)
        throw new ResultsFileError(`${path}:${i + 1}: expected a JSON object per line, got: ${(e as Error).message}`);
    }
  });
  const header = parsed[0];
  if (header === undefined || header.type !== 'experiment') {
    throw new ResultsFileError(
      `${path}: expected the first line to be the experiment header ({"type":"experiment",...}), got ${header === undefined ? 'an empty file' : `type '${header.type}'`}`,
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

  start(header: HeaderRecord): void {
    writeFileSync(this.path, `${JSON.stringify(header)}\n`);
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
