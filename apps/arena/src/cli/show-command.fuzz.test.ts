import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveModel } from '@evoprop/core/io';
import { assembleSafetensors as assemble, splitSafetensors } from '@evoprop/core/testing';
import { NeatModel, interfaceNodes } from '@evoprop/evolution/neat';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stubMlp } from '../testing-fixtures/stub-model.js';
import { main } from './main.js';

// `evoprop-arena show` on 10,000 mutated model files (fast-check, fixed seed): byte damage (flips,
// overwrites, truncation, insertion, deletion, a forged header length) and header damage (a value
// anywhere in the header JSON replaced by hostile JSON). Every outcome is a summary (exit 0) or one
// line on stderr with exit 2: never a stack trace, never an exception out of `main`.

const RUNS = 10_000;

function neatFile(): Uint8Array {
  const genome = {
    inputs: 2,
    outputs: 1,
    nodes: [...interfaceNodes(2, 1), { id: 4, kind: 'hidden' as const }],
    connections: [
      { innovation: 0, from: 0, to: 4, weight: 1.5, enabled: true },
      { innovation: 1, from: 4, to: 3, weight: 0.5, enabled: true },
    ],
  };
  return saveModel(new NeatModel(genome, { slope: 4.9, recurrent: false, activationSteps: 1 }));
}

/** Every path to a value inside a JSON value, including inside JSON-text metadata strings (marked with '#json'). */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (typeof value === 'string' && /^[[{]/.test(value)) {
    try {
      paths(JSON.parse(value), [...prefix, '#json'], out);
    } catch {}
  } else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, Array.isArray(value) ? Number(k) : k], out);
  return out;
}

function replaceAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  if (head === '#json') return JSON.stringify(replaceAt(JSON.parse(value as string), rest, replacement));
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head] = replaceAt(copy[head], rest, replacement);
  return copy;
}

const hostile = fc.oneof(
  fc.constantFrom(0, -1, 1.5, 1e9, 2 ** 53, 'F16', 'F32', '', null, true, [], {}, [0, 1e9], [-4, 4], [1e9, 1e9]),
  fc.jsonValue({ maxDepth: 2 }),
);
const mutation = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 12 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 24 }) }),
  fc.record({ op: fc.constant('length' as const), value: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }) }),
  fc.record({ op: fc.constant('json' as const), path: fc.nat(), value: hostile }),
  fc.record({ op: fc.constant('json' as const), path: fc.nat(), value: hostile }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  const at = 'at' in m ? m.at % (bytes.length + 1) : 0;
  switch (m.op) {
    case 'flip':
    case 'set': {
      const out = bytes.slice();
      if (out.length === 0) return out;
      const i = at % out.length;
      out[i] = m.op === 'flip' ? (out[i] as number) ^ (1 << m.bit) : m.value;
      return out;
    }
    case 'truncate':
      return bytes.slice(0, at);
    case 'insert':
      return new Uint8Array([...bytes.subarray(0, at), ...m.bytes, ...bytes.subarray(at)]);
    case 'delete':
      return new Uint8Array([...bytes.subarray(0, at), ...bytes.subarray(at + m.length)]);
    case 'length': {
      const out = bytes.slice();
      if (out.length >= 8) new DataView(out.buffer).setBigUint64(0, m.value, true);
      return out;
    }
    case 'json': {
      // Only a file whose header still parses can have a value in it replaced.
      let parsed: ReturnType<typeof splitSafetensors>;
      try {
        parsed = splitSafetensors(bytes);
      } catch {
        return bytes;
      }
      const { header, data } = parsed;
      const all = paths(header);
      return assemble(replaceAt(header, all[m.path % all.length] ?? [], m.value), data);
    }
  }
}

describe('evoprop-arena show, fuzzed', () => {
  it(`prints a summary or one line with exit 2 for ${RUNS} mutated model files`, async () => {
    const bases = [neatFile(), saveModel(stubMlp(2, 3, 2))];
    const file = join(mkdtempSync(join(tmpdir(), 'arena-show-fuzz-')), 'model.safetensors');
    const outcomes = { ok: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (base, ms) => {
        writeFileSync(file, ms.reduce(mutate, bases[base % bases.length] as Uint8Array));
        let err = '';
        const code = await main(['show', file, '--json'], { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) } });
        if (code === 0) outcomes.ok++;
        else {
          expect(code).toBe(2);
          expect(err).toMatch(/^evoprop-arena: [^\n]+\n$/);
          expect(err).not.toMatch(/\n\s+at /);
          outcomes.refused++;
        }
      }),
      { numRuns: RUNS, seed: 21 },
    );
    // Both kinds of outcome happen: the mutations are not all fatal, nor all harmless.
    expect(outcomes.ok).toBeGreaterThan(100);
    expect(outcomes.refused).toBeGreaterThan(RUNS / 2);
  }, 300_000);
});
