import { type LayeredModel, type Model, sequential } from '@evoprop/core';
import { conv2dLayer, flattenLayer, maxPool2dLayer, dense } from '@evoprop/core/layers';
import { loadModel } from '@evoprop/core/io';
import type { Rng } from '@evoprop/tensor';
import { TransferError } from './errors.js';
import { readFileBytes } from './read-file.js';

/** The pretrained models shipped in `pretrained/`, by name. */
export const pretrainedNames = ['mnist04-conv'] as const;
/** Name of a shipped pretrained model: one of {@link pretrainedNames}. */
export type PretrainedName = (typeof pretrainedNames)[number];

/**
 * The architecture of `mnist04-conv`: a LeNet-like base (two 5×5 conv + max-pool blocks, a
 * 64-unit dense layer) and a `head` of `outputSize` logits. Every layer is named, so surgery
 * keeps the names stable.
 */
export function mnistConvNet(rng: Rng, outputSize = 5): LayeredModel {
  return sequential(
    [
      conv2dLayer(6, 5, { activation: 'relu', name: 'conv1' }),
      maxPool2dLayer(2, { name: 'pool1' }),
      conv2dLayer(12, 5, { activation: 'relu', name: 'conv2' }),
      maxPool2dLayer(2, { name: 'pool2' }),
      flattenLayer({ name: 'flatten' }),
      dense(64, { activation: 'relu', kernelInitializer: 'heUniform', name: 'fc' }),
      dense(outputSize, { name: 'head' }),
    ],
    { inputShape: [1, 28, 28], rng },
  );
}

/** Where a shipped model file lives: beside `src/` and `dist/`, so this works from source and from an installed tarball. */
export const pretrainedUrl = (name: PretrainedName, part: 'model' | 'fisher' = 'model'): URL =>
  new URL(`../pretrained/${name}${part === 'fisher' ? '.fisher' : ''}.safetensors`, import.meta.url);

/**
 * Load a model shipped with the package.
 *
 * @example
 * const base = loadPretrained('mnist04-conv'); // 0–4 digit classifier, inputs [n, 1, 28, 28] in [0, 1]
 */
export function loadPretrained(name: PretrainedName): Model {
  if (!pretrainedNames.includes(name))
    throw new TransferError('loadPretrained', `one of ${pretrainedNames.join(', ')}`, `'${String(name)}'`);
  const url = pretrainedUrl(name);
  let bytes: Uint8Array;
  try {
    bytes = readFileBytes(url, `loadPretrained('${name}')`);
  } catch (e) {
    if (e instanceof TransferError) throw e;
    throw new TransferError(
      `loadPretrained('${name}')`,
      `the file ${decodeURIComponent(url.pathname)} (run \`pnpm --filter @evoprop/transfer pretrain\`)`,
      (e as Error).message,
    );
  }
  return loadModel(bytes);
}
