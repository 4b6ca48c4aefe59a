import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { neatConfig } from './config.js';
import { cloneGenome, createsCycle, validateGenome } from './genome.js';
import { createInnovationState, resetGeneration } from './innovation.js';
import {
  type MutationContext,
  mutateGenome,
  mutateAddConnection,
  mutateAddNode,
  mutateReenable,
  mutateToggleEnable,
  mutateWeights,
} from './mutation.js';
import { NeatNetwork } from './network.js';
import { genomeOf } from './test-helpers.js';

// 2 inputs (0, 1), bias 2, output 3, fully connected.
const base = () =>
  genomeOf(2, 1, [
    [0, 0, 3, 0.5],
    [1, 1, 3, -1],
    [2, 2, 3, 0.25],
  ]);
const context = (seed: number, overrides = {}): MutationContext => ({
  config: neatConfig('paper', overrides),
  tracker: createInnovationState(3, 4),
  rng: Rng.fromSeed(seed),
});

describe('add node (p. 107)', () => {
  it('disables the split gene and adds in-weight 1 and out-weight = old weight, keeping the function', () => {
    const ctx = context(1);
    const g = base();
    const before = NeatNetwork.fromGenome(g, { slope: 4.9, recurrent: false, activationSteps: 1 }).activate([1, 0])[0];
    expect(mutateAddNode(g, ctx)).toBe(true);
    validateGenome(g);
    const split = g.connections.find((c) => !c.enabled);
    expect(split).toBeDefined();
    const [into, out] = g.connections.filter((c) => c.innovation >= 3);
    expect(into).toMatchObject({ innovation: 3, from: split?.from, to: 4, weight: 1, enabled: true });
    expect(out).toMatchObject({ innovation: 4, from: 4, to: split?.to, weight: split?.weight, enabled: true });
    expect(g.nodes.find((n) => n.id === 4)?.kind).toBe('hidden');
    const after = NeatNetwork.fromGenome(g, { slope: 4.9, recurrent: false, activationSteps: 1 }).activate([1, 0])[0];
    expect(after).not.toBe(before); // a sigmoid hidden node changes the function a little, not the topology's meaning
  });

  it('gives the same split in one generation the same node and innovations, and new ones the next generation (p. 107)', () => {
    const ctx = context(2, { mutation: { splitOlderGenes: 0 } });
    const a = base();
    const b = base();
    // Force both to split gene 0 by disabling the others temporarily.
    for (const g of [a, b]) g.connections.forEach((c) => (c.enabled = c.innovation === 0));
    mutateAddNode(a, ctx);
    mutateAddNode(b, ctx);
    expect(a.connections.map((c) => c.innovation)).toEqual(b.connections.map((c) => c.innovation));
    expect(a.nodes.map((n) => n.id)).toEqual(b.nodes.map((n) => n.id));
    resetGeneration(ctx.tracker);
    const c = base();
    c.connections.forEach((x) => (x.enabled = x.innovation === 0));
    mutateAddNode(c, ctx);
    expect(c.nodes.at(-1)?.id).toBe(5);
    expect(c.connections.slice(-2).map((x) => x.innovation)).toEqual([5, 6]);
  });
});

describe('add node, NEAT C++ gene choice', () => {
  it('walks from the oldest gene, never splits the bias, and fails about half the time in a 3-gene genome', () => {
    let ok = 0;
    const splits = [0, 0, 0];
    const runs = 3000;
    for (let s = 0; s < runs; s++) {
      const g = base();
      if (!mutateAddNode(g, context(100 + s, { mutation: { splitOlderGenes: 0.3 } }))) continue;
      ok++;
      const split = g.connections.find((c) => !c.enabled);
      splits[split?.innovation as number] = (splits[split?.innovation as number] as number) + 1;
    }
    // Stops at gene 0 with 0.3, else at gene 1 with 0.3, else walks past the bias gene and off the end.
    expect(ok / runs).toBeGreaterThan(0.47);
    expect(ok / runs).toBeLessThan(0.55);
    expect(splits[2]).toBe(0);
    expect(splits[0] as number).toBeGreaterThan(splits[1] as number);
  });

  it('splits uniformly among enabled non-bias genes when off (or in genomes of 15 genes or more)', () => {
    const seen = new Set<number>();
    for (let s = 0; s < 200; s++) {
      const g = base();
      expect(mutateAddNode(g, context(s, { mutation: { splitOlderGenes: 0 } }))).toBe(true);
      seen.add(g.connections.find((c) => !c.enabled)?.innovation as number);
    }
    expect([...seen].sort()).toEqual([0, 1]);
  });
});

