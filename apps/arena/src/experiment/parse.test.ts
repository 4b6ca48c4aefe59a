import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../testing-fixtures/rejections.js';
import { createCatalog } from '../testing-fixtures/stub-catalog.js';
import { planRuns } from './experiment.js';
import { applyFlags, parseTrainerFlag, readExperimentFile, splitTrainerList, suiteDefinition } from './load.js';
import { parseExperiment } from './parse.js';

const catalog = createCatalog();
const ok = { tasks: ['blobs'], trainers: ['hill-climb'], budget: { flops: 1e6 } };

/** The problems an invalid definition is rejected with. */
const problems = (raw: unknown, skipMissing = false): string[] =>
  rejectionOf(() => parseExperiment(raw, { source: 'test', catalog, skipMissing }));

describe('parseExperiment', () => {
  it('fills defaults and plans task × trainer × seed in canonical order', () => {
    const { experiment } = parseExperiment(
      { ...ok, trainers: ['hill-climb', { id: 'hill-climb', label: 'wide', config: { sigma: 1 } }], seeds: 2 },
      { source: 't', catalog },
    );
    expect(experiment.seeds).toEqual([0, 1]);
    expect(experiment.name).toBe('experiment');
    expect(planRuns(experiment).map((r) => r.runId)).toEqual(['blobs/hill-climb/0', 'blobs/hill-climb/1', 'blobs/wide/0', 'blobs/wide/1']);
    expect(planRuns(experiment).every((r) => r.taskSeed === r.seed)).toBe(true);
  });

  it('names an unknown top-level key and lists the valid ones', () => {
    const [p] = problems({ ...ok, seed: 3 });
    expect(p).toMatch(
      /^seed: expected one of the keys .*boundaryGrid.*seeds.*trainers, tune, got unknown key 'seed' \(did you mean 'seeds'\?\)$/,
    );
  });

  it('names an unknown task with a suggestion and the valid choices', () => {
    expect(problems({ ...ok, tasks: ['blobs', 'blob'] })).toEqual([
      "tasks[1]: unknown task 'blob'; did you mean 'blobs'? valid: blobs, xor4",
    ]);
  });

  it('names an unknown trainer', () => {
    expect(problems({ ...ok, trainers: ['adam'] })[0]).toMatch(
      /^trainers\[0\]: unknown trainer 'adam';.*valid: await-forever, claims-target, crash, diverge, exit-thread, hill-climb, loop-forever, nan-model$/,
    );
  });

  it('validates trainer config overrides against the trainer schema, pointing at the key', () => {
    const ps = problems({ ...ok, trainers: [{ id: 'hill-climb', config: { sigma: -1, sigmaa: 2 } }] });
    expect(ps).toContain('trainers[0].config.sigma: expected a number >0, got -1');
    expect(
      ps.some((p) =>
        /^trainers\[0\]\.config\.sigmaa: expected one of the keys .*sigma.*, got unknown key 'sigmaa' \(did you mean 'sigma'\?\)$/.test(p),
      ),
    ).toBe(true);
  });

  it('points at a bad key inside a trainer entry', () => {
    expect(problems({ ...ok, trainers: [{ id: 'hill-climb', cfg: {} }] })).toEqual([
      "trainers[0].cfg: expected one of the keys config, id, label, start, got unknown key 'cfg' (did you mean 'config'?)",
    ]);
  });

  it('requires exactly one cost cap in the budget', () => {
    expect(problems({ ...ok, budget: { target: { metric: 'accuracy', value: 0.9 } } })[0]).toMatch(
      /^budget: expected exactly one cost cap .* got none \(a target alone/,
    );
    expect(problems({ ...ok, budget: { flops: 1, epochs: 2 } })[0]).toMatch(/got flops, epochs/);
    expect(problems({ ...ok, budget: { flop: 1 } })).toContain(
      "budget.flop: expected one of the keys epochs, evaluations, flops, generations, gradientSteps, target, wallSeconds, got unknown key 'flop' (did you mean 'flops'?)",
    );
  });

  it('rejects duplicate labels', () => {
    expect(problems({ ...ok, trainers: ['hill-climb', 'hill-climb'] })[0]).toMatch(
      /trainers\[1\]\.label: 'hill-climb' is already used by trainers\[0\]/,
    );
  });

  it('skips unregistered ids in built-in suites, saying so', () => {
    const { experiment, skipped } = parseExperiment(
      { ...ok, trainers: ['hill-climb', 'neat'] },
      { source: 't', catalog, skipMissing: true },
    );
    expect(experiment.trainers.map((t) => t.id)).toEqual(['hill-climb']);
    expect(skipped).toEqual(["trainer 'neat' is not registered; skipped"]);
  });
});

describe('loading', () => {
  it('reads YAML and JSON files and reports broken ones with the file name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-exp-'));
    writeFileSync(
      join(dir, 'a.yaml'),
      'tasks: [blobs]\ntrainers:\n  - id: hill-climb\n    config: { sigma: 0.5 }\nbudget: { evaluations: 100 }\n',
    );
    writeFileSync(join(dir, 'b.json'), JSON.stringify(ok));
    writeFileSync(join(dir, 'c.yaml'), 'tasks: [blobs\n');
    const a = parseExperiment(readExperimentFile(join(dir, 'a.yaml')), { source: 'a.yaml', catalog });
    expect(a.experiment.trainers[0]?.config).toEqual({ sigma: 0.5 });
    expect(parseExperiment(readExperimentFile(join(dir, 'b.json')), { source: 'b.json', catalog }).experiment.budget).toEqual({
      flops: 1e6,
    });
    expect(() => readExperimentFile(join(dir, 'c.yaml'))).toThrow(/c\.yaml: invalid experiment\n {2}- not valid YAML/);
  });

  it('applies flags over a suite', () => {
    const raw = applyFlags(suiteDefinition('quick'), {
      tasks: 'blobs',
      trainers: ['hill-climb@wide:sigma=1'],
      seeds: '2',
      budget: 'evaluations=300',
      target: 'accuracy=0.9',
    });
    const { experiment } = parseExperiment(raw, { source: 'flags', catalog });
    expect(experiment.trainers).toEqual([{ id: 'hill-climb', label: 'wide', config: { sigma: 1 } }]);
    expect(experiment.budget).toEqual({ evaluations: 300, target: { metric: 'accuracy', value: 0.9 } });
    expect(experiment.seeds).toEqual([0, 1]);
  });

  it('keeps the own budget and target of a suite task that --tasks selects', () => {
    const raw = applyFlags({ ...ok, tasks: [{ id: 'blobs', budget: { evaluations: 50 } }, 'xor4'] }, { tasks: 'blobs' }) as {
      tasks: unknown[];
      name: string;
    };
    expect(raw.tasks).toEqual([{ id: 'blobs', budget: { evaluations: 50 } }]);
    const b = applyFlags({ ...ok, tasks: [{ id: 'blobs', budget: { evaluations: 50 } }] }, { budget: 'flops=9' }) as {
      tasks: unknown[];
      budget: unknown;
    };
    expect(b).toMatchObject({ tasks: [{ id: 'blobs' }], budget: { flops: 9 } });
    const t = applyFlags(
      { ...ok, trainers: [{ id: 'hill-climb', config: { sigma: 2 } }] },
      { trainers: ['hill-climb', 'hill-climb@b:sigma=1'] },
    ) as { trainers: unknown[] };
    expect(t.trainers).toEqual([
      { id: 'hill-climb', config: { sigma: 2 } },
      { id: 'hill-climb', label: 'b', config: { sigma: 1 } },
    ]);
    expect(raw.name).toBe('custom');
  });

  it('parses trainer flags with typed values', () => {
    expect(parseTrainerFlag('sgd:learningRate=0.1,nesterov=true,schedule=cosine')).toEqual({
      id: 'sgd',
      config: { learningRate: 0.1, nesterov: true, schedule: 'cosine' },
    });
  });

  it('splits a --trainers list without breaking configs', () => {
    expect(splitTrainerList('adam,sgd@fast:learningRate=0.5,momentum=0.9,cma-es')).toEqual([
      'adam',
      'sgd@fast:learningRate=0.5,momentum=0.9',
      'cma-es',
    ]);
  });

  it('lists the suites for an unknown suite name', () => {
    expect(() => suiteDefinition('quik')).toThrow(
      /unknown suite 'quik'; did you mean 'quick'\? valid: bbob, control, mnist, neat-paper, neuroevolution, neuroevolution-maze, quick, text, transfer, unsupervised/,
    );
  });
});
