import { type Checkpoint, type Model, type ObjectiveTask, type SupervisedTask, type TrainerEvent, sequential } from '@evoprop/core';
import { batchNorm, dense, dropoutLayer } from '@evoprop/core/layers';
import { createTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { BackpropTrainer } from './backprop-trainer.js';

const xor = () => createTask('xor', 1) as SupervisedTask;
const spirals = () => createTask('spirals', 3, { samples: 400 }) as SupervisedTask;
const bytes = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');

describe('BackpropTrainer', () => {
  it('learns XOR full-batch to 100 % accuracy', async () => {
    const trainer = new BackpropTrainer({ optimizer: { name: 'adam', learningRate: 0.05 }, hidden: [8] });
    const r = await trainer.fit({
      task: xor(),
      rng: Rng.fromSeed(1),
      budget: { epochs: 400, target: { metric: 'val.accuracy', value: 1 } },
    });
    expect(r.status).toBe('reached-target');
    expect(r.metrics.accuracy).toBe(1);
    expect(r.cost.gradientSteps).toBe(r.history.length); // full batch: one step per epoch
  });

  it('learns two spirals with mini-batches to ≥ 95 % test accuracy', async () => {
    const trainer = new BackpropTrainer({
      optimizer: { name: 'adam', learningRate: 0.02 },
      batchSize: 32,
      hidden: [32, 32],
      activation: 'tanh',
    });
    const r = await trainer.fit({
      task: spirals(),
      rng: Rng.fromSeed(7),
      budget: { epochs: 150, target: { metric: 'val.accuracy', value: 0.99 } },
    });
    expect(r.metrics.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('is deterministic: same seed ⇒ identical weight bytes; another seed ⇒ different', async () => {
    const run = (seed: number) =>
      new BackpropTrainer({ optimizer: { name: 'adam', learningRate: 0.01 }, batchSize: 16, hidden: [8] }).fit({
        task: spirals(),
        rng: Rng.fromSeed(seed),
        budget: { epochs: 3 },
      });
    const [a, b, c] = await Promise.all([run(5), run(5), run(6)]);
    expect(bytes(a.model.params.vector)).toBe(bytes(b.model.params.vector));
    expect(bytes(a.model.params.vector)).not.toBe(bytes(c.model.params.vector));
  });

  it('resumes mid-epoch from a checkpoint to bit-identical weights, history and counters', async () => {
    const config = {
      optimizer: { name: 'adam', learningRate: 0.01 },
      batchSize: 48,
      hidden: [8],
      plateau: { patience: 1 },
      earlyStopping: { patience: 50 },
    } as const;
    const task = spirals();
    const full = await new BackpropTrainer(config).fit({ task, rng: Rng.fromSeed(2), budget: { epochs: 4 } });
    const saved: Checkpoint[] = [];
    await new BackpropTrainer(config).fit({
      task,
      rng: Rng.fromSeed(2),
      budget: { gradientSteps: 11 },
      checkpoint: { every: 11, save: (c) => saved.push(c) },
    });
    const cp = JSON.parse(JSON.stringify(saved[0])) as Checkpoint; // checkpoints survive JSON
    expect(cp.step).toBe(11); // 240 training samples / 48 = 5 steps per epoch: mid-epoch 3
    const resumed = await new BackpropTrainer(config).fit({ task, rng: Rng.fromSeed(2), budget: { epochs: 4 }, resume: cp });
    expect(bytes(resumed.model.params.vector)).toBe(bytes(full.model.params.vector));
    expect(resumed.cost.gradientSteps).toBe(full.cost.gradientSteps);
    expect(resumed.cost.evaluations).toBe(full.cost.evaluations);
    expect(resumed.history.map((h) => h.metrics)).toEqual(full.history.map((h) => h.metrics));
    await expect(new BackpropTrainer(config).fit({ task, rng: Rng.fromSeed(3), budget: { epochs: 4 }, resume: cp })).rejects.toThrow(
      /rng seed '2', got '3'/,
    );
  });

  it('resumes exactly with dropout and batch-norm buffers in the model', async () => {
    const task = spirals();
    const model = () =>
      sequential([dense(16, { activation: 'relu' }), batchNorm(), dropoutLayer(0.3), dense(2)], { inputShape: [2], rng: Rng.fromSeed(9) });
    const config = { optimizer: { name: 'adamw', learningRate: 0.01 }, batchSize: 40 } as const;
    const full = await new BackpropTrainer(config).fit({ task, model: model(), rng: Rng.fromSeed(4), budget: { epochs: 3 } });
    const saved: Checkpoint[] = [];
    await new BackpropTrainer(config).fit({
      task,
      model: model(),
      rng: Rng.fromSeed(4),
      budget: { gradientSteps: 8 },
      checkpoint: { every: 8, save: (c) => saved.push(c) },
    });
    const resumed = await new BackpropTrainer(config).fit({
      task,
      model: model(),
      rng: Rng.fromSeed(4),
      budget: { epochs: 3 },
      resume: JSON.parse(JSON.stringify(saved[0])),
    });
    expect(bytes(resumed.model.params.vector)).toBe(bytes(full.model.params.vector));
    expect(bytes(resumed.model.buffers?.vector as Float32Array)).toBe(bytes(full.model.buffers?.vector as Float32Array));
    expect(full.model.buffers?.vector.some((v) => v !== 0 && v !== 1)).toBe(true); // running statistics did move
  });

  it('a diverging run ends as diverged, naming the step', async () => {
    const trainer = new BackpropTrainer({
      optimizer: { name: 'sgd', learningRate: 1e6 },
      hidden: [8],
      activation: 'relu',
      diagnostics: false,
    });
    const task = createTask('sine', 1) as SupervisedTask;
    const r = await trainer.fit({ task, rng: Rng.fromSeed(1), budget: { epochs: 200 } });
    expect(r.status).toBe('diverged');
    expect(r.divergedAtStep).toBeGreaterThan(0);
    expect(r.reason).toMatch(new RegExp(`at gradient step ${r.divergedAtStep}`));
  });

  it('frozen parameters never move', async () => {
    const task = xor();
    const model = sequential([dense(8, { activation: 'tanh' }), dense(2)], { inputShape: [2], rng: Rng.fromSeed(4) });
    model.params.setTrainable(['dense1.weight'], false);
    const before = Float32Array.from(model.params.get('dense1.weight').data);
    const start = bytes(model.params.vector);
    const r = await new BackpropTrainer({ optimizer: { name: 'adam', learningRate: 0.05 } }).fit({
      task,
      model,
      rng: Rng.fromSeed(1),
      budget: { epochs: 20 },
    });
    expect(bytes(r.model.params.get('dense1.weight').data)).toBe(bytes(before));
    expect(bytes(r.model.params.get('dense2.weight').data)).not.toBe(bytes(model.params.get('dense2.weight').data));
    expect(bytes(model.params.vector)).toBe(start); // the request's model is not mutated
  });

  it('early stopping stops on a stalled validation loss and restores the best weights', async () => {
    const events: TrainerEvent[] = [];
    // lr so small that nothing improves by minDelta: stops after `patience` validations
    const trainer = new BackpropTrainer({
      optimizer: { name: 'sgd', learningRate: 1e-9 },
      hidden: [4],
      earlyStopping: { patience: 3, minDelta: 0.01 },
    });
    const r = await trainer.fit({ task: xor(), rng: Rng.fromSeed(1), budget: { epochs: 100 }, onEvent: (e) => events.push(e) });
    expect(r.status).toBe('budget-exhausted');
    expect(r.reason).toMatch(/early stopping: val.loss did not improve for 3 validations/);
    expect(r.history).toHaveLength(4);
    expect(r.extras?.bestEpoch).toBe(1);
    expect(r.extras?.restoredBestWeights).toBe(true);
  });

  it('emits progress, gradient-norm, update-ratio and dead-ReLU diagnostics', async () => {
    const events: TrainerEvent[] = [];
    const trainer = new BackpropTrainer({
      optimizer: { name: 'adam', learningRate: 0.01 },
      batchSize: 64,
      hidden: [16, 16],
      activation: 'relu',
    });
    await trainer.fit({ task: spirals(), rng: Rng.fromSeed(1), budget: { epochs: 2 }, onEvent: (e) => events.push(e) });
    const names = events.filter((e) => e.type === 'diagnostic').map((e) => (e.type === 'diagnostic' ? e.name : ''));
    expect(names).toEqual(['gradient-norm', 'update-to-weight', 'dead-relu', 'gradient-norm', 'update-to-weight', 'dead-relu']);
    const g = events.find((e) => e.type === 'diagnostic' && e.name === 'gradient-norm');
    expect(g?.type === 'diagnostic' && Object.keys(g.values)).toEqual(['dense1', 'dense2', 'dense3', 'global']);
    const dead = events.find((e) => e.type === 'diagnostic' && e.name === 'dead-relu');
    expect(dead?.type === 'diagnostic' && Object.keys(dead.values)).toEqual(['dense1', 'dense2', 'all']);
    expect(events.filter((e) => e.type === 'progress')).toHaveLength(2);
  });

  /** The events of one epoch of plain SGD (lr 0.01) on XOR from `model`. */
  const oneSgdEpoch = async (model: Model): Promise<TrainerEvent[]> => {
    const events: TrainerEvent[] = [];
    await new BackpropTrainer({ optimizer: { name: 'sgd', learningRate: 0.01 } }).fit({
      task: xor(),
      model,
      rng: Rng.fromSeed(1),
      budget: { epochs: 1 },
      onEvent: (e) => events.push(e),
    });
    return events;
  };

  it('measures dead ReLUs: a layer whose biases are pushed far negative is reported dead and warned about', async () => {
    const model = sequential([dense(8, { activation: 'relu' }), dense(2)], { inputShape: [2], rng: Rng.fromSeed(4) });
    model.params.get('dense1.bias').data.fill(-100);
    const events = await oneSgdEpoch(model);
    const dead = events.find((e) => e.type === 'diagnostic' && e.name === 'dead-relu');
    expect(dead?.type === 'diagnostic' && dead.values.dense1).toBe(1);
    expect(events.some((e) => e.type === 'warning' && /ReLU units are dead/.test(e.message))).toBe(true);
  });

  it('warns about vanishing gradients in a deep sigmoid net', async () => {
    const layers = [...Array.from({ length: 10 }, () => dense(8, { activation: 'sigmoid' })), dense(2)];
    const model = sequential(layers, { inputShape: [2], rng: Rng.fromSeed(2) });
    const events = await oneSgdEpoch(model);
    expect(events.some((e) => e.type === 'warning' && /vanishing gradient: layer 'dense1'/.test(e.message))).toBe(true);
  });

  it('stops on gradientSteps and evaluations budgets and on abort', async () => {
    const t = new BackpropTrainer({ batchSize: 10, hidden: [4] });
    const r1 = await t.fit({ task: spirals(), rng: Rng.fromSeed(1), budget: { gradientSteps: 5 } });
    expect(r1.cost.gradientSteps).toBe(5);
    expect(r1.status).toBe('budget-exhausted');
    // Exact caps: batches of 10 under a cap of 95 stop at 90 (a tenth batch would pass it).
    const r2 = await t.fit({ task: spirals(), rng: Rng.fromSeed(1), budget: { evaluations: 95 } });
    expect(r2.cost.evaluations).toBe(90);
    expect(r2.budget).toEqual({ unspent: { evaluations: 5 }, refusedStep: { evaluations: 10 } });
    expect(r2.cost.flops).toBeGreaterThan(0);
    const controller = new AbortController();
    controller.abort();
    const r3 = await t.fit({ task: spirals(), rng: Rng.fromSeed(1), budget: { epochs: 10 }, signal: controller.signal });
    expect(r3.status).toBe('aborted');
  });

  it('rejects bad configs, non-supervised tasks and unbounded budgets with named errors', async () => {
    expect(() => new BackpropTrainer({ batchSize: 0 })).toThrow(/backprop config.batchSize/);
    expect(() => new BackpropTrainer({ optimizer: { name: 'adam', lr: 0.1 } })).toThrow(
      /optimizer\.lr: expected one of the keys b1, b2, eps, l2, learningRate, name, got unknown key 'lr' \(did you mean 'learningRate' or 'l2'\?\)/,
    );
    expect(() => new BackpropTrainer({ optimizer: { name: 'adamm' } })).toThrow(/optimizer.name/);
    expect(() => new BackpropTrainer({ epochs: 3 })).toThrow(/config\.epochs: .*unknown key 'epochs'/);
    const t = new BackpropTrainer();
    const sphere: ObjectiveTask = {
      kind: 'objective',
      id: 'sphere',
      seed: 1,
      description: 'sphere',
      dimension: 2,
      metric: 'objective',
      optimum: 0,
      evaluate: (x) => Array.from(x).reduce((a, v) => a + v * v, 0),
    };
    await expect(t.fit({ task: sphere, rng: Rng.fromSeed(1), budget: { epochs: 1 } })).rejects.toThrow(
      /a supervised task .*, got objective task 'sphere'/,
    );
    await expect(t.fit({ task: xor(), rng: Rng.fromSeed(1), budget: {} })).rejects.toThrow(/a budget with at least one cap/);
  });
});
