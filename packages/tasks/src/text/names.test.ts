import { sequential } from '@evoprop/core';
import { embedding } from '@evoprop/core/layers';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { createTask } from '../registry/registry.js';
import type { BuiltSupervisedTask } from '../spec.js';
import { firstNames } from './corpora.js';
import { bigramLoss, sampleSequences, tokenLoss, unigramLoss } from './language-model.js';
import { nameSequences, namesOf } from './names.js';
import { characterVocabulary } from './tokenise.js';

const names = (seed: number, options: Record<string, unknown> = {}) =>
  createTask('names', seed, options) as BuiltSupervisedTask & { tokens: readonly string[] };

describe('first names', () => {
  it('reads both stdlib lists: 8,422 distinct lower-case names of 2 to 15 characters a–z and -', () => {
    const all = firstNames();
    expect(all).toHaveLength(8422);
    expect(firstNames('female').length + firstNames('male').length).toBeGreaterThan(8422); // some names are on both lists
    expect(all.every((n) => /^[a-z-]{2,15}$/.test(n))).toBe(true);
    expect(characterVocabulary(all).tokens.join('')).toBe('<pad>.-abcdefghijklmnopqrstuvwxyz');
  });

  it('encodes a name as . c1…cL → c1…cL . padded with 0', () => {
    const v = characterVocabulary(['ab']);
    const d = nameSequences(['ab', 'b'], v, 4);
    expect(Array.from(d.x)).toEqual([1, 2, 3, 0, 1, 3, 0, 0]);
    expect(Array.from(d.y)).toEqual([2, 3, 1, 0, 3, 1, 0, 0]);
    expect(() => nameSequences(['abab'], v, 4)).toThrow(/at most 3 characters, got one of 4/);
  });

  it('splits by name, seeded: the same seed gives the same bytes, no test name is a training name', () => {
    const a = names(3);
    expect(a.inputShape).toEqual([16]);
    expect(a.outputSize).toBe(29);
    expect(a.loss).toBe('masked-softmax-cross-entropy');
    expect([a.train.x.shape[0], a.validation.x.shape[0], a.test.x.shape[0]]).toEqual([6738, 842, 842]);
    expect(names(3).test.x.data).toEqual(a.test.x.data);
    expect(names(4).test.x.data).not.toEqual(a.test.x.data);
    const train = new Set(namesOf(a.train.x, a.tokens));
    const test = namesOf(a.test.x, a.tokens);
    expect(test.filter((n) => train.has(n))).toEqual([]);
    expect(new Set([...train, ...test, ...namesOf(a.validation.x, a.tokens)]).size).toBe(8422);
    const small = names(3, { samples: 300 });
    expect(small.train.x.shape).toEqual([240, 16]);
    expect(small.outputSize).toBe(29); // the same ids as the full task
  });

  it('baselines: bigram counts beat unigram counts, which beat uniform guessing', () => {
    const t = names(0);
    const uniform = Math.log(t.outputSize - 1);
    const unigram = unigramLoss(t.train, t.test, t.outputSize);
    const bigram = bigramLoss(t.train, t.test, t.outputSize);
    expect(unigram.tokens).toBe(bigram.tokens);
    expect(unigram.nats).toBeLessThan(0.9 * uniform);
    expect(bigram.nats).toBeLessThan(0.9 * unigram.nats);
    expect(bigram.bits).toBeCloseTo(bigram.nats / Math.LN2, 12);
    // seed 0 (figures in the README): unigram 2.85, bigram 2.44 nats/char with add-one counts
    expect(unigram.nats).toBeCloseTo(2.848, 2);
    expect(bigram.nats).toBeCloseTo(2.438, 2);
  });

  it('a model whose logits are the log bigram probabilities scores exactly the bigram baseline, and samples from it', () => {
    const t = names(1, { samples: 2000 });
    const v = t.outputSize;
    const time = t.inputShape[0] as number;
    // The reference: an embedding table whose row x holds log p(y | x) from add-one training counts.
    const counts = new Float64Array(v * v);
    t.train.y.data.forEach((y, i) => {
      if (y !== 0) counts[(t.train.x.data[i] as number) * v + y]! += 1;
    });
    const model = sequential([embedding(v, v)], { inputShape: [time], rng: Rng.fromSeed(1) });
    const table = model.params.get('embedding1.weight').data;
    for (let x = 0; x < v; x++) {
      let total = 0;
      for (let y = 1; y < v; y++) total += (counts[x * v + y] as number) + 1;
      table[x * v] = -1e4; // padding is never a target
      for (let y = 1; y < v; y++) table[x * v + y] = Math.log(((counts[x * v + y] as number) + 1) / total);
    }
    const model_ = tokenLoss(model, t.test, { batchSize: 50 });
    const reference = bigramLoss(t.train, t.test, v);
    expect(model_.tokens).toBe(reference.tokens);
    expect(model_.nats).toBeCloseTo(reference.nats, 4);
    const draw = (seed: number, temperature: number) =>
      sampleSequences(model, t.tokens, Rng.fromSeed(seed), { count: 40, time, temperature });
    const samples = draw(7, 1);
    expect(draw(7, 1)).toEqual(samples);
    expect(draw(8, 1)).not.toEqual(samples);
    expect(samples.every((s) => /^[a-z-]{0,15}$/.test(s))).toBe(true);
    // A low temperature follows the most likely bigrams: fewer distinct samples.
    expect(new Set(draw(7, 0.1)).size).toBeLessThan(new Set(samples).size);
    expect(() => draw(7, 0)).toThrow(/temperature > 0, got 0/);
  });
});
