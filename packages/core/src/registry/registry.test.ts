import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, RegistryError } from '../errors.js';
import { RandomSearchTrainer, randomSearchTrainer } from '../testing/random-search.js';
import { sphereTask, xorTask } from '../testing/reference-tasks.js';
import { createRegistry, createTaskFrom, createTrainer, defineTask, defineTrainer } from './registry.js';

const loose = defineTrainer({
  id: 'loose',
  description: 'a trainer whose schema is a plain (non-strict) z.object',
  configSchema: z.object({ learningRate: z.number().positive(), nested: z.strictObject({ a: z.number() }).optional() }),
  create: () => new RandomSearchTrainer(),
});
const trainers = createRegistry([randomSearchTrainer, loose], { what: 'trainer' });
const tasks = createRegistry(
  [
    defineTask({ id: 'xor', kind: 'supervised', description: 'xor', optionsSchema: z.strictObject({}), create: (seed) => xorTask(seed) }),
    defineTask({
      id: 'sphere',
      kind: 'objective',
      description: 'sphere',
      optionsSchema: z.object({ dimension: z.number().int().positive().default(3) }),
      create: (seed, o) => sphereTask(o.dimension, seed),
    }),
  ],
  { what: 'task' },
);

describe('registries', () => {
  it('build entries from plain JSON', () => {
    expect(createTrainer(trainers, 'random-search', { populationSize: 3 })).toBeInstanceOf(RandomSearchTrainer);
    expect(createTaskFrom(tasks, 'sphere', 4, { dimension: 7 })).toMatchObject({ kind: 'objective', dimension: 7, seed: 4 });
    expect(trainers.ids).toEqual(['random-search', 'loose']);
  });
  it('unknown ids list the valid ones', () => {
    expect(() => trainers.get('randm-search')).toThrow(RegistryError);
    expect(() => createTrainer(trainers, 'randm-search')).toThrow(
      "trainer: expected one of random-search, loose, got 'randm-search' (did you mean 'random-search'?)",
    );
  });
  it('rejects unknown keys, even for non-strict schemas, naming them', () => {
    expect(() => createTrainer(trainers, 'random-search', { popSize: 3 })).toThrow(ConfigError);
    expect(() => createTrainer(trainers, 'random-search', { popSize: 3 })).toThrow(
      "trainer 'random-search' config.popSize: expected one of the keys activation, hidden, populationSize, sigma, got unknown key 'popSize' (did you mean 'populationSize'?)",
    );
    expect(() => createTrainer(trainers, 'loose', { learningRate: 0.1, momentum: 0.9 })).toThrow(/unknown key 'momentum'/);
    expect(() => createTrainer(trainers, 'loose', { learningRate: 0.1, nested: { a: 1, b: 2 } })).toThrow(
      /config\.nested\.b: .*unknown key 'b'/,
    );
    expect(() => createTaskFrom(tasks, 'sphere', 1, { dimensions: 3 })).toThrow(
      /task 'sphere' options.dimensions: .*unknown key 'dimensions' \(did you mean 'dimension'\?\)/,
    );
  });
  it('bad and missing values name the key, what was expected and what was found', () => {
    expect(() => createTrainer(trainers, 'loose', { learningRate: -1 })).toThrow(
      /trainer 'loose' config.learningRate: expected .*>0.*, got -1/,
    );
    expect(() => createTrainer(trainers, 'loose', {})).toThrow(
      /^trainer 'loose' config.learningRate: expected number, got nothing \(missing key 'learningRate'; suggested: 1\)$/,
    );
    expect(() => createTaskFrom(tasks, 'xor', 1.5)).toThrow(/task 'xor' seed: expected a safe integer, got 1.5/);
  });
  it('duplicate ids are refused; extend adds plugins without mutating', () => {
    expect(() => createRegistry([randomSearchTrainer, randomSearchTrainer], { what: 'trainer' })).toThrow(
      /unique ids, got 'random-search' twice/,
    );
    const more = trainers.extend([{ ...loose, id: 'plugin' }]);
    expect(more.ids).toEqual(['random-search', 'loose', 'plugin']);
    expect(trainers.has('plugin')).toBe(false);
  });
});
