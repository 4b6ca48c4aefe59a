import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Catalog } from '../catalog/catalog.js';
import { createDefaultCatalog } from '../catalog/default-catalog.js';
import { rejectionOf } from '../testing-fixtures/rejections.js';
import { createCatalog } from '../testing-fixtures/stub-catalog.js';
import { applyFlags, parseTrainerFlag, readExperimentFile } from './load.js';
import { parseExperiment } from './parse.js';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await createDefaultCatalog();
});
const base = { tasks: ['xor'], budget: { flops: 1e6 } };

/** The problems a definition is rejected with. */
const problems = (raw: unknown, c: Catalog = catalog): string[] => rejectionOf(() => parseExperiment(raw, { source: 'test', catalog: c }));

/** The problems a file is refused with. */
function fileProblems(name: string, content: string | Uint8Array): string[] {
  const path = join(mkdtempSync(join(tmpdir(), 'arena-config-')), name);
  writeFileSync(path, content);
  return rejectionOf(() => readExperimentFile(path));
}

describe('deprecated key names', () => {
  it('parse as their new names in trainer configs and starts, with a warning naming the file and key', () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const parse = (trainer: Record<string, unknown>) => parseExperiment({ ...base, trainers: [trainer] }, { source: 'dep.yaml', catalog });
    const old = parse({
      id: 'cma-es',
      config: { evaluateEvery: 4, fitness: { batchSize: 8 } },
      start: { pretrained: 'mnist04-conv', replaceHead: false },
    });
    const now = parse({
      id: 'cma-es',
      config: { validateEvery: 4, fitnessBatchSize: 8 },
      start: { pretrained: 'mnist04-conv', head: { replace: false } },
    });
    expect(old.experiment.trainers).toEqual(now.experiment.trainers);
    expect(now.experiment.trainers[0]?.start?.head.replace).toBe(false);
    const messages = emit.mock.calls.map((c) => String(c[0]));
    expect(messages).toContain(
      "dep.yaml: trainers[0].config: 'fitness.batchSize' is deprecated, write 'fitnessBatchSize' (the old name still works for now)",
    );
    expect(messages).toContain(
      "dep.yaml.trainers[0].start: 'replaceHead' is deprecated, write 'head.replace' (the old name still works for now)",
    );
    emit.mockRestore();
  });
});

describe('nested trainer config keys', () => {
  it('an unknown nested key names the valid keys of that object, with a suggestion', () => {
    expect(problems({ ...base, trainers: [{ id: 'sgd', config: { optimizer: { name: 'sgd', lr: 0.5 } } }] })).toEqual([
      "trainers[0].config.optimizer.lr: expected one of the keys l2, learningRate, momentum, name, nesterov, got unknown key 'lr' (did you mean 'learningRate' or 'l2'?)",
    ]);
    expect(problems({ ...base, trainers: [{ id: 'cma-es', config: { model: { hiden: [4] } } }] })).toEqual([
      "trainers[0].config.model.hiden: expected one of the keys activation, hidden, got unknown key 'hiden' (did you mean 'hidden'?)",
    ]);
  });

  it('keys the schema leaves open (NEAT overrides, strategy configs) are checked before any run', () => {
    const [neat] = problems({ ...base, trainers: [{ id: 'neat', config: { neat: { compatibility: { treshold: 2 } } } }] });
    expect(neat).toMatch(
      /^trainers\[0\]\.config: NEAT config\.compatibility\.treshold: expected one of the keys .*, got unknown key 'treshold' \(did you mean 'threshold'\?\)$/,
    );
    const [es] = problems({ ...base, trainers: [{ id: 'cma-es', config: { strategyConfig: { popSize: 8 } } }] });
    expect(es).toMatch(/^trainers\[0\]\.config: .*popSize: .*unknown key 'popSize' \(did you mean 'populationSize'\?\)/);
  });

  it('dotted keys in --trainer set nested config, completed from the trainer defaults', () => {
    expect(parseTrainerFlag('sgd:optimizer.learningRate=0.5,batchSize=8')).toEqual({
      id: 'sgd',
      config: { optimizer: { learningRate: 0.5 }, batchSize: 8 },
    });
    const raw = applyFlags(base, { trainers: ['sgd:optimizer.learningRate=0.5', 'cma-es:model.hidden=[4]'] });
    const { experiment } = parseExperiment(raw, { source: 'flags', catalog });
    expect(experiment.trainers[0]?.config).toMatchObject({ optimizer: { name: 'sgd', learningRate: 0.5 } });
    expect(experiment.trainers[1]?.config).toEqual({ model: { hidden: [4] } });
    expect(() => parseTrainerFlag('sgd:optimizer..learningRate=1')).toThrow(/expected KEY or KEY.SUBKEY=VALUE/);
    expect(() => parseTrainerFlag('sgd:batchSize=8,batchSize.x=1')).toThrow(
      /'batchSize.x' sets a key inside 'batchSize', which is already set to 8/,
    );
  });
});

