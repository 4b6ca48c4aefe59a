import { evaluateModel, sequential } from '@evoprop/core';
import { saveModel } from '@evoprop/core/io';
import { dense } from '@evoprop/core/layers';
import { createRegistry, createTrainer, type TrainerDefinition } from '@evoprop/core/registry';
import { EvolutionTrainer, evolutionTrainers } from '@evoprop/evolution';
import { backpropTrainers } from '@evoprop/backprop';
import { createSplitMnist } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesOf, toyNet, toyTask } from './testing-fixtures/toy.js';
import { extractFeatures, featureTask } from './features.js';
import { measureForgetting, forwardTransfer } from './metrics.js';
import { loadPretrained } from './pretrained.js';
import { splitModel, truncate } from './surgery.js';
import { TransferTrainer, defineTransferTrainer, transferTrainer } from './transfer-trainer.js';

describe('feature extraction', () => {
  it('runs the trunk once, batched, without a graph, equal to one big forward (to float32 rounding)', () => {
    const task = toyTask(1, 50);
    const trunk = truncate(toyNet());
    const f = extractFeatures(trunk, task.train.x, { batchSize: 7 });
    expect(f.shape).toEqual([50, 16]);
    expect(f.requiresGrad).toBe(false);
    const whole = trunk.forward(task.train.x).data;
    // Kernels may block products differently by batch size, so only the last bit may differ.
    f.data.forEach((v, i) => expect(v).toBeCloseTo(whole[i] as number, 5));
    const cached = featureTask(trunk, task);
    expect(cached.inputShape).toEqual([16]);
    expect(cached.test.y).toBe(task.test.y);
  });
});

