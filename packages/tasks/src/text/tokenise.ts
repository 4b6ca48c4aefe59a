/**
 * Tokenisers for the text tasks: characters (language models over names) and a small word
 * vocabulary (bag-of-words, TF-IDF and word sequences for classification). No subword merges:
 * the vocabulary is the most frequent words of the training split, the rest map to `<unk>`.
 * Id 0 is always padding, so `embedding(..., { paddingIndex: 0 })`, recurrent `mask: true` and
 * the `masked-softmax-cross-entropy` loss of `@evoprop/core` can skip it.
 */
import { TaskError } from '../errors.js';

/** Tokens by id and ids by token. Id 0 is padding. */
export type Vocabulary = Readonly<{
  /** The token each id stands for; `tokens[0]` is the padding token. */
  tokens: readonly string[];
  /** The id of each token. */
  ids: ReadonlyMap<string, number>;
}>;

/** The padding token, id 0 of every vocabulary here. */
export const PAD = '<pad>';
/** The unknown-word token, id 1 of a word vocabulary. */
export const UNK = '<unk>';
/** The boundary token of a character vocabulary (id 1): it starts every name as input and ends it as target (makemore's `.`). */
export const BOUNDARY = '.';

/** A vocabulary from its tokens in id order. Throws when a token repeats. */
export function vocabularyOf(tokens: readonly string[]): Vocabulary {
  const ids = new Map<string, number>();
  tokens.forEach((t, i) => {
    if (ids.has(t)) throw new TaskError(`vocabularyOf: expected distinct tokens, got '${t}' at ids ${ids.get(t)} and ${i}`);
    ids.set(t, i);
  });
  return { tokens: [...tokens], ids };
}

/**
 * The characters of `texts`, sorted by code point, after the padding and boundary tokens:
 * `['<pad>', '.', 'a', 'b', …]`. The same texts give the same ids, whatever their order.
 * @example characterVocabulary(['ann', 'bob']).tokens // ['<pad>', '.', 'a', 'b', 'n', 'o']
 */
export function characterVocabulary(texts: Iterable<string>): Vocabulary {
  const chars = new Set<string>();
  for (const text of texts) for (const c of text) chars.add(c);
  if (chars.has(BOUNDARY)) throw new TaskError(`characterVocabulary: expected texts without the boundary token '${BOUNDARY}'`);
  return vocabularyOf([PAD, BOUNDARY, ...[...chars].sort()]);
}

/** The ids of each character of `text`. Throws on a character outside the vocabulary, naming it. */
export function encodeCharacters(text: string, vocabulary: Vocabulary): Int32Array {
  const chars = [...text];
  return Int32Array.from(chars, (c, i) => {
    const id = vocabulary.ids.get(c);
    if (id === undefined) throw new TaskError(`encodeCharacters: expected characters of the vocabulary, got '${c}' at ${i} of '${text}'`);
    return id;
  });
}

/** The text of `ids`, stopping at the first padding (0) or at `stopAt` when given; ids outside the vocabulary throw. */
export function decodeTokens(
  ids: ArrayLike<number>,
  vocabulary: Vocabulary,
  options: Readonly<{ stopAt?: number; separator?: string }> = {},
): string {
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    if (id === 0 || id === options.stopAt) break;
    const token = vocabulary.tokens[id];
    if (token === undefined) throw new TaskError(`decodeTokens: expected ids in 0..${vocabulary.tokens.length - 1}, got ${id} at ${i}`);
    out.push(token);
  }
  return out.join(options.separator ?? '');
}

/**
 * Lower-cased word tokens: runs of letters and digits (an apostrophe inside a word kept, as in
 * "don't"), plus `$` and `!` as tokens of their own, since spam filters have long counted them
 * (Sahami et al. 1998, §3).
 * @example wordTokens("Don't pay $100 now!") // ["don't", 'pay', '$', '100', 'now', '!']
 */
