import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capture } from './extract.js';
import { exclusions } from './registry/exclusions.js';
import { registry } from './registry/index.js';
import { repoRoot } from './root.js';
import { compareOutput, mismatchLines } from './run.js';
import { checkTexts } from './texts.js';
import type { FigureRun } from './types.js';

describe('the figure registry', () => {
  it('quotes texts that still occur in their READMEs, each holding its value; ids are unique', () => {
    expect(checkTexts(repoRoot(), registry, exclusions)).toEqual([]);
  });

  it('keeps the fast subset small enough for the test suite', () => {
    const fast = registry.filter((r) => r.speed === 'fast');
    expect(fast.length).toBeGreaterThan(0);
    expect(fast.reduce((m, r) => m + r.minutes, 0)).toBeLessThanOrEqual(3);
  });
});

describe('checkTexts', () => {
  const run = (text: string, expected: string): FigureRun => ({
    id: 'demo/run',
    cwd: '.',
    command: 'true',
    speed: 'fast',
    minutes: 0,
    verified: 'test',
    figures: [{ id: 'demo/run/value', file: 'README.md', text, expected, extract: capture(/(\d+)/) }],
  });

  it('reports a README edit that orphans a claim, a value outside its text, and a missing file', () => {
    const root = mkdtempSync(join(tmpdir(), 'figures-texts-'));
    try {
      writeFileSync(join(root, 'README.md'), 'XOR took 4,722 evaluations\non average.\n');
      mkdirSync(join(root, 'sub'));
      expect(checkTexts(root, [run('XOR took 4,722 evaluations on average.', '4,722')], [])).toEqual([]);
      expect(checkTexts(root, [run('XOR took 4,723 evaluations', '4,723')], [])).toEqual([
        "demo/run/value: text 'XOR took 4,723 evaluations' no longer occurs in README.md",
      ]);
      expect(checkTexts(root, [run('XOR took 4,722 evaluations', '4,723')], [])[0]).toMatch(
        /expected value '4,723' does not occur in its text/,
      );
      expect(checkTexts(root, [], [{ file: 'GONE.md', text: 'x', reason: 'timing', note: 'n' }])).toEqual([
        'exclusion (timing): expected file GONE.md to exist, it does not',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('compareOutput', () => {
  const run: FigureRun = {
    id: 'demo/xor',
    cwd: '.',
    command: 'true',
    speed: 'fast',
    minutes: 0,
    verified: 'test',
    figures: [
      { id: 'demo/xor/mean', file: 'README.md', text: 'mean 4722', expected: '4722', extract: capture(/mean (\d+)/) },
      { id: 'demo/xor/worst', file: 'README.md', text: 'worst 11159', expected: '11159', extract: capture(/worst (\d+)/) },
    ],
  };

  it('lists each mismatch with id, expected, got and file', () => {
    const outcome = { run, seconds: 1, exitCode: 0, output: '', figures: compareOutput(run, 'mean 4722 worst 11160', 0) };
    expect(mismatchLines([outcome])).toEqual(['demo/xor/worst: expected 11159, got 11160 (README.md)']);
  });

  it('fails every figure of a command that exits non-zero, and says why a value is missing', () => {
    const failed = { run, seconds: 1, exitCode: 1, output: '', figures: compareOutput(run, 'mean 4722 worst 11159', 1) };
    expect(mismatchLines([failed])).toEqual([
      'demo/xor/mean: expected 4722, got nothing (the command exited with code 1) (README.md)',
      'demo/xor/worst: expected 11159, got nothing (the command exited with code 1) (README.md)',
    ]);
    const missing = { run, seconds: 1, exitCode: 0, output: '', figures: compareOutput(run, 'mean 4722', 0) };
    expect(mismatchLines([missing])).toEqual([
      'demo/xor/worst: expected 11159, got nothing (no match for /worst (\\d+)/ in the output) (README.md)',
    ]);
  });
});
