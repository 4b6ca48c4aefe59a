/**
 * The text figures of issue 26 (tasks README, "Text"): a character-level LSTM/GRU on first names
 * against the unigram and bigram count baselines, with samples at temperature 0.8, and spam vs
 * ham on SpamAssassin with a TF-IDF MLP and an embedding + GRU model. Several seeds; long, so
 * niced and outside `pnpm test`:
 *
 *   nice -n 10 pnpm --filter @evoprop/backprop bench:text [-- --only names|spam --seeds 3]
 *
 * Names flags: --epochs 25 --units 64 --cell lstm|gru --lr 0.008 --name-samples 200 (names sampled
 * at temperature 0.8 per seed for the novelty figure; the first 20 are printed). Spam flags: --spam-epochs 10
 * --rnn-epochs 4 --length 80 --samples N (a subset). The figures in the tasks README are these defaults.
 */
import { type Model, type SupervisedTask, sequential } from '@evoprop/core';
import { dense, embedding, gru, lstm } from '@evoprop/core/layers';
import { bigramLoss, createTask, namesOf, sampleSequences, tokenLoss, unigramLoss } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { BackpropTrainer } from '../src/index.js';

const flag = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] as string) : fallback;
};
const seeds = Number(flag('seeds', '3'));
const only = flag('only', 'all');
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: readonly number[]) => Math.sqrt(xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0) / Math.max(1, xs.length - 1));
const pm = (xs: readonly number[], digits: number) => `${mean(xs).toFixed(digits)} ± ${sd(xs).toFixed(digits)}`;

async function names(): Promise<void> {
  const epochs = Number(flag('epochs', '25'));
  const units = Number(flag('units', '64'));
  const cell = flag('cell', 'lstm');
  const sampleCount = Number(flag('name-samples', '200'));
  const rows: { seed: number; model: number; unigram: number; bigram: number; novel: number; samples: string[] }[] = [];
  for (let seed = 0; seed < seeds; seed++) {
    const task = createTask('names', seed) as SupervisedTask & { tokens: readonly string[] };
    const classes = task.outputSize;
    const time = task.inputShape[0] as number;
    // The baselines' add-k constant is picked on validation, as a model's epochs are.
    const ks = [0.01, 0.03, 0.1, 0.3, 1];
    const pickK = (f: typeof bigramLoss) =>
      ks.reduce(
        (best, k) => (f(task.train, task.validation, classes, k).nats < f(task.train, task.validation, classes, best).nats ? k : best),
        1,
      );
    const unigram = unigramLoss(task.train, task.test, classes, pickK(unigramLoss));
    const bigram = bigramLoss(task.train, task.test, classes, pickK(bigramLoss));
    const rnn = cell === 'gru' ? gru(units, { returnSequences: true }) : lstm(units, { returnSequences: true });
    const model: Model = sequential([embedding(classes, 32, { paddingIndex: 0 }), rnn, dense(classes)], {
      inputShape: [time],
      rng: Rng.fromSeed(seed).fork('init'),
    });
    const trainer = new BackpropTrainer({
      optimizer: { name: 'adam', learningRate: Number(flag('lr', '0.008')) },
      batchSize: 64,
      clipNorm: 1,
      earlyStopping: { patience: 4 },
      diagnostics: false,
    });
    const started = Date.now();
    const r = await trainer.fit({
      task,
      model,
      rng: Rng.fromSeed(seed),
      budget: { epochs },
      onEvent: (e) => {
        if (e.type === 'progress' && e.metrics['val.loss'] !== undefined) process.stdout.write(` ${e.metrics['val.loss'].toFixed(3)}`);
      },
    });
    const test = tokenLoss(r.model, task.test);
    const training = new Set(namesOf(task.train.x, task.tokens));
    const samples = sampleSequences(r.model, task.tokens, Rng.fromSeed(seed).fork('sample'), {
      count: sampleCount,
      time,
      temperature: 0.8,
    });
    // New = not one of the training names (both lower-cased; validation and test names count as new).
    const novel = samples.filter((s) => !training.has(s)).length / samples.length;
    const distinct = new Set(samples);
    const novelDistinct = [...distinct].filter((s) => !training.has(s)).length / distinct.size;
    console.log(
      `\nnames seed ${seed}: ${cell}(${units}) test ${test.nats.toFixed(4)} nats/char (${test.bits.toFixed(3)} bits), unigram ${unigram.nats.toFixed(4)}, bigram ${bigram.nats.toFixed(4)}, ${r.cost.epochs ?? '?'} epochs, ${((Date.now() - started) / 1000).toFixed(0)} s; novel at T=0.8: ${(100 * novel).toFixed(1)} % of ${samples.length} samples (${(100 * novelDistinct).toFixed(1)} % of the ${distinct.size} distinct ones)`,
    );
    console.log(`  samples: ${samples.slice(0, 20).join(' ')}`);
    rows.push({ seed, model: test.nats, unigram: unigram.nats, bigram: bigram.nats, novel, samples });
  }
  const ln2 = Math.LN2;
  console.log(`\nNames, ${seeds} seeds (test split, nats/char; bits = nats / ln 2):\n`);
  console.log('| model | nats/char | bits/char |');
  console.log('|---|---:|---:|');
  for (const [label, key] of [
    ['unigram counts', 'unigram'],
    ['bigram counts', 'bigram'],
    [`embedding 32 → ${cell} ${units} → dense`, 'model'],
  ] as const) {
    const xs = rows.map((r) => r[key]);
    console.log(
      `| ${label} | ${pm(xs, 3)} | ${pm(
        xs.map((x) => x / ln2),
        3,
      )} |`,
    );
  }
  const gains = rows.map((r) => 1 - r.model / r.bigram);
  console.log(
    `\nbelow the bigram baseline by ${pm(
      gains.map((g) => 100 * g),
      1,
    )} %; of ${sampleCount} samples at T = 0.8 per seed, not in the training set: ${pm(
      rows.map((r) => 100 * r.novel),
      1,
    )} %`,
  );
  console.log(`20 samples (seed 0, T = 0.8): ${rows[0]?.samples.slice(0, 20).join(', ')}`);
}

