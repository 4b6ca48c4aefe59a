import { parseConfig } from '@evoprop/core/config';
import { Rng, noGrad } from '@evoprop/tensor';
import { describe, expect, it, vi } from 'vitest';
import { bytesOf, drift, toyNet, toyTask } from './testing-fixtures/toy.js';
import { FineTuneConfig } from './config.js';
import { type FineTuneOptions, FineTuneTrainer, withHead } from './fine-tune.js';
import { freeze } from './freeze.js';
import { distillationLoss } from './regularizers.js';
import { learningRateScales, unfrozenLayers, warmupFactor } from './schedules.js';
import { replaceHead, splitModel } from './surgery.js';

const sgd = (learningRate: number) => ({ optimizer: { name: 'sgd' as const, learningRate } });

describe('schedules', () => {
  it('layer decay divides the rate per layer down; groups override', () => {
    const m = toyNet();
    const s = learningRateScales(m, { layerDecay: 2, groups: [{ select: 'fc1.bias', learningRateScale: 7 }] });
    const at = (n: string) => s[m.params.entry(n).offset];
    expect([at('head.weight'), at('fc2.bias'), at('fc1.weight'), at('fc1.bias')]).toEqual([1, 0.5, 0.25, 7]);
    // the old name lrScale still works, with one deprecation warning
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    for (let i = 0; i < 2; i++) expect(learningRateScales(m, { layerDecay: 2, groups: [{ select: 'fc1.bias', lrScale: 7 }] })).toEqual(s);
    expect(emit).toHaveBeenCalledTimes(1);
    expect(String(emit.mock.calls[0]?.[0])).toBe(
      "learningRateScales.groups[0]: 'lrScale' is deprecated, write 'learningRateScale' (the old name still works for now)",
    );
    emit.mockRestore();
    expect(() => learningRateScales(m, { layerDecay: 0.5 })).toThrow(/layerDecay: expected a number ≥ 1/);
  });

  it("a fine-tune config's group takes learningRateScale; lrScale still parses, with one deprecation warning", () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const parse = (group: Record<string, unknown>) => parseConfig(FineTuneConfig, { groups: [group] }, 'fine-tune config').groups;
    expect(parse({ select: 'fc*', learningRateScale: 0.5 })).toEqual([{ select: 'fc*', learningRateScale: 0.5 }]);
    expect(emit).not.toHaveBeenCalled();
    expect(parse({ select: 'fc*', lrScale: 0.5 })).toEqual([{ select: 'fc*', learningRateScale: 0.5 }]);
    expect(String(emit.mock.calls[0]?.[0])).toBe(
      "fine-tune config.groups[0]: 'lrScale' is deprecated, write 'learningRateScale' (the old name still works for now)",
    );
    emit.mockRestore();
  });

  it('unfreezes top-down and warms up linearly', () => {
    const m = toyNet();
    expect(unfrozenLayers(m, 0)).toEqual(['head']);
    expect(unfrozenLayers(m, 1)).toEqual(['fc2', 'head']);
    expect(unfrozenLayers(m, 9)).toEqual(['fc1', 'fc2', 'head']);
    expect([0, 1, 3, 10].map((t) => warmupFactor(t, 4))).toEqual([0.25, 0.5, 1, 1]);
  });
});

