/**
 * Next-character prediction of English first names, the character-level language model of
 * Karpathy's makemore (2022): each name is a sequence `.` c₁ … c_L → c₁ … c_L `.`, where `.` (id 1)
 * starts the name as input and ends it as target; shorter names are right-padded with id 0,
 * which the `masked-softmax-cross-entropy` loss leaves out. The split is by name (a seeded
 * shuffle of the distinct names), so test names were never seen in training.
 */
import type { Tensor } from '@evoprop/tensor';
import { z } from 'zod';
import { TaskError } from '../errors.js';
import { defineBuiltinTask } from '../registry/define.js';
import type { Dataset } from '../supervised/dataset.js';
import { makeSplit, splitIndices } from '../supervised/dataset.js';
import { taskRng } from '../supervised/rng.js';
import { type NameList, firstNames } from './corpora.js';
import { BOUNDARY, type Vocabulary, characterVocabulary, encodeCharacters } from './tokenise.js';

/**
 * Names as next-character pairs: inputs [n, time] = `.` then the characters, targets [n, time] =
 * the characters then `.`, both padded with 0 to `time` (default: the longest name + 1).
 */
export function nameSequences(names: readonly string[], vocabulary: Vocabulary, time?: number): Dataset {
  const longest = names.reduce((m, n) => Math.max(m, [...n].length), 0);
  const steps = time ?? longest + 1;
  if (longest + 1 > steps) throw new TaskError(`nameSequences: expected names of at most ${steps - 1} characters, got one of ${longest}`);
  const boundary = vocabulary.ids.get(BOUNDARY) as number;
  const x = new Float32Array(names.length * steps);
  const y = new Float32Array(names.length * steps);
  names.forEach((name, i) => {
    const ids = encodeCharacters(name, vocabulary);
    x[i * steps] = boundary;
    x.set(ids, i * steps + 1);
    y.set(ids, i * steps);
    y[i * steps + ids.length] = boundary;
  });
  return { x, y, n: names.length, sampleShape: [steps], targetShape: [steps] };
}

export const namesTask = defineBuiltinTask({
  id: 'names',
  kind: 'supervised',
  description:
    'First names (stdlib lists, 8,422 distinct): predict each next character; inputs [n, 16] character ids, per-step class targets, padding masked.',
  options: z.strictObject({
    /** Which lists: 'both' (default), 'female' or 'male'. */
    list: z.enum(['both', 'female', 'male']).default('both'),
    /** Use a seeded subset of this many names (small versions for evolution); default: all of them. */
    samples: z.int().min(3).max(100_000).optional().meta({ unit: 'samples' }),
    /** Fraction of the names held out for validation. Default 0.1. */
    validationFraction: z.number().min(0).max(0.9).default(0.1).meta({ unit: 'fraction of samples' }),
    /** Fraction of the names held out for the final test. Default 0.1. */
    testFraction: z.number().min(0).max(0.9).default(0.1).meta({ unit: 'fraction of samples' }),
  }),
  build: (seed, o, m) => {
    const all = firstNames(o.list as NameList);
    // The vocabulary and the padded length come from every name, so subsets and seeds share ids and shapes.
    const vocabulary = characterVocabulary(all);
    const rng = taskRng(m.id, seed);
    const chosen =
      o.samples === undefined || o.samples >= all.length ? all : pick(all, rng.fork('subset').permutation(all.length), o.samples);
    const data = nameSequences(chosen, vocabulary, all.reduce((l, n) => Math.max(l, n.length), 0) + 1);
    const idx = splitIndices(rng.fork('split'), data.n, { validation: o.validationFraction, test: o.testFraction });
    return {
      kind: 'supervised',
      id: m.id,
      seed,
      description: m.description,
      inputShape: data.sampleShape,
      outputSize: vocabulary.tokens.length,
      problem: 'classification',
      loss: 'masked-softmax-cross-entropy',
      metric: 'accuracy',
      train: makeSplit(data, idx.train),
      validation: makeSplit(data, idx.validation),
      test: makeSplit(data, idx.test),
      targetShape: data.targetShape,
      tokens: vocabulary.tokens,
    };
  },
});

/** `count` entries of `items` in the order `order` gives, sorted back (the subset, not its order, is random). */
function pick(items: readonly string[], order: Int32Array, count: number): string[] {
  return Array.from(order.subarray(0, count))
    .sort((a, b) => a - b)
    .map((i) => items[i] as string);
}

/** The names of a split of the names task (decoded from its inputs), e.g. the training names for novelty checks. */
export function namesOf(x: Tensor, tokens: readonly string[]): string[] {
  const [n, time] = x.shape as [number, number];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let s = '';
    for (let t = 1; t < time; t++) {
      const id = x.data[i * time + t] as number;
      if (id === 0) break;
      s += tokens[id];
    }
    out.push(s);
  }
  return out;
}
