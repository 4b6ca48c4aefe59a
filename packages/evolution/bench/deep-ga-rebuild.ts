/**
 * The size of a deep-GA genome and the cost of rebuilding its weights from its seeds
 * (decodeSeedGenome: one pass of seeded Gaussian noise over the d weights per seed).
 *
 *   D=1000000 SEEDS=100 nice -n 10 node --conditions=@evoprop/source --import tsx bench/deep-ga-rebuild.ts
 */
import { decodeSeedGenome, encodeSeedGenome } from '../src/index.js';

const d = Number(process.env.D ?? 1_000_000);
const length = Number(process.env.SEEDS ?? 100);
const genome = Array.from({ length }, (_, i) => (i * 2654435761) >>> 0);
const started = performance.now();
decodeSeedGenome(new Float64Array(d), genome, 0.01);
const ms = performance.now() - started;
console.log(
  `${d} weights, ${length} seeds = ${encodeSeedGenome(genome).length} bytes (the weights as float32: ${4 * d} bytes); rebuilt in ${ms.toFixed(0)} ms, ${(ms / length).toFixed(1)} ms per seed`,
);