describe('TransferTrainer', () => {
  it('evolves only the new head (OpenAI-ES on cached features): trunk bytes untouched, head learns', async () => {
    const task = toyTask(2, 80);
    const base = toyNet(3);
    const evo = new EvolutionTrainer({
      strategy: 'openAiEs',
      strategyConfig: { populationSize: 20, sigma: 0.1, optimizer: { name: 'adam', learningRate: 0.05 } },
    });
    const r = await new TransferTrainer({ freezeTrunk: true }, { base, trainer: evo }).fit({
      task,
      rng: Rng.fromSeed(1),
      budget: { generations: 60 },
    });
    for (const n of ['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias'])
      expect(bytesOf(r.model.params.get(n).data)).toEqual(bytesOf(base.params.get(n).data));
    expect(r.model.params.frozenNames()).toEqual(['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias']);
    expect(r.extras?.transfer).toMatchObject({ featureCache: true, inner: 'openai-es', trainable: 16 * 3 + 3 });
    expect(evaluateModel(r.model, task.test, task).accuracy).toBeGreaterThan(0.6);
    expect(r.cost.evaluations).toBeGreaterThan(80 * 20 * 60); // generations plus the one extraction pass
  });

  it('resolves the inner trainer by id (evolution registry) and the base from a model file or a spec', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'transfer-'));
    const file = join(dir, 'base.safetensors');
    writeFileSync(file, saveModel(toyNet(4)));
    const registry = createRegistry<TrainerDefinition>([...backpropTrainers, ...(evolutionTrainers as unknown as TrainerDefinition[])], {
      what: 'trainer',
    });
    const trainer = createTrainer(createRegistry([defineTransferTrainer(registry)], { what: 'trainer' }), 'transfer', {
      base: { file },
      freezeTrunk: true,
      trainer: { id: 'sep-cma-es', config: { strategyConfig: { sigma: 0.2 } } },
    });
    const r = await trainer.fit({ task: toyTask(3), rng: Rng.fromSeed(2), budget: { generations: 5 } });
    expect(bytesOf(r.model.params.get('fc2.weight').data)).toEqual(bytesOf(toyNet(4).params.get('fc2.weight').data));
    const scratch = new TransferTrainer({ base: { spec: toyNet().spec }, head: { replace: false } });
    const s1 = await scratch.fit({ task: toyTask(3), rng: Rng.fromSeed(2), budget: { gradientSteps: 1 } });
    const s2 = await scratch.fit({ task: toyTask(3), rng: Rng.fromSeed(3), budget: { gradientSteps: 1 } });
    expect(bytesOf(s1.model.params.vector)).not.toEqual(bytesOf(s2.model.params.vector)); // random init from the run's seed
  });

  it('fails loudly on bad configs', () => {
    expect(() => new TransferTrainer({ regularizer: { type: 'ewc' }, trainer: { id: 'adam' } })).toThrow(/trainer 'fine-tune'/);
    expect(() => new TransferTrainer({ regularizer: { type: 'lwf' }, head: { replace: false } })).toThrow(/head.replace: true/);
    expect(() => new TransferTrainer({ frezeTrunk: true })).toThrow(/frezeTrunk/);
    expect(() => new TransferTrainer({ trainer: { id: 'adma' } })).toThrow(/one of backprop, adam, sgd/);
    expect(() =>
      createTrainer(createRegistry([transferTrainer]), 'transfer', { trainer: { id: 'fine-tune', config: { batchSize: -1 } } }),
    ).toThrow(/batchSize/);
  });

  it('rejects a bad budget or task under its own id before preparing anything, but takes a base whose head does not fit the task', async () => {
    const task = toyTask(10);
    const fit = (over: Record<string, unknown>) =>
      new TransferTrainer({}, { base: toyNet(9) }).fit({ task, rng: Rng.fromSeed(1), budget: { epochs: 1 }, ...over });
    await expect(fit({ budget: { epochs: Number.NaN } })).rejects.toThrow(
      /^transfer budget\.epochs: expected a positive integer, got NaN$/,
    );
    await expect(fit({ budget: { flops: -5 } })).rejects.toThrow(/^transfer budget\.flops: expected a finite number > 0, got -5$/);
    const { validation: _, ...noValidation } = task;
    await expect(fit({ task: noValidation })).rejects.toThrow(/^transfer task\.validation: expected a split/);
    // A 5-output base on a 3-class task is fine here: the trainer gives it a new head.
    const fiveWay = sequential([dense(16, { activation: 'tanh', name: 'fc1' }), dense(5, { name: 'head' })], {
      inputShape: [4],
      rng: Rng.fromSeed(2),
    });
    expect((await fit({ model: fiveWay })).status).toBe('budget-exhausted');
  });

  it('a FLOP budget the feature cache would pass: the cache is not started, nothing is spent (exact caps)', async () => {
    // 'auto' trains through the frozen trunk instead, whose first step does not fit either.
    const auto = await new TransferTrainer({ freezeTrunk: true }, { base: toyNet(9) }).fit({
      task: toyTask(10),
      rng: Rng.fromSeed(1),
      budget: { flops: 10 },
    });
    expect(auto.status).toBe('budget-exhausted');
    expect(auto.reason).toMatch(/^flops budget: the next step would spend \d+, 10 of 10 left$/);
    expect(auto.history).toEqual([]);
    expect(auto.cost.flops).toBe(0);
    expect(auto.budget?.unspent).toEqual({ flops: 10 });
    expect(Number.isFinite(auto.metrics.accuracy)).toBe(true);
    // A cache the config demands ends the run before it starts.
    const forced = await new TransferTrainer({ freezeTrunk: true, featureCache: true }, { base: toyNet(9) }).fit({
      task: toyTask(10),
      rng: Rng.fromSeed(1),
      budget: { flops: 10 },
    });
    expect(forced.reason).toMatch(/^flops budget: the feature cache would spend \d+ of 10$/);
    expect(forced.cost.flops).toBe(0);
    expect(forced.budget?.refusedStep?.flops).toBeGreaterThan(10);
  });

  it('EWC with a Fisher estimated on the source task; forgetting and forward-transfer metrics', async () => {
    const source = toyTask(5, 60);
    const target = toyTask(6, 60, 2);
    const base = toyNet(7);
    const ewc = new TransferTrainer({ regularizer: { type: 'ewc', lambda: 50, fisherSamples: 30 } }, { base, sourceTask: source });
    const r = await ewc.fit({ task: target, rng: Rng.fromSeed(1), budget: { epochs: 3 } });
    expect(r.history.at(-1)?.metrics['penalty.ewc']).toBeGreaterThan(0);
    const same = measureForgetting({ sourceTask: source, before: base, after: base });
    expect(same.forgetting).toBe(0);
    const f = measureForgetting({ sourceTask: source, before: base, after: r.model, sourceHead: splitModel(base).head });
    expect(f.before - f.after).toBeCloseTo(f.forgetting, 12);
    const ft = await forwardTransfer({
      task: target,
      transfer: new TransferTrainer({ freezeTrunk: true }, { base }),
      scratch: new TransferTrainer({ base: { spec: base.spec }, head: { replace: false } }),
      budget: { epochs: 2 },
      rng: Rng.fromSeed(3),
    });
    expect(ft.forwardTransfer).toBeCloseTo(ft.transfer - ft.scratch, 12);
    expect(ft.labels).toBe(60);
  });

  it('fine-tunes the shipped conv base on a few 5–9 digits with its shipped Fisher (EWC) and with LwF', async () => {
    const { second } = createSplitMnist(1, { layout: 'image', trainSize: 40, validationSize: 0, testSize: 20 });
    for (const regularizer of [{ type: 'ewc' as const, lambda: 100 }, { type: 'lwf' as const }]) {
      const r = await new TransferTrainer({ base: { pretrained: 'mnist04-conv' }, regularizer }).fit({
        task: second,
        rng: Rng.fromSeed(1),
        budget: { gradientSteps: 2 },
      });
      expect(r.history).toHaveLength(2);
      expect(r.history[1]?.metrics[`penalty.${regularizer.type}`]).toBeGreaterThan(0);
      expect(r.model.params.names).toEqual(loadPretrained('mnist04-conv').params.names);
    }
  });
});

