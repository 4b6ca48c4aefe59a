import { describe, expect, it } from 'vitest';
import { ExtractError, capture, cell, megaToGiga, sd, thousands, tightBrackets } from './extract.js';
import { poleSeeds } from './registry/neat.js';

describe('extractors', () => {
  it('format values the way the READMEs write them', () => {
    expect(thousands('4722')).toBe('4,722');
    expect(thousands('114306')).toBe('114,306');
    expect(thousands('575')).toBe('575');
    expect(megaToGiga('11906M')).toBe('11.9');
    expect(tightBrackets('[ 1000, 1, 28, 28 ]')).toBe('[1000, 1, 28, 28]');
    expect(() => thousands('n/a')).toThrow(ExtractError);
    expect(() => megaToGiga('11.9 G')).toThrow(/'<n>M'/);
  });

  it('read a capture, and fail naming the pattern when the output lacks it', () => {
    const e = capture(/mean evaluations\s+(\d+)/, thousands);
    expect(e.read('mean evaluations   4722  sd 2266')).toBe('4,722');
    expect(() => e.read('nothing here')).toThrow(/no match for/);
  });

  it('read a Markdown table cell by its row label, in any label column', () => {
    const out = ['| trainer | solved |', '|---|---|', '| sphere, CMA-ES | 10/10 |', '| 1 | adam | 56.3k |'].join('\n');
    expect(cell('sphere, CMA-ES', 1).read(out)).toBe('10/10');
    expect(cell('adam', 2, undefined, 1).read(out)).toBe('56.3k');
    expect(() => cell('Rosenbrock, CMA-ES', 1).read(out)).toThrow(/no table row labelled 'Rosenbrock, CMA-ES'/);
    expect(() => cell('sphere, CMA-ES', 5).read(out)).toThrow(/has no column 5/);
  });

  it('compute the sample and population standard deviations', () => {
    expect(sd([1, 3], 'population')).toBe(1);
    expect(sd([1, 3], 'sample')).toBeCloseTo(Math.SQRT2, 12);
  });

  it('parse the double-pole bench per-seed lines, populations and generalisation included', () => {
    const out = [
      'DPNV seed 0: solved after 25000 evaluations (25 generations, 0 hidden, 5 connections, generalises from 250 of 625, 3.0 s)',
      'DPNV seed 1: solved after 80000 evaluations (80 generations over 2 populations, 1 hidden, 9 connections, generalises from 301 of 625, 9.1 s)',
      'DPNV seed 2: FAILED after 150000 evaluations (150 generations, 3 hidden, 20 connections, 20.0 s)',
      'DPNV: 2/3 solved, mean evaluations 52500',
    ].join('\n');
    const seeds = poleSeeds(out, 'DPNV');
    expect(seeds.map((s) => [s.seed, s.solved, s.evaluations, s.populations, s.hidden, s.connections, s.generalisation])).toEqual([
      [0, true, 25000, 1, 0, 5, 250],
      [1, true, 80000, 2, 1, 9, 301],
      [2, false, 150000, 1, 3, 20, null],
    ]);
    expect(() => poleSeeds(out, 'DPV')).toThrow(/no 'DPV seed N/);
  });
});