describe('run ids stay unique', () => {
  const stub = createCatalog();
  const ok = { tasks: ['blobs'], trainers: ['hill-climb'], budget: { flops: 1e6 } };

  it('refuses a seed given twice', () => {
    expect(problems({ ...ok, seeds: [0, 3, 0] }, stub)).toEqual([
      'seeds[2]: expected distinct seeds (each names its runs), got 0 again (also seeds[0])',
    ]);
    expect(problems(applyFlags(ok, { seeds: '1,1' }), stub)[0]).toMatch(/^seeds\[1\]: expected distinct seeds/);
  });

  it('refuses two trainers or tasks with one label, and labels that would split a run id', () => {
    expect(
      problems(
        {
          ...ok,
          trainers: [
            { id: 'hill-climb', label: 'a' },
            { id: 'crash', label: 'a' },
          ],
        },
        stub,
      )[0],
    ).toMatch(/^trainers\[1\]\.label: 'a' is already used by trainers\[0\]/);
    expect(problems({ ...ok, trainers: [{ id: 'hill-climb', label: 'a/b' }] }, stub)[0]).toMatch(
      /^trainers\[0\]\.label: expected a non-empty label without '\/'.*, got "a\/b"$/,
    );
  });
});

describe('experiment files that hold no experiment', () => {
  it('an empty or blank file says it is empty', () => {
    expect(fileProblems('e.yaml', '')).toEqual(['expected a YAML experiment (tasks, trainers, budget), got an empty file']);
    expect(fileProblems('e.json', ' \n\t\n')).toEqual(['expected a JSON experiment (tasks, trainers, budget), got an empty file']);
    expect(fileProblems('c.yaml', '# nothing yet\n')[0]).toMatch(/got a file with no content \(only comments or blank lines\)$/);
  });

  it('a binary file says it is binary', () => {
    expect(fileProblems('m.yaml', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toEqual([
      'expected a YAML text file, got binary data (byte 8 of 10 is not UTF-8 text)',
    ]);
    expect(fileProblems('m.json', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))[0]).toMatch(
      /^expected a JSON text file, got binary data \(byte 1 of 4/,
    );
  });

  it('a file holding a list or a scalar says what it holds', () => {
    expect(fileProblems('l.yaml', '- xor\n- spirals\n')).toEqual(['expected a YAML mapping with tasks, trainers and budget, got a list']);
    expect(fileProblems('s.json', '42')).toEqual(['expected a JSON mapping with tasks, trainers and budget, got the number 42']);
  });

  it('an empty definition from any source says so', () => {
    expect(problems(null)).toEqual(['(top level): expected an experiment (tasks, trainers, budget), got nothing (an empty definition)']);
  });
});

describe('models that cannot fit', () => {
  it('refuses a hidden layer of a million units before running, naming the limit', () => {
    const ps = problems({
      ...base,
      trainers: [
        { id: 'adam', config: { hidden: [1e6] } },
        { id: 'cma-es', config: { model: { hidden: [1e6] } } },
      ],
    });
    expect(ps).toHaveLength(2);
    expect(ps[0]).toMatch(
      /^trainers\[0\]\.config\.hidden: expected a model within the memory limit of 2\.00 GiB, got hidden \[1000000\]: at least 3,000,001 parameters and 7\.6\d GiB for a step on 1024 rows/,
    );
    expect(ps[1]).toMatch(/^trainers\[1\]\.config\.model\.hidden: expected a model within the memory limit of 2\.00 GiB/);
  });
});
