import type { Reconstructions } from '../runner/evaluate.js';
import { greyPng } from './png.js';
import type { TaskSummary } from './summarize.js';

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * One PNG of image reconstructions: a row of originals, the corrupted inputs (denoising), then the
 * outputs, `count` images per row with a 2-pixel gap (first channel of each image).
 */
export function reconstructionGrid(r: Extract<Reconstructions, { kind: 'image' }>): Buffer {
  const [c, h, w] = r.shape.length === 3 ? (r.shape as [number, number, number]) : [1, r.shape[0] ?? 1, r.shape[1] ?? 1];
  const rows = [r.originals, ...(r.inputs === undefined ? [] : [r.inputs]), r.outputs].map((b) => Buffer.from(b, 'base64'));
  const gap = 2;
  const width = r.count * (w + gap) - gap;
  const height = rows.length * (h + gap) - gap;
  const grey = new Uint8Array(width * height).fill(128);
  rows.forEach((bytes, row) => {
    for (let i = 0; i < r.count; i++)
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) grey[(row * (h + gap) + y) * width + i * (w + gap) + x] = bytes[i * c * h * w + y * w + x] ?? 0;
  });
  return greyPng(grey, width, height);
}

/** A small SVG scatter: originals in grey, reconstructions in blue, each joined to its original. */
function pointsSvg(r: Extract<Reconstructions, { kind: 'points' }>): string {
  const all = [...r.originals, ...r.outputs];
  let [x0, x1, y0, y1] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (const [x, y] of all) {
    [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)];
  }
  const size = 240;
  const pad = 8;
  const sx = (v: number) => (pad + ((v - x0) / (x1 - x0 || 1)) * (size - 2 * pad)).toFixed(1);
  const sy = (v: number) => (size - pad - ((v - y0) / (y1 - y0 || 1)) * (size - 2 * pad)).toFixed(1);
  const links = r.originals
    .map((p, i) => {
      const q = r.outputs[i] ?? p;
      return `<line x1="${sx(p[0])}" y1="${sy(p[1])}" x2="${sx(q[0])}" y2="${sy(q[1])}" stroke="#ccc"/>`;
    })
    .join('');
  const dots = (ps: readonly (readonly [number, number])[], fill: string) =>
    ps.map((p) => `<circle cx="${sx(p[0])}" cy="${sy(p[1])}" r="2" fill="${fill}"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" class="reconstruction-points">${links}${dots(r.originals, '#999')}${dots(r.outputs, '#1f77b4')}</svg>`;
}

/**
 * The report's samples of one task: strings sampled from text models, and reconstructions of
 * test samples by autoencoders (an image grid, or a scatter of 2-D points), from each trainer's
 * lowest-seed run that recorded them; empty when the task has neither.
 */
export function samplesHtml(t: TaskSummary): string {
  const sampled = t.trainers.filter((r) => r.samples !== undefined);
  const text =
    sampled.length === 0
      ? ''
      : `<h3>Sampled at temperature 0.8 (lowest seed)</h3><ul class="samples">${sampled
          .map((r) => `<li><strong>${escapeHtml(r.trainer)}</strong>: ${(r.samples ?? []).map((s) => escapeHtml(s)).join(', ')}</li>`)
          .join('\n')}</ul>`;
  const rebuilt = t.trainers.filter((r) => r.reconstructions !== undefined);
  const first = rebuilt[0]?.reconstructions;
  const caption =
    first?.kind === 'image'
      ? `test images: originals (top)${first.inputs === undefined ? '' : ', the corrupted inputs'} and the outputs (bottom)`
      : 'test points (grey) and their reconstructions (blue)';
  const figure = (trainer: string, r: Reconstructions): string => {
    const body =
      r.kind === 'image'
        ? `<img class="reconstructions" width="${2 * (r.count * ((r.shape[r.shape.length - 1] ?? 1) + 2) - 2)}" alt="${escapeHtml(`${trainer}: ${caption}`)}" src="data:image/png;base64,${reconstructionGrid(r).toString('base64')}">`
        : pointsSvg(r);
    return `<figure><figcaption>${escapeHtml(trainer)}</figcaption>${body}</figure>`;
  };
  const images =
    rebuilt.length === 0
      ? ''
      : `<h3>Reconstructions (lowest seed): ${escapeHtml(caption)}</h3><div class="grid">${rebuilt
          .map((r) => figure(r.trainer, r.reconstructions as Reconstructions))
          .join('\n')}</div>`;
  return `${text}${images}`;
}
