import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BuiltTask } from '../spec.js';
import { createTask, createTaskFromSpec, taskIds } from './registry.js';

/** Small options so every task builds quickly; everything else is the default. */
const quick: Record<string, Record<string, unknown>> = {
  mnist: { trainSize: 100, validationSize: 50, testSize: 50 },
  'split-mnist': { trainSize: 100, validationSize: 50, testSize: 50 },
  'permuted-mnist': { trainSize: 100, validationSize: 50, testSize: 50 },
  'mnist-autoencoder': { trainSize: 100, validationSize: 50, testSize: 50 },
  'mnist-denoising': { trainSize: 100, validationSize: 50, testSize: 50 },
  adding: { samples: 200 },
  copy: { samples: 100 },
  memory: { samples: 100 },
  names: { samples: 300 },
  'spam-assassin': { samples: 100, vocabularySize: 100 },
};

/**
 * Tasks whose default build does not depend on the seed by definition, with the options under
 * which it does. Double pole starts from the reference code's fixed state (θ1 = 0.07 rad).
 */
const seedFreeByDefault: Record<string, Record<string, unknown>> = {
  'double-pole': { start: 'random' },
  'double-pole-nv': { start: 'random' },
};

/** A digest of everything a trainer can observe of a task. */
function fingerprint(task: BuiltTask): string {
  const hash = createHash('sha256');
  const add = (a: Float32Array | Float64Array) => hash.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  // Metadata, without the seed itself: what must differ between seeds is the data.
  hash.update(JSON.stringify({ ...task, seed: 0, spec: 0, train: 0, validation: 0, test: 0, initialPoint: 0, optimumPoint: 0 }));
  if (task.kind === 'supervised') {
    for (const split of [task.train, task.validation, task.test]) {
      hash.update(JSON.stringify([split.x.shape, split.y.shape]));
      add(split.x.data);
      add(split.y.data);
    }
  } else if (task.kind === 'control') {
    for (const episode of [0, 1, 2]) {
      const env = task.createEnvironment();
      let observation = env.reset(episode);
      add(observation);
      for (let t = 0; t < 50; t++) {
        const score = observation.reduce((a, b, i) => a + b * (i + 1), 0);
        const result = env.step(task.actionKind === 'discrete' ? (score > 0 ? 1 : 0) : Float32Array.of(score > 0 ? 0.8 : 0.2));
        observation = result.observation;
        add(observation);
        hash.update(String(result.reward));
        if (result.done) break;
      }
    }
  } else {
    add(task.initialPoint ?? new Float64Array());
    hash.update(String(task.sigma));
    hash.update(String(task.evaluate(Float64Array.from({ length: task.dimension }, (_, i) => Math.sin(i + 1)))));
  }
  return hash.digest('hex');
}

describe('determinism of every registered task', () => {
  it.each(taskIds)('%s: same seed ⇒ identical bytes (also rebuilt from its JSON spec); different seed ⇒ different', (id) => {
    const options = quick[id] ?? {};
    const a = createTask(id, 11, options);
    const b = createTask(id, 11, options);
    expect(fingerprint(b)).toBe(fingerprint(a));
    expect(fingerprint(createTaskFromSpec(JSON.parse(JSON.stringify(a.spec))))).toBe(fingerprint(a));
    const alternative = seedFreeByDefault[id];
    if (alternative === undefined) {
      expect(fingerprint(createTask(id, 12, options))).not.toBe(fingerprint(a));
    } else {
      expect(fingerprint(createTask(id, 12, options))).toBe(fingerprint(a));
      expect(fingerprint(createTask(id, 12, { ...options, ...alternative }))).not.toBe(
        fingerprint(createTask(id, 11, { ...options, ...alternative })),
      );
    }
  });
});
