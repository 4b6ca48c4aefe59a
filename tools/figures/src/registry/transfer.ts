/** `packages/transfer/README.md`: the split-MNIST transfer table (accuracies and GFLOP per run). */
import { capture, cell } from '../extract.js';
import type { Figure, FigureRun } from '../types.js';
import { figuresOf, tsx } from './helpers.js';

const file = 'packages/transfer/README.md';

/** One README row: 5–9 accuracy, 0–4 accuracy after (when the row has one) and GFLOP per run, from the bench row `label`. */
function row(
  runId: string,
  name: string,
  label: string,
  readmeLabel: string,
  [target, source, gflops]: readonly [string, string | null, string],
): Figure[] {
  const fig = figuresOf(runId, file);
  const text = `| ${readmeLabel} | ${target} | ${source ?? '—'} | ${gflops} |`;
  return [
    fig(`${name}-5-9`, text, target, cell(label, 1)),
    ...(source === null ? [] : [fig(`${name}-0-4-after`, text, source, cell(label, 2))]),
    fig(`${name}-gflop`, text, gflops, cell(label, 3)),
  ];
}

const main = 'transfer/split-mnist';
const lr3 = 'transfer/split-mnist-lr-1e-3';

/** `pnpm --filter @evoprop/transfer bench` (seeds 1–5) and its `--lr-b 0.001` variant. */
export const transferRuns: readonly FigureRun[] = [
  {
    id: main,
    cwd: 'packages/transfer',
    command: tsx('bench/split-mnist.ts'),
    speed: 'slow',
    minutes: 30,
    verified:
      '2026-12-07: rerun (1,778 s on two loaded cores); full-network GFLOP were 0.04 lower (11.48 / 11.50 / 11.71) and OpenAI-ES 6.51 before the optimizers charged their arithmetic',
    figures: [
      figuresOf(main, file)(
        'base-0-4',
        'The shipped base scores 99.2% on the 0–4 test images before any transfer.',
        '99.2%',
        capture(/before any transfer: ([\d.]+%)/),
      ),
      ...row(
        main,
        'frozen-conv-500',
        '(a) frozen conv base + new linear head, 500 labels',
        '(a) frozen conv base + new linear head, 500 labels',
        ['95.1 ± 0.9', null, '0.66'],
      ),
      ...row(
        main,
        'frozen-fc-500',
        '(a) frozen conv+fc base + new linear head, 500 labels',
        '(a) frozen conv+fc base + new linear head, 500 labels',
        ['90.5 ± 1.0', null, '0.67'],
      ),
      ...row(
        main,
        'scratch-500-epochs',
        '(a) from scratch, same net, 500 labels, same epochs',
        '(a) from scratch, same net, 500 labels, same epochs',
        ['94.1 ± 0.6', null, '11.52'],
      ),
      ...row(
        main,
        'scratch-500-flops',
        '(a) from scratch, same net, 500 labels, same FLOPs as frozen',
        '(a) from scratch, same net, 500 labels, same FLOPs as the frozen run',
        ['49.2 ± 11.7', null, '0.69'],
      ),
      ...row(
        main,
        'frozen-conv-100',
        '(a) frozen conv base + new linear head, 100 labels',
        '(a) frozen conv base + new linear head, 100 labels',
        ['91.0 ± 1.5', null, '0.47'],
      ),
      ...row(
        main,
        'scratch-100-epochs',
        '(a) from scratch, same net, 100 labels, same epochs',
        '(a) from scratch, same net, 100 labels, same epochs',
        ['83.6 ± 5.7', null, '2.30'],
      ),
      ...row(main, 'naive-lr-1e-2', '(b) naive fine-tuning of the whole net, lr 0.01', '(b) naive fine-tuning of the whole net, lr 1e-2', [
        '96.2 ± 0.9',
        '59.3 ± 9.0',
        '11.52',
      ]),
      ...row(main, 'ewc-lr-1e-2', '(b) EWC, λ = 1000 (shipped Fisher), lr 0.01', '(b) EWC, λ = 1000 (shipped Fisher), lr 1e-2', [
        '94.6 ± 1.3',
        '97.6 ± 0.7',
        '11.54',
      ]),
      ...row(main, 'lwf-lr-1e-2', '(b) LwF, λ = 1, T = 2, lr 0.01', '(b) LwF, λ = 1, T = 2, lr 1e-2', [
        '96.1 ± 1.2',
        '98.4 ± 0.1',
        '11.75',
      ]),
      ...row(
        main,
        'sep-cma-es-head',
        '(c) sepCmaEs evolving only the new linear head, 500 labels',
        '(c) sep-CMA-ES evolving only the new linear head (965 weights)',
        ['91.9 ± 2.3', null, '4.16'],
      ),
      ...row(
        main,
        'openai-es-head',
        '(c) openAiEs evolving only the new linear head, 500 labels',
        '(c) OpenAI-ES (λ = 40, Adam 0.03) evolving only the new linear head',
        ['93.3 ± 1.3', null, '6.52'],
      ),
    ],
  },
  {
    id: lr3,
    cwd: 'packages/transfer',
    command: `${tsx('bench/split-mnist.ts')} --lr-b 0.001 --only b`,
    speed: 'slow',
    minutes: 8,
    verified:
      '2026-12-07: rerun (497 s); GFLOP were 0.04 lower before the optimizers charged their arithmetic, naive fine-tuning was 95.2 ± 1.5',
    figures: [
      ...row(lr3, 'naive', '(b) naive fine-tuning of the whole net, lr 0.001', '(b) naive fine-tuning, lr 1e-3 (`--lr-b 0.001`)', [
        '95.3 ± 1.4',
        '89.3 ± 7.3',
        '11.52',
      ]),
      ...row(lr3, 'ewc', '(b) EWC, λ = 1000 (shipped Fisher), lr 0.001', '(b) EWC, λ = 1000, lr 1e-3', [
        '92.5 ± 1.2',
        '97.5 ± 0.4',
        '11.54',
      ]),
      ...row(lr3, 'lwf', '(b) LwF, λ = 1, T = 2, lr 0.001', '(b) LwF, λ = 1, T = 2, lr 1e-3', ['95.2 ± 1.7', '98.6 ± 0.3', '11.75']),
    ],
  },
];
