import { describe, expect, it } from 'vitest';
import { createTask } from '../registry/registry.js';
import type { BuiltSupervisedTask } from '../spec.js';
import { readEmails, spamAssassinIndex } from './corpora.js';
import { emailText, isSpam, maxCharacters } from './spam.js';

const spam = (seed: number, options: Record<string, unknown>) => createTask('spam-assassin', seed, options) as BuiltSupervisedTask;
const share = (y: Float32Array) => y.reduce((a, b) => a + b, 0) / y.length;

describe('SpamAssassin', () => {
  it('indexes the 6,046 emails of the package: 4,150 ham and 1,896 spam', () => {
    const index = spamAssassinIndex();
    expect(index).toHaveLength(6046);
    expect(index.filter(isSpam)).toHaveLength(1896);
    const [first] = readEmails(index.slice(0, 1));
    expect(first?.text).toMatch(/^From /);
  });

  it('strips headers but the subject, or keeps the whole message', () => {
    const raw = 'From: a@b.example\r\nSubject:  Cheap meds\r\nReceived: x\r\n\r\nBuy now\n\nbye';
    expect(emailText(raw, 'strip')).toBe('Cheap meds\nBuy now\n\nbye');
    expect(emailText('no blank line', 'strip')).toBe('\n');
    expect(emailText(raw, 'keep')).toBe(raw);
    expect(emailText(`Subject: x\n\n${'a'.repeat(30_000)}`, 'strip')).toHaveLength(maxCharacters);
  });

  it('a seeded, stratified split of a small version: same seed same bytes, class shares kept', () => {
    const t = spam(2, { samples: 200, vocabularySize: 300 });
    expect(t.inputShape).toEqual([302]);
    expect(t.tokens?.slice(0, 2)).toEqual(['<pad>', '<unk>']);
    expect([t.train.x.shape[0], t.validation.x.shape[0], t.test.x.shape[0]]).toEqual([130, 30, 40]);
    expect(spam(2, { samples: 200, vocabularySize: 300 }).train.x.data).toEqual(t.train.x.data);
    const all = share(new Float32Array([...t.train.y.data, ...t.validation.y.data, ...t.test.y.data]));
    expect(Math.abs(share(t.test.y.data) - all)).toBeLessThan(0.02);
    expect(Math.abs(share(t.validation.y.data) - all)).toBeLessThan(0.03);
    // TF-IDF rows have unit length (or are empty)
    for (let i = 0; i < 10; i++) {
      const row = t.test.x.data.subarray(i * 302, (i + 1) * 302);
      const norm = Math.sqrt(row.reduce((a, v) => a + v * v, 0));
      expect(norm === 0 || Math.abs(norm - 1) < 1e-5).toBe(true);
    }
  });

  it('word-id sequences: the first sequenceLength words, 0-padded', () => {
    const t = spam(2, { samples: 100, representation: 'tokens', sequenceLength: 50, vocabularySize: 100 });
    expect(t.inputShape).toEqual([50]);
    expect(t.train.x.data.every((v) => Number.isInteger(v) && v >= 0 && v < 102)).toBe(true);
  });
});
