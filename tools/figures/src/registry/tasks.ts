/** `packages/tasks/README.md`: the quick-start example's printed values. */
import { capture, derive, tightBrackets, ExtractError } from '../extract.js';
import type { FigureRun } from '../types.js';
import { figuresOf, tsx } from './helpers.js';

const file = 'packages/tasks/README.md';
const id = 'tasks/quick-start';
const fig = figuresOf(id, file);

/** The example's output, one line per `console.log` after the task listing. */
export const tasksRuns: readonly FigureRun[] = [
  {
    id,
    cwd: 'packages/tasks',
    command: tsx('examples/quick-start.ts'),
    speed: 'fast',
    minutes: 0.2,
    verified: '2026-12-07: rerun, all match',
    figures: [
      fig(
        'spirals-shapes',
        'console.log(spirals.train.x.shape, spirals.train.y.shape, spirals.loss, spirals.metric); // [240, 2] [240] softmax-cross-entropy accuracy',
        '[240, 2] [240] softmax-cross-entropy accuracy',
        capture(/^(\[[\d, ]+\] \[[\d, ]+\] \S+ \S+)$/m, tightBrackets),
      ),
      fig(
        'spec-rebuilds-bytes',
        'again.train.x.data.every((v, i) => v === spirals.train.x.data[i])); // true',
        'true',
        capture(/^\[[\d, ]+\] \[[\d, ]+\] \S+ \S+\n(\w+)$/m),
      ),
      fig(
        'mnist-shapes',
        'console.log(mnist.train.x.shape, augmented.shape); // [1000, 1, 28, 28] twice',
        '[1000, 1, 28, 28] twice',
        derive('the two shapes of the MNIST line, "<shape> twice" when equal', (output) => {
          const m = /^(\[[\d, ]+\]) (\[[\d, ]+\])$/m.exec(output);
          if (m === null) throw new ExtractError('no line with two shapes in the output');
          const [a, b] = [tightBrackets(m[1] as string), tightBrackets(m[2] as string)];
          return a === b ? `${a} twice` : `${a} ${b}`;
        }),
      ),
      fig(
        'iris-folds',
        "kFoldSplits(iris.train, 5, Rng.fromSeed(7).fork('folds'), { stratify: true }).map((f) => f.validation.y.shape[0])); // [18, 18, 18, 18, 18]",
        '[18, 18, 18, 18, 18]',
        capture(/^(\[[\d, ]+\])$/m, tightBrackets),
      ),
      fig(
        'cart-pole-rollout',
        'console.log(playEpisode(cartPole, (obs) => (obs[2]! + 0.5 * obs[3]! > 0 ? 1 : 0), 0)); // { steps: 500, return: 500, fitness: 500, terminated: false, truncated: true }',
        '{ steps: 500, return: 500, fitness: 500, terminated: false, truncated: true }',
        // Node prints the five fields on separate lines; the README shows them on one.
        capture(
          /^(\{\s+steps: [\d.]+,\s+return: [\d.]+,\s+fitness: [\d.]+,\s+terminated: \w+,\s+truncated: \w+\s+\})$/m,
          function oneLine(v) {
            return v.replace(/\s+/g, ' ');
          },
        ),
      ),
      fig(
        'rastrigin-optimum',
        'console.log(rastrigin.evaluate(rastrigin.optimumPoint), rastrigin.optimum, rastrigin.sigma); // 0 0 2.56',
        '0 0 2.56',
        capture(/^(\S+ \S+ \S+)\n\S+: invalid options/m),
      ),
    ],
  },
];
