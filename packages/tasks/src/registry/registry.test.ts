import { describe, expect, it } from 'vitest';
import { TaskOptionsError, UnknownTaskError } from '../errors.js';
import { createTask, createTaskFromSpec, describeTasks, taskIds, tasks } from './registry.js';

describe('task registry', () => {
  it('every entry is keyed by its own id and has a kind, a description and a strict schema', () => {
    for (const [key, d] of Object.entries(tasks)) {
      expect(d.id).toBe(key);
      expect(['supervised', 'control', 'objective']).toContain(d.kind);
      expect(d.description.length).toBeGreaterThan(10);
      expect(d.description).not.toContain('\n');
      expect(() => d.optionsSchema.parse({ notAnOption: 1 })).toThrow();
    }
    expect(describeTasks().map((t) => t.id)).toEqual(taskIds);
  });

  it('an unknown id fails with the list of valid ids', () => {
    const error = (() => {
      try {
        createTask('spiral', 1);
      } catch (e) {
        return e as UnknownTaskError;
      }
    })();
    expect(error).toBeInstanceOf(UnknownTaskError);
    expect(error?.message).toContain("got 'spiral'");
    expect(error?.message).toContain('spirals');
  });

  it('bad options fail naming the key, the problem and the valid keys', () => {
    expect(() => createTask('spirals', 1, { nosie: 0.1 })).toThrow(TaskOptionsError);
    expect(() => createTask('spirals', 1, { nosie: 0.1 })).toThrow(
      /nosie[\s\S]*valid options: samples, validationFraction, testFraction, noise/,
    );
    expect(() => createTask('spirals', 1, { nosie: 0.1 })).toThrow(
      "nosie: expected one of the keys noise, samples, testFraction, validationFraction, got unknown key 'nosie' (did you mean 'noise'?)",
    );
    expect(() => createTask('spirals', 1, { samples: -5 })).toThrow(/samples: expected .*, got -5/);
    expect(() => createTask('spirals', 1.5)).toThrow(/seed/);
  });

  it('the spec is JSON and rebuilds the same task', () => {
    const task = createTask('moons', 9, { samples: 50 });
    const spec = JSON.parse(JSON.stringify(task.spec));
    expect(spec).toEqual({ id: 'moons', seed: 9, options: { samples: 50, validationFraction: 0.2, testFraction: 0.2, noise: 0.1 } });
    const again = createTaskFromSpec(spec);
    expect(again.kind === 'supervised' && task.kind === 'supervised' && again.train.x.data).toEqual(
      task.kind === 'supervised' && task.train.x.data,
    );
  });
});
