import { mlp } from '@evoprop/core';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import type { TaskDefinition } from './define.js';
import { createTask, taskIds, tasks } from './registry.js';

const definitions = Object.values(tasks) as unknown as TaskDefinition[];

describe('recommended models (issue 20: the task chooses the network)', () => {
  it('every supervised and control task recommends one; objective functions do not', () => {
    const sequence = new Set(['adding', 'copy', 'memory', 'names']);
    for (const d of definitions) {
      const recommended = d.recommendedModel?.(d.optionsSchema.parse({}));
      if (d.kind === 'objective' || sequence.has(d.id)) expect(recommended, d.id).toBeUndefined();
      else expect(recommended?.hidden.length, d.id).toBeGreaterThan(0);
    }
    expect(taskIds.length).toBe(definitions.length);
  });

  it("XOR's is one small hidden layer (2-4-2, 22 weights), copied onto the built task", () => {
    const task = createTask('xor', 3);
    expect(task.recommendedModel).toEqual({ hidden: [4], activation: 'tanh' });
    const model = mlp({ inputSize: 2, outputSize: 2, ...(task.recommendedModel ?? { hidden: [] }) }, Rng.fromSeed(0));
    expect(model.params.size).toBe(22);
  });

  it('follows the options where they change the problem', () => {
    expect(createTask('parity', 0, { bits: 5 }).recommendedModel?.hidden).toEqual([10]);
    expect(createTask('sphere', 0).recommendedModel).toBeUndefined();
  });
});
