import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResultsFileError, readResults } from './results-file.js';

const file = (text: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'arena-results-')), 'results.jsonl');
  writeFileSync(path, text);
  return path;
};
const header = JSON.stringify({ type: 'experiment', version: 1, experiment: { name: 'x' }, runs: 2, skipped: [] });

describe('readResults', () => {
  it('says a file is empty only when it is', () => {
    const path = file('');
    expect(() => readResults(path)).toThrow(
      new ResultsFileError(`${path}: expected the experiment header on the first line, got an empty file`),
    );
  });

  it('says the header line is cut off when it is torn, alone or followed by runs', () => {
    for (const text of [header.slice(0, 30), `${header.slice(0, 30)}\n{"type":"run"}\n`]) {
      const path = file(text);
      expect(() => readResults(path)).toThrow(ResultsFileError);
      expect(() => readResults(path)).toThrow(
        new RegExp(
          `^${path}:1: expected the experiment header \\(\\{"type":"experiment",\\.\\.\\.\\}\\) as one JSON line, got 30 characters that are not JSON \\(.+\\): the file is cut off or damaged; start over without --resume or choose another --out$`,
        ),
      );
    }
  });

  it('names what the first line is when it is JSON but no header', () => {
    expect(() => readResults(file('{"type":"run"}\n'))).toThrow(/expected the first line to be the experiment header .*got type 'run'/);
    expect(() => readResults(file('42\n'))).toThrow(/expected the first line to be the experiment header .*got 42$/);
  });

  it('ignores a torn last run line', () => {
    expect(readResults(file(`${header}\n{"type":"run","runI`)).records).toEqual([]);
  });
});
