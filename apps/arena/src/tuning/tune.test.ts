import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../experiment/parse.js';
import { type RunRecord, withoutTiming } from '../runner/record.js';
import { readResults } from '../runner/results-file.js';
import { runExperiment } from '../runner/run-experiment.js';
import { createCatalog, stubCatalogPath } from '../testing-fixtures/stub-catalog.js';
import { record } from '../testing-fixtures/run-record.js';
import { buildReports } from '../report/build.js';
import { chooseTrial, planTrials, tunedLabel, tuningSeedBase, withTuning } from './plan.js';

const catalog = createCatalog();
const { experiment: plain } = parseExperiment(
  { name: 'stub', tasks: ['blobs', 'xor4'], trainers: ['hill-climb'], seeds: 2, budget: { evaluations: 600 }, boundaryGrid: 4 },
  { source: 'test', catalog },
);
const experiment = withTuning(plain, catalog, { trials: 3, seeds: 1, chargeTuning: true });
const base = { plugins: [stubCatalogPath], builtIns: false, workers: 2 } as const;
const tmp = () => mkdtempSync(join(tmpdir(), 'arena-tune-'));
const timingFree = (path: string): string[] =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => {
      const o = JSON.parse(l) as RunRecord;
      return JSON.stringify(o.type === 'run' ? withoutTiming(o) : o);
    });

