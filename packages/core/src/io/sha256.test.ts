import { createHash } from 'node:crypto';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from './sha256.js';

const text = (s: string) => new TextEncoder().encode(s);

describe('sha256Hex', () => {
  // FIPS 180-4 examples (NIST CSRC "SHA256.pdf", "SHA2_Additional.pdf").
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    [
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
  ])('hashes the FIPS 180-4 vector %j', (message, digest) => {
    expect(sha256Hex(text(message))).toBe(digest);
  });

  it('hashes a million a’s (FIPS 180-4 long-message vector)', () => {
    expect(sha256Hex(new Uint8Array(1_000_000).fill(0x61))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('agrees with node:crypto at every length around the block and padding edges, and on subarrays', () => {
    const rng = Rng.fromSeed(11);
    const pool = new Uint8Array(4200);
    for (let i = 0; i < pool.length; i++) pool[i] = rng.int(0, 256);
    const lengths = [...Array.from({ length: 200 }, (_, i) => i), 447, 448, 511, 512, 1023, 1024, 4096];
    for (const n of lengths) {
      const part = pool.subarray(3, 3 + n);
      expect(sha256Hex(part), `length ${n}`).toBe(createHash('sha256').update(part).digest('hex'));
    }
  });
});
