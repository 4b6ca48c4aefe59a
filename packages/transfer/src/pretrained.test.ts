import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluateModel } from '@evoprop/core';
import { createSupervisedTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { loadPretrained, mnistConvNet, pretrainedUrl } from './pretrained.js';

describe('loadPretrained', () => {
  it('ships mnist04-conv: small, in the package files, the documented architecture', () => {
    const path = fileURLToPath(pretrainedUrl('mnist04-conv'));
    expect(statSync(path).size).toBeLessThan(200_000);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('pretrained');
    const model = loadPretrained('mnist04-conv');
    expect(model.spec).toEqual(mnistConvNet(Rng.fromSeed(0), 5).spec);
  });

  it('classifies held-out 0–4 test digits', () => {
    const task = createSupervisedTask('split-mnist', 3, { layout: 'image', trainSize: 1, validationSize: 0, testSize: 400 });
    expect(evaluateModel(loadPretrained('mnist04-conv'), task.test, task).accuracy).toBeGreaterThan(0.97);
  });

  it('names the known models when asked for another', () => {
    expect(() => loadPretrained('mnist09' as 'mnist04-conv')).toThrow(/one of mnist04-conv, got 'mnist09'/);
  });
});
