/**
 * CPPN-NEAT (Stanley 2007) against plain NEAT on the `picture` task: the same NeatTrainer, the
 * 'cppn' and 'paper' presets, 5 seeds, the same generation budget; prints the test MSE (the task's loss) of each
 * run and writes the first CPPN seed's champion, drawn at 32 × 32 (double the task's 16 × 16 grid), as an SVG.
 *
 *   PICTURE=rings GENERATIONS=100 OUT=../../docs/images/cppn-rings.svg \
 *     nice -n 10 node --conditions=@evoprop/source --import tsx bench/cppn-picture.ts
 */
import { writeFileSync } from 'node:fs';
import { type PictureName, createSupervisedTask, pictureInputs } from '@evoprop/tasks';
import { Rng, Tensor, noGrad } from '@evoprop/tensor';
import { NeatModel, type NeatPreset, NeatTrainer } from '../src/neat/index.js';

const picture = (process.env.PICTURE ?? 'rings') as PictureName;
const generations = Number(process.env.GENERATIONS ?? 100);
const seeds = Number(process.env.SEEDS ?? 5);
const out = process.env.OUT;

/** A grey-level picture as an SVG of size × size squares. */
function svg(values: ArrayLike<number>, size: number, title: string): string {
  const cell = 8;
  const rects: string[] = [];
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const g = Math.round(255 * Math.min(1, Math.max(0, values[r * size + c] as number)));
      rects.push(`<rect x="${c * cell}" y="${r * cell}" width="${cell}" height="${cell}" fill="rgb(${g},${g},${g})"/>`);
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size * cell}" height="${size * cell + 16}"><title>${title}</title>${rects.join('')}<text x="2" y="${size * cell + 12}" font-size="10" font-family="sans-serif">${title}</text></svg>\n`;
}

for (const preset of (process.env.PRESETS ?? 'cppn,paper').split(',') as NeatPreset[]) {
  const errors: number[] = [];
  for (let seed = 0; seed < seeds; seed++) {
    const task = createSupervisedTask('picture', seed, { picture });
    const started = performance.now();
    const r = await new NeatTrainer({ preset, fitness: 'loss' }).fit({ task, rng: Rng.fromSeed(seed), budget: { generations } });
    errors.push(r.metrics.loss as number);
    console.log(
      `${preset} seed ${seed}: test mse ${(r.metrics.loss as number).toFixed(4)} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    if (out !== undefined && preset === 'cppn' && seed === 0 && r.model instanceof NeatModel) {
      const size = 32;
      const y = noGrad(() => (r.model as NeatModel).forward(new Tensor(pictureInputs(size), [size * size, 3]))).data;
      const hidden = r.model.toGenome().nodes.filter((n) => n.kind === 'hidden');
      const used = hidden.map((n) => n.activation ?? 'sigmoid').join(', ');
      writeFileSync(out, svg(y, size, `CPPN-NEAT, ${picture}, seed 0, ${generations} generations; hidden: ${used || 'none'}`));
    }
  }
  const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
  console.log(`${preset}: ${picture}, ${generations} generations, mean test mse ${mean.toFixed(4)} over ${seeds} seeds`);
}
