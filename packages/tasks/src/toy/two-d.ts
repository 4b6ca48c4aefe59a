/**
 * 2-D toy classification sets. XOR, spirals, circles and the two Gaussians follow the
 * TensorFlow Playground generators (tensorflow/playground, src/dataset.ts) draw for draw,
 * with its labels +1 / -1 mapped to class indices 1 / 0; moons follows scikit-learn's
 * `make_moons`. Every generator is a pure function of (rng, samples, noise).
 */
import type { Rng } from '@evoprop/tensor';
import type { Dataset } from '../supervised/dataset.js';

/** Samples of class k when `n` are shared by `classes` classes as evenly as possible. */
const countOf = (n: number, classes: number, k: number): number => Math.floor(n / classes) + (k < n % classes ? 1 : 0);

function collect(n: number, classes: number, draw: (k: number, i: number, count: number, out: Float32Array) => number): Dataset {
  const x = new Float32Array(2 * n);
  const y = new Float32Array(n);
  const point = new Float32Array(2);
  let row = 0;
  for (let k = 0; k < classes; k++) {
    const count = countOf(n, classes, k);
    for (let i = 0; i < count; i++, row++) {
      y[row] = draw(k, i, count, point);
      x[2 * row] = point[0];
      x[2 * row + 1] = point[1];
    }
  }
  return { x, y, n, sampleShape: [2], targetShape: [] };
}

/** Playground `classifyXORData`: uniform points pushed 0.3 away from the axes; noise only blurs the label. */
export function xorQuadrants(rng: Rng, n: number, noise: number): Dataset {
  const padding = 0.3;
  return collect(n, 1, (_k, _i, _c, p) => {
    let px = rng.uniform(-5, 5);
    px += px > 0 ? padding : -padding;
    let py = rng.uniform(-5, 5);
    py += py > 0 ? padding : -padding;
    const noiseX = rng.uniform(-5, 5) * noise;
    const noiseY = rng.uniform(-5, 5) * noise;
    p[0] = px;
    p[1] = py;
    return (px + noiseX) * (py + noiseY) >= 0 ? 1 : 0;
  });
}

/** Playground `classifySpiralData`: two interleaved arms of 1.75 turns out to radius 5. */
export function twoSpirals(rng: Rng, n: number, noise: number): Dataset {
  return collect(n, 2, (k, i, count, p) => {
    // Playground draws the +1 arm (deltaT = 0) first, then the -1 arm (deltaT = π).
    const deltaT = k === 0 ? 0 : Math.PI;
    const r = (i / count) * 5;
    const t = ((1.75 * i) / count) * 2 * Math.PI + deltaT;
    p[0] = r * Math.sin(t) + rng.uniform(-1, 1) * noise;
    p[1] = r * Math.cos(t) + rng.uniform(-1, 1) * noise;
    return k === 0 ? 1 : 0;
  });
}

/** Playground `classifyCircleData`: a disc of radius 2.5 inside a ring 3.5–5; noise only blurs the label. */
export function circles(rng: Rng, n: number, noise: number): Dataset {
  const radius = 5;
  return collect(n, 2, (k, _i, _c, p) => {
    const r = k === 0 ? rng.uniform(0, radius * 0.5) : rng.uniform(radius * 0.7, radius);
    const angle = rng.uniform(0, 2 * Math.PI);
    p[0] = r * Math.sin(angle);
    p[1] = r * Math.cos(angle);
    const noiseX = rng.uniform(-radius, radius) * noise;
    const noiseY = rng.uniform(-radius, radius) * noise;
    return Math.hypot(p[0] + noiseX, p[1] + noiseY) < radius * 0.5 ? 1 : 0;
  });
}

/** scikit-learn `make_moons`: two interleaved half circles, Gaussian noise of std `noise` on both coordinates. */
export function moons(rng: Rng, n: number, noise: number): Dataset {
  return collect(n, 2, (k, i, count, p) => {
    const t = count > 1 ? (Math.PI * i) / (count - 1) : 0;
    p[0] = (k === 0 ? Math.cos(t) : 1 - Math.cos(t)) + rng.normal(0, noise);
    p[1] = (k === 0 ? Math.sin(t) : 1 - Math.sin(t) - 0.5) + rng.normal(0, noise);
    return k;
  });
}

/**
 * Gaussian blobs. With 2 classes this is the Playground's `classifyTwoGaussData`: centres
 * (2, 2) and (-2, -2), variance mapped linearly from noise 0 → 0.5 to noise 0.5 → 4. More
 * classes put the centres evenly on the same circle (radius 2√2).
 */
export function gaussianBlobs(rng: Rng, n: number, noise: number, classes: number): Dataset {
  const variance = 0.5 + (noise / 0.5) * 3.5;
  const sd = Math.sqrt(variance);
  const radius = 2 * Math.SQRT2;
  return collect(n, classes, (k, _i, _c, p) => {
    const angle = Math.PI / 4 + (2 * Math.PI * k) / classes;
    p[0] = rng.normal(radius * Math.cos(angle), sd);
    p[1] = rng.normal(radius * Math.sin(angle), sd);
    // Playground's first blob (2, 2) is its +1 class.
    return classes === 2 ? 1 - k : k;
  });
}