describe('add connection (p. 106)', () => {
  it('connects two unconnected nodes with a shared innovation number per generation', () => {
    const ctx = { ...context(3), tracker: createInnovationState(5, 5) };
    const a = genomeOf(2, 1, [
      [0, 0, 3, 1],
      [3, 0, 4, 1],
      [4, 4, 3, 1],
    ]);
    const b = cloneGenome(a);
    expect(mutateAddConnection(a, ctx)).toBe(true);
    validateGenome(a);
    expect(a.connections.at(-1)?.innovation).toBe(5);
    // The same pair added to another genome this generation gets the same number.
    const ctx2 = { ...ctx, rng: Rng.fromSeed(3) };
    mutateAddConnection(b, ctx2);
    expect(b.connections.map((c) => [c.innovation, c.from, c.to])).toEqual(a.connections.map((c) => [c.innovation, c.from, c.to]));
  });

  it('never closes a cycle in a feed-forward net, but may with recurrent on', () => {
    const ff = context(4);
    let sawCycle = false;
    for (let s = 0; s < 50; s++) {
      const g = genomeOf(1, 1, [
        [0, 0, 2, 1],
        [1, 1, 2, 1],
        [2, 0, 3, 1],
        [3, 3, 2, 1],
      ]);
      while (mutateAddConnection(g, { ...ff, rng: Rng.fromSeed(s) })) {
        /* fill the genome up */
      }
      expect(() => NeatNetwork.fromGenome(g, { slope: 4.9, recurrent: false, activationSteps: 1 })).not.toThrow();
      const rec = genomeOf(1, 1, [
        [0, 0, 2, 1],
        [1, 1, 2, 1],
        [2, 0, 3, 1],
        [3, 3, 2, 1],
      ]);
      const rctx = context(s, { network: { recurrent: true } });
      for (let k = 0; k < 10; k++) mutateAddConnection(rec, rctx);
      if (rec.connections.some((c) => c.from === 2 || c.from === c.to)) sawCycle = true;
    }
    expect(sawCycle).toBe(true);
  });

  it('with recurrentLinkProbability, adds only cycle-closing links that often and only feed-forward links otherwise (NEAT C++ recur_only_prob)', () => {
    // 2 inputs, bias 2, output 3, hidden 4 on the split 0 → 3.
    const start = () =>
      genomeOf(2, 1, [
        [0, 0, 3, 1, false],
        [1, 1, 3, 1],
        [2, 2, 3, 1],
        [3, 0, 4, 1],
        [4, 4, 3, 1],
      ]);
    const rates = (p: number | null): number => {
      let recurrent = 0;
      let added = 0;
      for (let s = 0; s < 400; s++) {
        const g = start();
        const ctx = {
          ...context(s, { network: { recurrent: true }, mutation: { recurrentLinkProbability: p, linksFromOutputs: true } }),
          tracker: createInnovationState(5, 5),
        };
        if (!mutateAddConnection(g, ctx)) continue;
        added++;
        const gene = g.connections.find((c) => c.innovation >= 5);
        if (gene === undefined) throw new Error('expected a new gene');
        if (
          createsCycle(
            g.connections.filter((c) => c !== gene),
            gene.from,
            gene.to,
          )
        )
          recurrent++;
      }
      return recurrent / added;
    };
    expect(rates(1)).toBe(1);
    expect(rates(0)).toBe(0);
    const some = rates(0.2);
    expect(some).toBeGreaterThan(0.1);
    expect(some).toBeLessThan(0.3);
    // null: every pair is a candidate, which here closes a loop far more often than one time in five.
    expect(rates(null)).toBeGreaterThan(0.35);
  });

  it('returns false when the genome is fully connected', () => {
    const g = genomeOf(1, 1, [
      [0, 0, 2, 1],
      [1, 1, 2, 1],
    ]);
    expect(mutateAddConnection(g, context(5))).toBe(false);
  });
});

