/**
 * Plain Node ESM scripts, one per package, that import the installed tarball with static
 * `import` statements (as a user would) and exercise a few exports. A package not listed
 * here is still imported, and its runtime exports are compared with its src/index.ts.
 * Add an entry when a package gains an API worth guarding.
 */
export const smokeChecks: Readonly<Record<string, string>> = {
  '@evoprop/tensor': `
import assert from 'node:assert/strict';
import { Rng, backward, fromArray, matmul, mul, noGrad, randn, sum } from '@evoprop/tensor';

const c = matmul(fromArray([[1, 2], [3, 4]]), fromArray([[5, 6], [7, 8]]));
assert.deepEqual(Array.from(c.shape), [2, 2]);
assert.deepEqual(Array.from(c.data), [19, 22, 43, 50]);

const w = fromArray([1, 2, 3]).requireGrad();
backward(sum(mul(w, w)));
assert.deepEqual(Array.from(w.grad.data), [2, 4, 6]);

const a = randn([5], Rng.fromSeed(7)).data;
const b = noGrad(() => randn([5], Rng.fromSeed(7))).data;
assert.deepEqual(Array.from(a), Array.from(b));
`,
  '@evoprop/core': `
import assert from 'node:assert/strict';
import { Params } from '@evoprop/core';
import { fromArray } from '@evoprop/tensor';

const p = new Params([{ name: 'dense.weight', shape: [2, 3] }, { name: 'dense.bias', shape: [3] }]);
assert.equal(p.size, 9);
assert.deepEqual(p.names, ['dense.weight', 'dense.bias']);
p.vector.fill(0.5);
assert.equal(p.get('dense.bias').data[2], 0.5);
assert.ok(fromArray([1]).size === 1);
`,
  '@evoprop/evolution': `
import assert from 'node:assert/strict';
import { cmaEs, minimize, sphere } from '@evoprop/evolution';
import { Rng } from '@evoprop/tensor';

const state = minimize(cmaEs, { mean: [1, -1, 0.5], sigma: 0.5, stop: { targetFitness: 1e-10 } }, sphere, {
  rng: Rng.fromSeed(0),
  maxGenerations: 1000,
});
assert.ok(state.bestFitness < 1e-8, \`CMA-ES on the 3-d sphere reached \${state.bestFitness}\`);
`,
};

/** Typed uses that a TypeScript consumer must compile (checked with tsc against the installed .d.ts files). */
export const typedChecks: Readonly<Record<string, string>> = {
  '@evoprop/tensor': `
import { type Tensor, Rng, fromArray, matmul } from '@evoprop/tensor';
export const product: Tensor = matmul(fromArray([[1, 2]]), fromArray([[3], [4]]));
export const draw: number = Rng.fromSeed(1).uniform();
`,
  '@evoprop/core': `
import { Params } from '@evoprop/core';
export const params: Params = new Params([{ name: 'w', shape: [2, 2] }]);
export const count: number = params.size;
`,
};

/** A script that imports every package dynamically and prints its runtime export names as JSON. */
export const exportsScript = (names: readonly string[]): string => `
const out = {};
for (const name of ${JSON.stringify(names)}) {
  const mod = await import(name);
  out[name] = { exports: Object.keys(mod).sort(), undefinedExports: Object.keys(mod).filter((k) => mod[k] === undefined) };
}
console.log(JSON.stringify(out));
`;