describe('TransferTrainer cut points', () => {
  it("LwF with a cut inside a conv base (the new head flattens first) trains and distils the base's upper layers", async () => {
    const { second } = createSplitMnist(2, { layout: 'image', trainSize: 30, validationSize: 0, testSize: 10 });
    const r = await new TransferTrainer({
      base: { pretrained: 'mnist04-conv' },
      headAt: 'pool2',
      head: { hidden: [16] },
      regularizer: { type: 'lwf' },
    }).fit({
      task: second,
      rng: Rng.fromSeed(1),
      budget: { gradientSteps: 1 },
    });
    expect(r.model.params.names.slice(-4)).toEqual(['head_h1.weight', 'head_h1.bias', 'head.weight', 'head.bias']);
    expect(r.history[0]?.metrics['penalty.lwf']).toBeGreaterThan(0);
  });
});

describe('TransferTrainer regularisers act on the transferred trunk only', () => {
  it("EWC pulls only the transferred trunk, not a new head that shares the old head's name", async () => {
    const base = toyNet(9);
    const task = toyTask(10);
    const fisher = new Map(base.params.entries.map((e) => [e.name, new Float32Array(e.size).fill(1)]));
    // With a huge λ only the head can move; its penalty stays ~0 because the new head has no reference.
    const ewc = await new TransferTrainer({ regularizer: { type: 'ewc', lambda: 1e6 } }, { base, fisher }).fit({
      task,
      rng: Rng.fromSeed(1),
      budget: { epochs: 3 },
    });
    const start = await new TransferTrainer({ regularizer: { type: 'ewc', lambda: 1e6 } }, { base, fisher }).fit({
      task,
      rng: Rng.fromSeed(1),
      budget: { gradientSteps: 1 }, // a cap of 0 is a ConfigError; one step is as good a reference
    });
    const moved = (name: string) =>
      bytesOf(ewc.model.params.get(name).data).some((b, i) => b !== bytesOf(start.model.params.get(name).data)[i]);
    expect(moved('head.weight')).toBe(true);
    const penalty = ewc.history[0]?.metrics['penalty.ewc'] ?? Number.NaN;
    expect(penalty).toBeLessThan(1e-3); // trunk barely moves; the head (same name as the old one) is not penalised
  });
});