describe('planning the tuning', () => {
  it('gives every trainer N trials, the first its own config, the rest seeded points of its space', () => {
    const trials = experiment.trainers[0]?.tuning?.trials ?? [];
    expect(trials).toHaveLength(3);
    expect(trials[0]).toEqual({ point: {}, config: {} });
    for (const t of trials.slice(1)) {
      const sigma = t.point.sigma as number;
      expect(sigma >= 0.05 && sigma <= 2).toBe(true);
      expect(t.config).toEqual({ sigma });
    }
    expect(withTuning(plain, catalog, { trials: 3, seeds: 1, chargeTuning: true })).toEqual(experiment);
  });

  it('runs trials on tuning seeds disjoint from the evaluation seeds', () => {
    const trials = planTrials(experiment, 4);
    expect(trials).toHaveLength(2 * 3);
    expect(trials.every((r) => r.seed === tuningSeedBase && !experiment.seeds.includes(r.seed))).toBe(true);
    expect(trials.map((r) => r.index)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(() => withTuning({ ...plain, seeds: [tuningSeedBase] }, catalog, { trials: 2, seeds: 1, chargeTuning: false })).toThrow(
      /tuning seed 1000000 is also an evaluation seed/,
    );
  });

  it("takes 'tune' from the experiment file, as --tune N (the long form sets the seeds and --charge-tuning too)", () => {
    const def = {
      name: 'stub',
      tasks: ['blobs', 'xor4'],
      trainers: ['hill-climb'],
      seeds: 2,
      budget: { evaluations: 600 },
      boundaryGrid: 4,
    };
    const short = parseExperiment({ ...def, tune: 3 }, { source: 'e.yaml', catalog }).experiment;
    expect(short).toEqual(withTuning(plain, catalog, { trials: 3, seeds: 2, chargeTuning: false }));
    const long = parseExperiment({ ...def, tune: { trials: 3, seeds: 1, chargeTuning: true } }, { source: 'e.yaml', catalog }).experiment;
    expect(long).toEqual(experiment);
  });

  it("rejects a bad 'tune' at parse time, naming the key, what it takes and what it got", () => {
    const def = { tasks: ['blobs'], trainers: ['hill-climb'], budget: { evaluations: 600 } };
    const problem =
      (tune: unknown, extra: object = {}) =>
      () =>
        parseExperiment({ ...def, ...extra, tune }, { source: 'e.yaml', catalog });
    expect(problem(0)).toThrow('tune: expected random-search trials per trainer, as --tune N: a whole number ≥ 1, got 0');
    expect(problem('8')).toThrow(
      'tune: expected random-search trials per trainer (a whole number ≥ 1, as --tune N) or { trials, seeds, chargeTuning }, got "8"',
    );
    expect(problem({ trial: 3 })).toThrow(/tune\.trial: .*unknown key 'trial' \(did you mean 'trials'\?\)/);
    expect(problem({ trials: 2, seeds: 0 })).toThrow(
      'tune.seeds: expected tuning seeds per trial, as --tune-seeds K: a whole number ≥ 1, got 0',
    );
    expect(problem(2, { seeds: [tuningSeedBase] })).toThrow(/tune: tuning seed 1000000 is also an evaluation seed/);
  });

  it('chooses the best mean validation score; a failed run counts as the worst; ties keep the lower trial (the default first)', () => {
    const trainer = { ...(experiment.trainers[0] as NonNullable<(typeof experiment.trainers)[0]>), label: 'hc' };
    const trial = (k: number, seed: number, final: number | null, flops = 1000) =>
      record(`hc+trial${k}`, seed, final, {
        cost: { flops, evaluations: 0, gradientSteps: 0, epochs: 0, generations: 0 },
        tuning: { role: 'trial', of: 'hc', trial: k, point: {} },
      });
    const a = chooseTrial('xor', trainer, [
      trial(0, 0, 0.8),
      trial(0, 1, 0.8),
      trial(1, 0, 1),
      trial(1, 1, null),
      trial(2, 0, 0.85),
      trial(2, 1, 0.85),
    ]);
    expect(a.chosen).toBe(2);
    expect(a.trials.map((t) => t.score)).toEqual([0.8, Number.NEGATIVE_INFINITY, 0.85]);
    expect(a.cost).toMatchObject({ runs: 6, flops: 6000 });
    const b = chooseTrial('xor', trainer, [trial(0, 0, 1, 500), trial(1, 0, 1, 200), trial(2, 0, 1, 200)]);
    expect(b.chosen).toBe(0);
    const c = chooseTrial('xor', trainer, [trial(0, 0, 0.9, 500), trial(1, 0, 1, 900), trial(2, 0, 1, 200)]);
    expect(c.chosen).toBe(1);
  });
});

describe('runExperiment with --tune', () => {
  const dir = tmp();
  const first = join(dir, 'first.jsonl');
  const resumed = join(dir, 'resumed.jsonl');

  it('runs the defaults and the trials, then the chosen configuration on the evaluation seeds', { timeout: 120_000 }, async () => {
    const out = await runExperiment(experiment, { ...base, resultsPath: first });
    expect(out.interrupted).toBe(false);
    expect(out.header.runs).toBe(4 + 6 + 4);
    expect(out.records.map((r) => r.index)).toEqual([...Array(14).keys()]);
    const tuned = out.records.filter((r) => r.trainer === tunedLabel('hill-climb'));
    expect(tuned.map((r) => r.seed)).toEqual([0, 1, 0, 1]);
    for (const r of tuned) {
      const chosen = chooseTrial(r.task, experiment.trainers[0] as NonNullable<(typeof experiment.trainers)[0]>, out.records);
      expect(r.tuning).toMatchObject({ role: 'tuned', of: 'hill-climb', trial: chosen.chosen });
      expect(r.config).toEqual(experiment.trainers[0]?.tuning?.trials[chosen.chosen]?.config);
    }
    const report = await buildReports(readResults(first));
    expect(report.summary.tasks[0]?.trainers.map((t) => t.trainer)).toEqual(expect.arrayContaining(['hill-climb', 'hill-climb+tuned']));
    expect(report.summary.tasks[0]?.trainers).toHaveLength(2);
    expect(report.markdown).toContain('## Tuning');
    expect(report.markdown).toMatch(/\| hill-climb \| [0-9.]+ \| [0-9.]+ \| [+-][0-9.]+ \| trial \d \|/);
    expect(report.markdown).toContain('Charged FLOPs / tuned run');
    expect(report.html).toContain('<h2>Tuning</h2>');
  });

  it('resumes after an interruption in either phase and ends identical to an uninterrupted run', { timeout: 240_000 }, async () => {
    for (const stopAt of [3, 11]) {
      const path = join(dir, `resumed-${stopAt}.jsonl`);
      const stop = new AbortController();
      let seen = 0;
      const part = await runExperiment(experiment, {
        ...base,
        resultsPath: path,
        signal: stop.signal,
        onRecord: () => {
          if (++seen === stopAt) stop.abort();
        },
      });
      expect(part.interrupted).toBe(true);
      const kept = readResults(path).records.length;
      expect(kept).toBeLessThan(14);
      let rerun = 0;
      const rest = await runExperiment(experiment, { ...base, resultsPath: path, resume: true, onRecord: () => rerun++ });
      expect(rest.interrupted).toBe(false);
      expect(rerun).toBe(14 - kept);
      expect(timingFree(path)).toEqual(timingFree(first));
    }
    expect(resumed).toContain('resumed');
  });
});
