import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Losses and layers compute with tensor ops only, so they run on every backend (a device's
// storage has no host `.data`); fused work goes into a backend kernel in @evoprop/tensor.
const core = join(dirname(fileURLToPath(import.meta.url)), '..');
const dirs = ['losses', 'layers'];

const codeLines = (source: string): string[] =>
  source
    .split('\n')
    .map((line) => line.replace(/\/\/.*$/, ''))
    .filter((line) => !/^\s*\*/.test(line) && !/^\s*\/\*\*/.test(line));

describe('no loss or layer of @evoprop/core reads or writes .data', () => {
  it('the check finds .data in code and not in comments', () => {
    const hits = (s: string) => codeLines(s).filter((l) => /\.data\b(?!Sync)/.test(l));
    expect(hits('  total += logits.data[i];')).toHaveLength(1);
    expect(hits('  // logits.data\n  /** x.data */')).toEqual([]);
  });

  it.each(dirs)('holds in src/%s', (dir) => {
    const offenders = readdirSync(join(core, dir))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .flatMap((f) =>
        codeLines(readFileSync(join(core, dir, f), 'utf8'))
          .filter((l) => /\.data\b(?!Sync)/.test(l))
          .map((l) => `${dir}/${f}: ${l.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});
