/** `docs/queue.md`: what one generation of distributed evolution sends over the wire, in bytes. */
import { capture } from '../extract.js';
import type { FigureRun } from '../types.js';
import { figuresOf, tsx } from './helpers.js';

const file = 'docs/queue.md';
const id = 'queue/wire-bytes';
const fig = figuresOf(id, file);

/** `apps/arena/bench/wire-bytes.ts`: the encoded payloads of OpenAI-ES (seeds and vectors) and NEAT, per generation. */
export const queueRuns: readonly FigureRun[] = [
  {
    id,
    cwd: '.',
    command: tsx('apps/arena/bench/wire-bytes.ts'),
    speed: 'fast',
    minutes: 0.2,
    verified:
      '2026-12-08: measured; the same counts printed by apps/arena src/queue/evolution-queue.test.ts through worker processes (6877.4 and 22091)',
    figures: [
      fig(
        'openai-es-seeds',
        '6,877 bytes per generation with seeds, 22,091 with vectors',
        '6,877',
        capture(/^openai-es seeds: ([\d,]+) bytes per generation/m),
      ),
      fig(
        'openai-es-vectors',
        '6,877 bytes per generation with seeds, 22,091 with vectors',
        '22,091',
        capture(/^openai-es vectors: ([\d,]+) bytes per generation/m),
      ),
      fig(
        'neat-genomes',
        'NEAT on XOR with 60 genomes sends 42,633 bytes per generation',
        '42,633',
        capture(/^neat genomes: ([\d,]+) bytes per generation/m),
      ),
    ],
  },
];
