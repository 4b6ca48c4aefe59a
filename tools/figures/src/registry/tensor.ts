/** `packages/tensor/README.md`: the WebGPU backend's agreement with the JS kernels on SwiftShader, and its MNIST run. */
import { capture } from '../extract.js';
import type { FigureRun } from '../types.js';
import { figuresOf } from './helpers.js';

const file = 'packages/tensor/README.md';
const id = 'tensor/webgpu-swiftshader';
const fig = figuresOf(id, file);

const families: readonly [string, string, string][] = [
  ['elementwise', '9.54e-7', '3.43e-5'],
  ['broadcast', '4.77e-7', '3.07e-7'],
  ['reduction', '4.77e-7', '4.68e-7'],
  ['softmax', '4.77e-7', '1.80e-6'],
  ['cross-entropy', '5.96e-8', '3.80e-7'],
  ['matmul', '7.63e-6', '3.73e-4'],
  ['conv2d', '9.54e-6', '7.19e-5'],
  ['pooling', '1.19e-7', '3.66e-6'],
  ['shape', '4.77e-7', '1.28e-6'],
  ['optimizer', '9.54e-7', '1.39e-5'],
];

/** The Chromium test prints one line per op family and one for the MNIST run. */
export const tensorRuns: readonly FigureRun[] = [
  {
    id,
    cwd: 'tools/browser-check',
    command: 'npx vitest run src/webgpu.test.ts',
    speed: 'slow',
    minutes: 2.5,
    verified: '2026-12-08: two runs at load 21–27 printed these values exactly (SwiftShader in Chromium 156)',
    figures: [
      ...families.flatMap(([family, maxAbs, maxRel]) => {
        const row = `| ${family.padEnd(13)} | ${maxAbs.padEnd(8)} | ${maxRel.padEnd(8)} |`;
        const line = new RegExp(`webgpu vs js, ${family}: \\d+ cases, max abs (\\S+), max rel (\\S+)`);
        return [
          fig(`${family}-max-abs`, row, maxAbs, capture(line, undefined, 1)),
          fig(`${family}-max-rel`, row, maxRel, capture(line, undefined, 2)),
        ];
      }),
      fig(
        'mnist-webgpu-accuracy',
        'The MNIST MLP reaches 85.8% test accuracy',
        '85.8%',
        capture(/MNIST 784-64-10, .*: webgpu (\d+\.\d%)/m),
      ),
      fig('mnist-js-accuracy', 'on WebGPU and 85.8% on the JS kernels', '85.8%', capture(/MNIST 784-64-10, .*, js (\d+\.\d%)/m)),
    ],
  },
];
