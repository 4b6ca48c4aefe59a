import { describe, expect, it } from 'vitest';
import {
  bagOfWords,
  characterVocabulary,
  decodeTokens,
  encodeCharacters,
  encodeWords,
  vocabularyOf,
  wordTokens,
  wordVocabulary,
} from './tokenise.js';

describe('character tokeniser', () => {
  it('pads with 0, marks boundaries with 1, sorts the characters, and round-trips', () => {
    const v = characterVocabulary(['bob', 'ann']);
    expect(v.tokens).toEqual(['<pad>', '.', 'a', 'b', 'n', 'o']);
    expect(characterVocabulary(['ann', 'bob']).tokens).toEqual(v.tokens);
    const ids = encodeCharacters('anna', v);
    expect(Array.from(ids)).toEqual([2, 4, 4, 2]);
    expect(decodeTokens([...ids, 0, 3], v)).toBe('anna');
    expect(decodeTokens([3, 5, 1, 2], v, { stopAt: 1 })).toBe('bo');
  });

  it('names what it cannot encode or decode', () => {
    const v = characterVocabulary(['ab']);
    expect(() => encodeCharacters('abc', v)).toThrow(/encodeCharacters: expected characters of the vocabulary, got 'c' at 2 of 'abc'/);
    expect(() => decodeTokens([2, 9], v)).toThrow(/decodeTokens: expected ids in 0\.\.3, got 9 at 1/);
    expect(() => characterVocabulary(['a.b'])).toThrow(/boundary token/);
    expect(() => vocabularyOf(['<pad>', 'x', 'x'])).toThrow(/distinct tokens, got 'x' at ids 1 and 2/);
  });
});

describe('word tokeniser and vocabulary', () => {
  it('lower-cases words, keeps inner apostrophes, and splits $ and ! off', () => {
    expect(wordTokens("Don't pay $100 NOW!! <b>Click</b>")).toEqual(["don't", 'pay', '$', '100', 'now', '!', '!', 'b', 'click', 'b']);
    expect(wordTokens('')).toEqual([]);
  });

  it('keeps the words found in most documents (ties alphabetical), after <pad> and <unk>', () => {
    const docs = [['b', 'a', 'a'], ['a', 'c'], ['c', 'b'], ['d']];
    const v = wordVocabulary(docs, { maxSize: 2, minDocuments: 1 });
    expect(v.tokens).toEqual(['<pad>', '<unk>', 'a', 'b']);
    expect(Array.from(v.documentFrequency)).toEqual([0, 0, 2, 2]);
    expect(wordVocabulary(docs).tokens).toEqual(['<pad>', '<unk>', 'a', 'b', 'c']); // minDocuments 2 drops d
    expect(Array.from(encodeWords(['a', 'zz', 'b'], v, 5))).toEqual([2, 1, 3, 0, 0]);
    expect(Array.from(encodeWords(['a', 'b', 'a'], v, 2))).toEqual([2, 3]);
  });

  it('bags: counts, presence, and TF-IDF rows of unit length with rarer words weighted up', () => {
    const docs = [['a', 'a', 'b'], ['a'], ['a', 'c']];
    const v = wordVocabulary(docs, { minDocuments: 1 }); // <pad> <unk> a b c
    expect(Array.from(bagOfWords(docs, v, 'count').subarray(0, 5))).toEqual([0, 0, 2, 1, 0]);
    expect(Array.from(bagOfWords(docs, v, 'binary').subarray(0, 5))).toEqual([0, 0, 1, 1, 0]);
    const tfidf = bagOfWords(docs, v, 'tfidf');
    const row = Array.from(tfidf.subarray(0, 5));
    expect(Math.hypot(...row)).toBeCloseTo(1, 6);
    // tf: 1 + ln 2 for a, 1 for b; idf: ln(4/4) + 1 = 1 for a, ln(4/2) + 1 for b
    expect((row[3] as number) / (row[2] as number)).toBeCloseTo((Math.log(2) + 1) / (1 + Math.log(2)), 6);
    expect(Array.from(bagOfWords([['zz']], v, 'tfidf'))).toEqual([0, 0, 0, 0, 0]);
  });
});
