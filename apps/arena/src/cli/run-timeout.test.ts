import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readResults } from '../runner/results-file.js';
import { stubCatalogPath } from '../testing-fixtures/stub-catalog.js';
import { main } from './main.js';

async function cli(argv: readonly string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main(argv, { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) } });
  return { code, err };
}

const run = (out: string, ...more: string[]) =>
  cli([
    'run',
    '--tasks',
    'blobs',
    '--trainers',
    'loop-forever,hill-climb',
    '--seeds',
    '1',
    '--budget',
    'evaluations=200',
    '--out',
    out,
    '--plugin',
    stubCatalogPath,
    '--no-builtins',
    '--no-html',
    '--progress',
    'plain',
    ...more,
  ]);

describe('evoprop-arena run --run-timeout', () => {
  it('rejects a value that is not a duration with exit 2, naming the flag', async () => {
    const r = await cli([
      'run',
      '--run-timeout',
      'soon',
      '--plugin',
      stubCatalogPath,
      '--no-builtins',
      '--tasks',
      'blobs',
      '--trainers',
      'hill-climb',
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("--run-timeout: expected seconds > 0 (600, 90s, 10m, 2h) or 'none', got 'soon'");
  });

  it('ends a run that never ends, records it as timeout, finishes the rest, and --resume does not hang on it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'arena-timeout-'));
    const first = await run(out, '--workers', '1', '--run-timeout', '2s');
    expect(first.code).toBe(1);
    expect(first.err.trim().split('\n').at(-1)).toMatch(/^arena: 1 of 2 runs failed \(timeout 1; reasons in report\.md\)/);
    const records = readResults(join(out, 'results.jsonl')).records;
    expect(records.map((r) => [r.trainer, r.status])).toEqual([
      ['loop-forever', 'timeout'],
      ['hill-climb', 'budget-exhausted'],
    ]);
    const resumed = await run(out, '--workers', '1', '--resume', '--allow-failures');
    expect(resumed.code).toBe(0);
    expect(readResults(join(out, 'results.jsonl')).records.length).toBe(2);
  }, 120_000);
});
