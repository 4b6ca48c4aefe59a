import { describe, expect, it } from 'vitest';
import { NeatConfigError, neatConfig, paperConfig, parseNeatConfig } from './config.js';

const problemsOf = (input: unknown): string[] => {
  try {
    parseNeatConfig(input);
  } catch (e) {
    expect(e).toBeInstanceOf(NeatConfigError);
    return (e as NeatConfigError).problems.map((p) => `${p.where}: expected ${p.expected}, got ${p.actual}`);
  }
  throw new Error('expected the config to be rejected');
};

describe('NEAT config', () => {
  it('the paper preset holds the values of section 4.1', () => {
    const c = neatConfig('paper');
    expect(c.populationSize).toBe(150);
    expect([c.compatibility.c1, c.compatibility.c2, c.compatibility.c3, c.compatibility.threshold]).toEqual([1, 1, 0.4, 3]);
    expect(c.reproduction.stagnationGenerations).toBe(15);
    expect(c.reproduction.championMinSpeciesSize).toBe(5);
    expect([c.mutation.weightProbability, c.mutation.perturbProbability]).toEqual([0.8, 0.9]);
    expect([c.mutation.addNodeProbability, c.mutation.addConnectionProbability]).toEqual([0.03, 0.05]);
    expect([c.reproduction.disabledGeneInheritance, c.reproduction.mutationOnlyFraction, c.reproduction.interspeciesMatingRate]).toEqual([
      0.75, 0.25, 0.001,
    ]);
    expect(c.network.sigmoidSlope).toBe(4.9);
  });

  it('the DPNV preset changes what p. 113 says it changes', () => {
    const c = neatConfig('paper-dpnv');
    expect([c.populationSize, c.compatibility.threshold, c.compatibility.c3, c.mutation.addConnectionProbability]).toEqual([
      1000, 4, 3, 0.3,
    ]);
  });

  it('deep-merges overrides', () => {
    const c = neatConfig('paper', { compatibility: { targetSpecies: 10 } });
    expect(c.compatibility.targetSpecies).toBe(10);
    expect(c.compatibility.c3).toBe(0.4);
  });

  it('rejects an unknown key and suggests the closest one', () => {
    const problems = problemsOf({ ...paperConfig, compatibility: { ...paperConfig.compatibility, treshold: 3 } });
    expect(problems.join()).toContain('NEAT config.compatibility.treshold: expected one of the keys');
    expect(problems.join()).toContain("got unknown key 'treshold' (did you mean 'threshold'?)");
    expect(() => neatConfig('paper', { populationSise: 10 } as never)).toThrow(/populationSise.*did you mean 'populationSize'/);
  });

  it('names a missing key with the paper value', () => {
    const { c3: _dropped, ...compatibility } = paperConfig.compatibility;
    expect(problemsOf({ ...paperConfig, compatibility })).toEqual([
      "NEAT config.compatibility.c3: expected number, got nothing (missing key 'c3'; suggested: 0.4)",
    ]);
    const { populationSize: _p, ...rest } = paperConfig;
    expect(problemsOf(rest)[0]).toBe(
      "NEAT config.populationSize: expected number, got nothing (missing key 'populationSize'; suggested: 150)",
    );
  });

  it('rejects out-of-range and mistyped values with the actual value', () => {
    expect(problemsOf({ ...paperConfig, populationSize: 1.5 })[0]).toMatch(/config\.populationSize: expected .*int.*, got 1.5/);
    expect(problemsOf({ ...paperConfig, reproduction: { ...paperConfig.reproduction, interspeciesMatingRate: 2 } })[0]).toMatch(
      /interspeciesMatingRate.*got 2.*0.001/,
    );
    expect(problemsOf({ ...paperConfig, network: { ...paperConfig.network, recurrent: 'yes' } })[0]).toMatch(
      /network.recurrent.*got "yes"/,
    );
    expect(problemsOf(null)[0]).toMatch(/expected object/);
    expect(problemsOf({ ...paperConfig, mutation: { ...paperConfig.mutation, recurrentLinkProbability: 1.2 } })[0]).toMatch(
      /mutation.recurrentLinkProbability.*got 1.2.*null/,
    );
    expect(problemsOf({ ...paperConfig, reproduction: { ...paperConfig.reproduction, deltaCodingOffspring: 'champions' } })[0]).toMatch(
      /reproduction.deltaCodingOffspring.*got "champions".*"species"/,
    );
    expect(problemsOf({ ...paperConfig, network: { ...paperConfig.network, biasInput: Number.POSITIVE_INFINITY } })[0]).toMatch(
      /network.biasInput/,
    );
  });

  it('reports every problem at once', () => {
    expect(
      problemsOf({ ...paperConfig, populationSize: -1, mutation: { ...paperConfig.mutation, addNodeProbability: -0.1, extra: 1 } }),
    ).toHaveLength(3);
  });

  it('rejects an unknown preset', () => {
    expect(() => neatConfig('neat-python' as never)).toThrow(/unknown preset 'neat-python'/);
  });
});
