import { describe, expect, it } from 'vitest';
import { closeMatches, editDistance, unknownChoice } from './suggest.js';

describe('did you mean', () => {
  it('counts a swap of two neighbours as one edit, ignoring case', () => {
    expect(editDistance('nosie', 'noise')).toBe(1);
    expect(editDistance('Treshold', 'threshold')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests near names first, else names the value abbreviates, never unrelated short names', () => {
    expect(closeMatches('treshold', ['threshold', 'thresholdStep', 'c1'])).toEqual(['threshold']);
    expect(closeMatches('popSize', ['populationSize', 'sigma'])).toEqual(['populationSize']);
    expect(closeMatches('lr', ['b1', 'b2', 'eps', 'learningRate', 'name'])).toEqual(['learningRate']);
    // A two-letter name is closer to what it abbreviates than to a one-letter change of it.
    expect(closeMatches('lr', ['b1', 'eps', 'l2', 'learningRate', 'name'])).toEqual(['learningRate', 'l2']);
    expect(closeMatches('zzz', ['b1', 'eps'])).toEqual([]);
  });

  it('lists every valid choice, sorted', () => {
    expect(unknownChoice('task', 'spiral', ['xor', 'spirals'])).toBe("unknown task 'spiral'; did you mean 'spirals'? valid: spirals, xor");
    expect(unknownChoice('suite', 'x', [])).toBe("unknown suite 'x'; valid: (none)");
  });
});
