import { Rng } from '@evoprop/tensor';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelFileError } from '../errors.js';
import { dense } from '../layers/dense.js';
import { batchNorm } from '../layers/normalization.js';
import { sequential } from '../model/sequential.js';
import { loadModel, saveModel } from './model-file.js';
import { assembleSafetensors as assemble } from '../testing/safetensors-bytes.js';
import { readSafetensors } from './safetensors.js';

// Feeds the model-file reader 10,000+ mutated files (fast-check, fixed seed): byte-level
// damage (bit flips, overwritten bytes, truncation, insertion, deletion, a forged header
// length) and header-level damage (any value in the header, the spec, the frozen and buffer
// lists or the digests replaced by hostile JSON: huge units, negative offsets, wrong types).
// Every outcome must be a model or a ModelFileError, and every typed array allocated while
// reading must total at most a small multiple of the file's size.

const RUNS = 10_000;
const ALLOCATION_FACTOR = 8; // bytes allocated per byte of file, at most
const ALLOCATION_SLACK = 4096; // plus fixed scratch (the SHA-256 schedule, small views)

function baseFiles(): Uint8Array[] {
  const rng = Rng.fromSeed(21);
  const mlp = sequential([dense(5, { activation: 'tanh' }), batchNorm(), dense(3)], { inputShape: [4], rng });
  mlp.params.setTrainable(['dense2.bias'], false);
  const linear = sequential([dense(2)], { inputShape: [3], rng });
  const withDigest = saveModel(mlp);
  // The same file as written before checksums: no digests, so data-section damage reaches the loader.
  const n = Number(new DataView(withDigest.buffer).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(withDigest.subarray(8, 8 + n))) as Record<string, Record<string, string>>;
  delete header.__metadata__?.['evoprop.sha256'];
  delete header.__metadata__?.['evoprop.sha256.tensors'];
  return [withDigest, assemble(header, withDigest.subarray(8 + n)), saveModel(linear)];
}

type ByteMutation =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'set'; at: number; value: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'delete'; at: number; length: number }
  | { op: 'length'; value: bigint };
type JsonMutation = { op: 'json'; path: number; remove: boolean; value: unknown };
type Mutation = ByteMutation | JsonMutation;

const hostileJson = fc.oneof(
  fc.constantFrom(0, -1, 1.5, 1e9, 2 ** 31, 2 ** 53, -(2 ** 53), 1e300, 'F16', 'F32', '', 'sequential', null, true, [], {}),
  fc.constantFrom([0, 0], [0, 1e9], [1e9, 0], [-4, 4], [0, 2 ** 53], [1e5, 1e5], [1e9, 1e9, 1e9], [0, 16]),
  fc.integer({ min: -5, max: 200 }),
  fc.array(fc.integer({ min: -2, max: 70_000 }), { maxLength: 4 }),
  fc.jsonValue({ maxDepth: 2 }),
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 12 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 24 }) }),
  fc.record({
    op: fc.constant('length' as const),
    value: fc.oneof(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.bigInt({ min: 0n, max: 2048n })),
  }),
  fc.record({ op: fc.constant('json' as const), path: fc.nat(), remove: fc.boolean(), value: hostileJson }),
  fc.record({ op: fc.constant('json' as const), path: fc.nat(), remove: fc.boolean(), value: hostileJson }),
);

// Metadata entries that hold JSON text: mutate inside them, then write them back as text.
const nestedJson = ['evoprop.spec', 'evoprop.frozen', 'evoprop.buffers', 'evoprop.sha256.tensors'];

function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = [...prefix, Array.isArray(value) ? Number(k) : k];
      out.push(p);
      paths(v, p, out);
    }
  }
  return out;
}

function mutateJson(file: Uint8Array, m: JsonMutation): Uint8Array {
  if (file.length < 8) return file;
  const n = Number(new DataView(file.buffer, file.byteOffset).getBigUint64(0, true));
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + n)));
  } catch {
    return file;
  }
  const meta = header.__metadata__ as Record<string, unknown> | undefined;
  if (meta !== null && typeof meta === 'object') {
    for (const k of nestedJson) {
      if (typeof meta[k] === 'string') {
        try {
          meta[k] = { __text__: JSON.parse(meta[k] as string) };
        } catch {
          // leave unparseable text as it is
        }
      }
    }
  }
  const all = paths(header);
  const path = all[m.path % Math.max(1, all.length)];
  if (path !== undefined && path.length > 0) {
    let parent: Record<string | number, unknown> = header;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path[path.length - 1] as string | number;
    if (m.remove) {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else parent[last] = m.value;
  }
  const restore = (v: unknown): unknown => {
    if (v !== null && typeof v === 'object' && '__text__' in v && Object.keys(v).length === 1)
      return JSON.stringify((v as { __text__: unknown }).__text__);
    return v;
  };
  if (header.__metadata__ !== null && typeof header.__metadata__ === 'object') {
    const md = header.__metadata__ as Record<string, unknown>;
    for (const k of Object.keys(md)) md[k] = restore(md[k]);
  }
  return assemble(header, file.subarray(Math.min(file.length, 8 + n)));
}