async function spam(): Promise<void> {
  const epochs = Number(flag('spam-epochs', '10'));
  const rnnEpochs = Number(flag('rnn-epochs', '4'));
  const length = Number(flag('length', '80'));
  const samples = flag('samples', '');
  const subset = samples === '' ? {} : { samples: Number(samples) };
  const rows: { seed: number; bag: number; rnn: number }[] = [];
  for (let seed = 0; seed < seeds; seed++) {
    const fit = async (task: SupervisedTask, model: Model, lr: number, budgetEpochs: number, batchSize: number) => {
      const trainer = new BackpropTrainer({
        optimizer: { name: 'adam', learningRate: lr },
        batchSize,
        clipNorm: 1,
        earlyStopping: { patience: 2 },
        diagnostics: false,
      });
      const started = Date.now();
      const r = await trainer.fit({ task, model, rng: Rng.fromSeed(seed), budget: { epochs: budgetEpochs } });
      return { accuracy: r.metrics.accuracy as number, epochs: r.cost.epochs, seconds: (Date.now() - started) / 1000 };
    };
    const bagTask = createTask('spam-assassin', seed, { representation: 'tfidf', ...subset }) as SupervisedTask;
    const vocabulary = bagTask.inputShape[0] as number;
    const mlp = sequential([dense(64, { activation: 'relu' }), dense(2)], {
      inputShape: [vocabulary],
      rng: Rng.fromSeed(seed).fork('init'),
    });
    const bag = await fit(bagTask, mlp, 0.001, epochs, 32);
    console.log(
      `spam seed ${seed}: TF-IDF ${vocabulary} → 64 → 2: test accuracy ${(100 * bag.accuracy).toFixed(2)} % (${bag.epochs} epochs, ${bag.seconds.toFixed(0)} s)`,
    );
    const seqTask = createTask('spam-assassin', seed, { representation: 'tokens', sequenceLength: length, ...subset }) as SupervisedTask;
    const rnn = sequential([embedding(vocabulary, 32, { paddingIndex: 0 }), gru(32, { mask: true }), dense(2)], {
      inputShape: [length],
      rng: Rng.fromSeed(seed).fork('init'),
    });
    const seq = await fit(seqTask, rnn, 0.01, rnnEpochs, 64);
    console.log(
      `spam seed ${seed}: embedding 32 → GRU 32 (masked) → 2 over the first ${length} words: test accuracy ${(100 * seq.accuracy).toFixed(2)} % (${seq.epochs} epochs, ${seq.seconds.toFixed(0)} s)`,
    );
    rows.push({ seed, bag: bag.accuracy, rnn: seq.accuracy });
  }
  console.log(`\nSpamAssassin, ${seeds} seeds (test accuracy, %; headers stripped but the subject):\n`);
  console.log('| model | test accuracy |');
  console.log('|---|---:|');
  console.log(
    `| TF-IDF (2,000 words) → 64 ReLU → 2 | ${pm(
      rows.map((r) => 100 * r.bag),
      2,
    )} |`,
  );
  console.log(
    `| embedding 32 → GRU 32 → 2, first ${length} words | ${pm(
      rows.map((r) => 100 * r.rnn),
      2,
    )} |`,
  );
  console.log(
    `recurrent − bag-of-words: ${pm(
      rows.map((r) => 100 * (r.rnn - r.bag)),
      2,
    )} points`,
  );
}

if (only === 'all' || only === 'names') await names();
if (only === 'all' || only === 'spam') await spam();