export function wordTokens(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+(?:'[a-z]+)?|[$!]/g) ?? [];
}

/** Options of {@link wordVocabulary}. */
export type WordVocabularyOptions = Readonly<{
  /** Most words kept, besides `<pad>` and `<unk>`. Default 2000. */
  maxSize?: number;
  /** Fewest documents a word must appear in. Default 2. */
  minDocuments?: number;
}>;

/** A word vocabulary with each word's document frequency, for TF-IDF. */
export type WordVocabulary = Vocabulary &
  Readonly<{
    /** Documents each id appears in (0 for `<pad>` and `<unk>`). */
    documentFrequency: Float64Array;
    /** Documents the vocabulary was built from. */
    documents: number;
  }>;

/**
 * The `maxSize` words found in most documents (ties: alphabetical), after `<pad>` (0) and
 * `<unk>` (1). Build it on the training split only, so held-out words stay unknown.
 * @example wordVocabulary([['a', 'b'], ['a']], { minDocuments: 1 }).tokens // ['<pad>', '<unk>', 'a', 'b']
 */
export function wordVocabulary(documents: readonly (readonly string[])[], options: WordVocabularyOptions = {}): WordVocabulary {
  const maxSize = options.maxSize ?? 2000;
  const minDocuments = options.minDocuments ?? 2;
  const df = new Map<string, number>();
  for (const doc of documents) for (const w of new Set(doc)) df.set(w, (df.get(w) ?? 0) + 1);
  const words = [...df.entries()]
    .filter(([w, n]) => n >= minDocuments && w !== PAD && w !== UNK)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxSize)
    .map(([w]) => w);
  const vocabulary = vocabularyOf([PAD, UNK, ...words]);
  const documentFrequency = Float64Array.from(vocabulary.tokens, (t, i) => (i < 2 ? 0 : (df.get(t) as number)));
  return { ...vocabulary, documentFrequency, documents: documents.length };
}

/** The ids of `words`, unknown words as `<unk>` (1), cut or right-padded with 0 to `length`. */
export function encodeWords(words: readonly string[], vocabulary: Vocabulary, length: number): Int32Array {
  const out = new Int32Array(length);
  for (let i = 0; i < Math.min(length, words.length); i++) out[i] = vocabulary.ids.get(words[i] as string) ?? 1;
  return out;
}

/** How {@link bagOfWords} weighs a word in a document. */
export type BagWeighting = 'binary' | 'count' | 'tfidf';

/**
 * One row per document, one column per vocabulary id (`<pad>` and `<unk>` columns stay 0):
 * `'binary'` presence, `'count'` occurrences, or `'tfidf'` — sublinear tf (1 + ln count) times
 * smoothed idf ln((1 + N) / (1 + df)) + 1, each row scaled to unit L2 norm (scikit-learn's
 * `TfidfVectorizer(sublinear_tf=True)`, Manning et al. 2008, §6.4.1).
 */
export function bagOfWords(documents: readonly (readonly string[])[], vocabulary: WordVocabulary, weighting: BagWeighting): Float32Array {
  const v = vocabulary.tokens.length;
  const out = new Float32Array(documents.length * v);
  const idf = Float64Array.from(vocabulary.documentFrequency, (df) => Math.log((1 + vocabulary.documents) / (1 + df)) + 1);
  documents.forEach((doc, d) => {
    const row = out.subarray(d * v, (d + 1) * v);
    for (const w of doc) {
      const id = vocabulary.ids.get(w);
      if (id !== undefined && id >= 2) row[id] = (row[id] as number) + 1;
    }
    if (weighting === 'count') return;
    let norm = 0;
    for (let j = 2; j < v; j++) {
      const c = row[j] as number;
      if (c === 0) continue;
      const value = weighting === 'binary' ? 1 : (1 + Math.log(c)) * (idf[j] as number);
      row[j] = value;
      norm += value * value;
    }
    if (weighting === 'tfidf' && norm > 0) {
      const scale = 1 / Math.sqrt(norm);
      for (let j = 2; j < v; j++) row[j] = (row[j] as number) * scale;
    }
  });
  return out;
}