describe('FineTuneTrainer', () => {
  it('learns the task and is deterministic', async () => {
    const task = toyTask(1, 120);
    const trainer = new FineTuneTrainer({ optimizer: { optimizer: { name: 'adam', learningRate: 0.02 } }, batchSize: 20 });
    const a = await trainer.fit({ task, model: toyNet(), rng: Rng.fromSeed(3), budget: { epochs: 40 } });
    const b = await trainer.fit({ task, model: toyNet(), rng: Rng.fromSeed(3), budget: { epochs: 40 } });
    expect(a.metrics.accuracy).toBeGreaterThan(0.85);
    expect(bytesOf(a.model.params.vector)).toEqual(bytesOf(b.model.params.vector));
    expect(a.history.at(-1)?.metrics['val.accuracy']).toBeGreaterThan(0.7);
  });

  it('gradual unfreezing moves only the open layers, top-down', async () => {
    const task = toyTask(2);
    const start = toyNet();
    const trainer = new FineTuneTrainer({ ...{ optimizer: sgd(0.1) }, batchSize: 20, unfreeze: { every: 3, unit: 'steps' } });
    const three = await trainer.fit({ task, model: start, rng: Rng.fromSeed(1), budget: { gradientSteps: 3 } });
    expect(drift(three.model, start, 'head.weight')).toBeGreaterThan(0);
    expect(bytesOf(three.model.params.get('fc2.weight').data)).toEqual(bytesOf(start.params.get('fc2.weight').data));
    const five = await trainer.fit({ task, model: start, rng: Rng.fromSeed(1), budget: { gradientSteps: 5 } });
    expect(drift(five.model, start, 'fc2.weight')).toBeGreaterThan(0);
    expect(bytesOf(five.model.params.get('fc1.weight').data)).toEqual(bytesOf(start.params.get('fc1.weight').data));
    expect(five.history.at(-1)?.metrics.unfrozenLayers).toBe(2);
  });

  it('frozen parameters and a zero-rate group never move; warm-up scales the first step', async () => {
    const task = toyTask(3);
    const start = toyNet();
    freeze(start, 'fc1.weight');
    const trainer = new FineTuneTrainer({
      optimizer: { optimizer: { name: 'adamw', learningRate: 0.05, weightDecay: 0.1 } },
      discriminative: { groups: [{ select: 'fc2', learningRateScale: 0 }] },
    });
    const r = await trainer.fit({ task, model: start, rng: Rng.fromSeed(1), budget: { epochs: 5 } });
    for (const n of ['fc1.weight', 'fc2.weight', 'fc2.bias'])
      expect(bytesOf(r.model.params.get(n).data)).toEqual(bytesOf(start.params.get(n).data));
    expect(drift(r.model, start, 'fc1.bias')).toBeGreaterThan(0);

    const plain = await new FineTuneTrainer({ optimizer: sgd(0.1) }).fit({
      task,
      model: toyNet(),
      rng: Rng.fromSeed(1),
      budget: { gradientSteps: 1 },
    });
    const warm = await new FineTuneTrainer({ optimizer: sgd(0.1), warmupSteps: 4 }).fit({
      task,
      model: toyNet(),
      rng: Rng.fromSeed(1),
      budget: { gradientSteps: 1 },
    });
    expect(drift(warm.model, toyNet(), 'head.weight') / drift(plain.model, toyNet(), 'head.weight')).toBeCloseTo(0.25, 4);
  });

  it('L2-SP and EWC hold the transferred weights near the start; the penalties are reported', async () => {
    const task = toyTask(4, 60, 1);
    const start = toyNet(5);
    const ones = new Map(start.params.entries.map((e) => [e.name, new Float32Array(e.size).fill(1)]));
    const fit = (regularizers: FineTuneOptions['regularizers']) =>
      new FineTuneTrainer({
        optimizer: { optimizer: { name: 'adam', learningRate: 0.03 } },
        ...(regularizers ? { regularizers } : {}),
      }).fit({
        task,
        model: start,
        rng: Rng.fromSeed(2),
        budget: { epochs: 15 },
      });
    const naive = await fit(undefined);
    const l2sp = await fit([{ type: 'l2-sp', alpha: 5 }]);
    const ewc = await fit([{ type: 'ewc', lambda: 10, fisher: ones }]);
    expect(drift(l2sp.model, start, 'fc1.weight')).toBeLessThan(0.5 * drift(naive.model, start, 'fc1.weight'));
    expect(drift(ewc.model, start, 'fc1.weight')).toBeLessThan(0.5 * drift(naive.model, start, 'fc1.weight'));
    expect(l2sp.history.at(-1)?.metrics['penalty.l2-sp']).toBeGreaterThan(0);
  });

  it("LwF keeps the old head's outputs closer to the recorded ones than naive fine-tuning", async () => {
    const task = toyTask(6, 60, 1);
    const source = toyNet(7);
    const target = replaceHead(source, { outputSize: 3, rng: Rng.fromSeed(8) });
    const oldHead = splitModel(source).head;
    const fit = (lambda: number) =>
      new FineTuneTrainer({
        optimizer: { optimizer: { name: 'adam', learningRate: 0.03 } },
        regularizers: lambda > 0 ? [{ type: 'lwf', lambda, temperature: 2, sourceHead: oldHead }] : [],
      }).fit({ task, model: target, rng: Rng.fromSeed(2), budget: { epochs: 15 } });
    // KL(recorded ‖ now) at T = 2: the softened cross-entropy minus its minimum.
    const change = (m: Parameters<typeof withHead>[0]) =>
      noGrad(() => {
        const before = source.forward(task.train.x);
        const after = withHead(m, oldHead).forward(task.train.x);
        return distillationLoss(after, before, { temperature: 2 }).item() - distillationLoss(before, before, { temperature: 2 }).item();
      });
    const naive = await fit(0);
    const lwf = await fit(5);
    expect(change(lwf.model)).toBeLessThan(0.3 * change(naive.model));
    expect(lwf.metrics.accuracy).toBeGreaterThan(0.6);
  });

  it('rejects bad options and requests', async () => {
    expect(() => new FineTuneTrainer({ batchSize: 0 })).toThrow(/batchSize: expected a positive integer, got 0/);
    expect(() => new FineTuneTrainer({ optimizer: { optimizer: { name: 'adam', learningRate: -1 } } })).toThrow(/learningRate/);
    await expect(new FineTuneTrainer().fit({ task: toyTask(1), rng: Rng.fromSeed(1), budget: { epochs: 1 } })).rejects.toThrow(
      /a starting model/,
    );
  });
});