describe('weight mutation and toggles', () => {
  it('perturbs 90 % of the weights and replaces 10 % with per-gene mutation (p. 113)', () => {
    const ctx = context(6, { mutation: { weightScheme: 'per-gene', perturbPower: 1, replaceRange: 1 } });
    const g = genomeOf(
      1,
      1,
      Array.from({ length: 4000 }, (_, i) => [i, 0, 2, 5] as const),
    );
    mutateWeights(g, ctx);
    const perturbed = g.connections.filter((c) => c.weight >= 4 && c.weight <= 6 && c.weight !== 5).length;
    const replaced = g.connections.filter((c) => Math.abs(c.weight) <= 1).length;
    expect(perturbed + replaced).toBe(4000);
    expect(replaced / 4000).toBeGreaterThan(0.08);
    expect(replaced / 4000).toBeLessThan(0.12);
  });

  it("follows NEAT C++'s scheme: severe rounds in half the genomes replace 20 % and keep 10 %, others perturb all", () => {
    const ctx = context(6, { mutation: { weightScheme: 'neat-c++', perturbPower: 1, replaceRange: 1 } });
    let perturbed = 0;
    let replaced = 0;
    let kept = 0;
    let allPerturbed = 0;
    const genomes = 4000;
    for (let k = 0; k < genomes; k++) {
      const g = genomeOf(
        1,
        1,
        Array.from({ length: 5 }, (_, i) => [i, 0, 2, 5] as const),
      );
      mutateWeights(g, ctx);
      const p = g.connections.filter((c) => c.weight >= 4 && c.weight <= 6 && c.weight !== 5).length;
      perturbed += p;
      replaced += g.connections.filter((c) => Math.abs(c.weight) <= 1).length;
      kept += g.connections.filter((c) => c.weight === 5).length;
      if (p === 5) allPerturbed++;
    }
    const n = genomes * 5;
    expect(perturbed + replaced + kept).toBe(n);
    expect(replaced / n).toBeGreaterThan(0.085); // 0.5 × 20 %
    expect(replaced / n).toBeLessThan(0.115);
    expect(kept / n).toBeGreaterThan(0.04); // 0.5 × 10 %
    expect(kept / n).toBeLessThan(0.06);
    // Non-severe genomes (half) perturb every weight; severe ones rarely do (0.7⁵ ≈ 17 %).
    expect(allPerturbed / genomes).toBeGreaterThan(0.55);
    expect(allPerturbed / genomes).toBeLessThan(0.63);
  });

  it('toggles and re-enables', () => {
    const ctx = context(7);
    const g = base();
    expect(mutateToggleEnable(g, ctx)).toBe(true);
    expect(g.connections.filter((c) => !c.enabled)).toHaveLength(1);
    expect(mutateReenable(g, ctx)).toBe(true);
    expect(g.connections.every((c) => c.enabled)).toBe(true);
    expect(mutateReenable(g, ctx)).toBe(false);
  });

  it('refuses links out of the output when linksFromOutputs is off (NEAT C++), and may add them when on', () => {
    // 0 → 4 → 3 with the output 3 free to feed 4's sibling 5: 3 → 5 is acyclic.
    const g = () =>
      genomeOf(2, 1, [
        [0, 0, 3, 1],
        [1, 1, 3, 1],
        [2, 2, 3, 1],
        [3, 0, 4, 1],
        [4, 4, 3, 1],
        [5, 1, 5, 1],
      ]);
    const fromOutput = (links: boolean): number => {
      let n = 0;
      for (let s = 0; s < 300; s++) {
        const x = g();
        mutateAddConnection(x, { ...context(s, { mutation: { linksFromOutputs: links } }), tracker: createInnovationState(6, 6) });
        if (x.connections.some((c) => c.from === 3)) n++;
      }
      return n;
    };
    expect(fromOutput(false)).toBe(0);
    expect(fromOutput(true)).toBeGreaterThan(0);
  });

  it("applies weight, node and link mutations to one offspring with structuralMutations 'independent'", () => {
    const ctx = context(9, {
      mutation: {
        structuralMutations: 'independent',
        weightProbability: 1,
        addNodeProbability: 1,
        addConnectionProbability: 1,
        splitOlderGenes: 0,
      },
    });
    const g = base();
    mutateGenome(g, ctx);
    validateGenome(g);
    expect(g.nodes).toHaveLength(5);
    expect(g.connections).toHaveLength(6);
    const exclusive = base();
    mutateGenome(
      exclusive,
      context(9, { mutation: { weightProbability: 1, addNodeProbability: 1, addConnectionProbability: 1, splitOlderGenes: 0 } }),
    );
    expect(exclusive.connections).toHaveLength(5);
    expect(exclusive.connections.filter((c) => c.innovation < 3).map((c) => c.weight)).toEqual([0.5, -1, 0.25]);
  });

  it('keeps genomes valid through many random mutations', () => {
    const ctx = context(8, {
      mutation: { addNodeProbability: 0.3, addConnectionProbability: 0.3, toggleEnableProbability: 0.2, reenableProbability: 0.2 },
    });
    const g = base();
    for (let i = 0; i < 300; i++) mutateGenome(g, ctx);
    validateGenome(g);
    expect(g.nodes.length).toBeGreaterThan(10);
    expect(() => NeatNetwork.fromGenome(g, { slope: 4.9, recurrent: false, activationSteps: 1 })).not.toThrow();
  });
});
