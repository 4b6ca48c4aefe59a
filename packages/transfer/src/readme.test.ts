// The README's examples, run as written (by package name) with smaller budgets.
import { BackpropTrainer } from '@evoprop/backprop';
import { EvolutionTrainer } from '@evoprop/evolution';
import { createSplitMnist } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import {
  TransferTrainer,
  featureTask,
  freeze,
  joinModels,
  loadPretrained,
  measureForgetting,
  replaceHead,
  splitModel,
  truncate,
} from '@evoprop/transfer';
import { describe, expect, it } from 'vitest';

describe('README', () => {
  it('frozen base + new head, LwF fine-tuning with forgetting measured, evolution of the head', async () => {
    const { first: digits04, second: digits59 } = createSplitMnist(1, {
      layout: 'image',
      trainSize: 200,
      validationSize: 0,
      testSize: 300,
    });
    const frozen = new TransferTrainer({
      base: { pretrained: 'mnist04-conv' },
      headAt: 'flatten',
      freezeTrunk: true,
      trainer: { id: 'fine-tune', config: { optimizer: { name: 'adam', learningRate: 0.01 }, batchSize: 50 } },
    });
    const a = await frozen.fit({ task: digits59, rng: Rng.fromSeed(1), budget: { epochs: 20 } });
    expect(a.metrics.accuracy).toBeGreaterThan(0.85);

    const lwf = new TransferTrainer({ base: { pretrained: 'mnist04-conv' }, regularizer: { type: 'lwf', lambda: 1, temperature: 2 } });
    const b = await lwf.fit({ task: digits59, rng: Rng.fromSeed(1), budget: { gradientSteps: 4 } });
    const pretrained = loadPretrained('mnist04-conv');
    const f = measureForgetting({ sourceTask: digits04, before: pretrained, after: b.model, sourceHead: splitModel(pretrained).head });
    expect(f.before).toBeGreaterThan(0.95);
    expect(f.after).toBeGreaterThan(0.9);

    const evolve = new TransferTrainer(
      { base: { pretrained: 'mnist04-conv' }, headAt: 'flatten', freezeTrunk: true },
      { trainer: new EvolutionTrainer({ strategy: 'sepCmaEs', strategyConfig: { sigma: 0.1 }, fitnessBatchSize: 100 }) },
    );
    const c = await evolve.fit({ task: digits59, rng: Rng.fromSeed(1), budget: { generations: 8 } });
    // The frozen conv base is byte-identical to the shipped one after evolution.
    for (const name of splitModel(pretrained, 'flatten').trunk.params.names) {
      const bytes = (m: typeof pretrained) =>
        Buffer.from(m.params.get(name).data.buffer, m.params.get(name).data.byteOffset, m.params.get(name).data.byteLength);
      expect(bytes(c.model).equals(bytes(pretrained))).toBe(true);
    }
    expect(c.model.params.get('head.weight').data).not.toEqual(a.model.params.get('head.weight').data);
  });

  it('the building blocks by hand', async () => {
    const { second: digits59 } = createSplitMnist(2, { layout: 'image', trainSize: 100, validationSize: 0, testSize: 100 });
    const base = loadPretrained('mnist04-conv');
    const model = replaceHead(base, { outputSize: 5, rng: Rng.fromSeed(0) }); // conv1 … fc kept bit for bit, new `head`
    freeze(model, 'conv*'); // globs, RegExps, { layer }, { layers: [from, to] }, { range: [from, to] }
    const features = truncate(model, 'fc'); // feature extractor: everything up to and including fc
    const cached = featureTask(features, digits59); // the trunk runs once
    const head = splitModel(model, 'fc').head;
    const r = await new BackpropTrainer({ optimizer: { name: 'adam', learningRate: 0.01 }, batchSize: 50, diagnostics: false }).fit({
      task: cached,
      model: head,
      rng: Rng.fromSeed(0),
      budget: { epochs: 40 },
    });
    const whole = joinModels(features, r.model);
    expect(whole.params.names).toEqual(model.params.names);
    expect(r.metrics.accuracy).toBeGreaterThan(0.5);
  });
});