function apply(file: Uint8Array, m: Mutation): Uint8Array {
  const at = file.length === 0 ? 0 : 'at' in m ? m.at % file.length : 0;
  switch (m.op) {
    case 'flip': {
      const out = file.slice();
      if (out.length > 0) out[at] = (out[at] as number) ^ (1 << m.bit);
      return out;
    }
    case 'set': {
      const out = file.slice();
      if (out.length > 0) out[at] = m.value;
      return out;
    }
    case 'truncate':
      return file.slice(0, at);
    case 'insert': {
      const out = new Uint8Array(file.length + m.bytes.length);
      out.set(file.subarray(0, at));
      out.set(m.bytes, at);
      out.set(file.subarray(at), at + m.bytes.length);
      return out;
    }
    case 'delete': {
      const end = Math.min(file.length, at + m.length);
      const out = new Uint8Array(file.length - (end - at));
      out.set(file.subarray(0, at));
      out.set(file.subarray(end), at);
      return out;
    }
    case 'length': {
      const out = file.slice();
      if (out.length >= 8) new DataView(out.buffer).setBigUint64(0, m.value, true);
      return out;
    }
    case 'json':
      return mutateJson(file, m);
  }
}

// Count every typed array and ArrayBuffer allocated while a file is read, by wrapping the
// global constructors in proxies (instanceof and the static methods still work through them).
let allocated = 0;
const counted = ['ArrayBuffer', 'Uint8Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array'] as const;
const originals = new Map<string, unknown>();
function counting<C extends abstract new (...args: never[]) => object>(ctor: C, bytesPerElement: number): C {
  return new Proxy(ctor, {
    construct(target, args: unknown[], newTarget) {
      const a = args[0];
      if (typeof a === 'number') allocated += a * bytesPerElement;
      else if (a !== null && typeof a === 'object' && !(a instanceof originalArrayBuffer) && 'length' in a)
        allocated += Number((a as { length: number }).length) * bytesPerElement;
      return Reflect.construct(target, args, newTarget);
    },
  });
}
const originalArrayBuffer = ArrayBuffer;

function measure<T>(fn: () => T): { value: T | undefined; error: unknown; bytes: number } {
  allocated = 0;
  try {
    return { value: fn(), error: undefined, bytes: allocated };
  } catch (error) {
    return { value: undefined, error, bytes: allocated };
  }
}

describe(`model files survive ${RUNS.toLocaleString('en')} mutations`, () => {
  const bases = baseFiles();
  const g = globalThis as unknown as Record<string, unknown>;
  beforeAll(() => {
    for (const name of counted) {
      const ctor = g[name] as (abstract new (...args: never[]) => object) & { BYTES_PER_ELEMENT?: number };
      originals.set(name, ctor);
      g[name] = counting(ctor, ctor.BYTES_PER_ELEMENT ?? 1);
    }
  });
  afterAll(() => {
    for (const [name, ctor] of originals) g[name] = ctor;
  });

  it('every outcome is a model or a ModelFileError, and reading allocates at most 8× the file', () => {
    const outcomes = { loaded: 0, rejected: 0 };
    fc.assert(
      fc.property(fc.nat({ max: bases.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), (which, mutations) => {
        const file = mutations.reduce(apply, bases[which] as Uint8Array);
        const limit = ALLOCATION_FACTOR * file.length + ALLOCATION_SLACK;
        let loaded = false;
        for (const [name, read] of [
          ['readSafetensors', () => readSafetensors(file)],
          ['loadModel', () => loadModel(file)],
        ] as [string, () => unknown][]) {
          const r = measure(read);
          if (r.error !== undefined && !(r.error instanceof ModelFileError)) {
            throw new Error(`${name} threw ${(r.error as Error).name ?? typeof r.error}: ${(r.error as Error).message ?? String(r.error)}`);
          }
          if (r.bytes > limit) throw new Error(`${name} allocated ${r.bytes} bytes reading a ${file.length}-byte file (limit ${limit})`);
          loaded = name === 'loadModel' && r.error === undefined;
        }
        if (loaded) outcomes.loaded++;
        else outcomes.rejected++;
      }),
      { numRuns: RUNS, seed: 20_261_207 },
    );
    // Both outcomes occur: the mutations reach past the first checks, and most files break.
    expect(outcomes.loaded).toBeGreaterThan(50);
    expect(outcomes.rejected).toBeGreaterThan(RUNS / 2);
  });

  it('the allocation meter sees allocations (a control: a 1 MB array counts)', () => {
    expect(measure(() => new Float32Array(262_144)).bytes).toBe(1_048_576);
  });
});
