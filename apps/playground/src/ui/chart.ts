/** A small line chart on a canvas: one coloured series per strategy, log or linear x. */

/** One line. */
export type Series = Readonly<{ label: string; color: string; points: readonly (readonly [number, number])[] }>;

/** What the chart shows. */
export type ChartOptions = Readonly<{
  /** Title above the plot. */
  title: string;
  /** x-axis label. */
  xLabel: string;
  /** Logarithmic x axis (FLOPs). */
  logX: boolean;
  /** Fixed y range, or null to fit the data. */
  yRange: readonly [number, number] | null;
}>;

const format = (v: number): string =>
  Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-2 && v !== 0) ? v.toExponential(0) : String(Math.round(v * 100) / 100);

/** Draw `series` into `canvas` (its width and height attributes set the size). */
export function drawChart(canvas: HTMLCanvasElement, series: readonly Series[], options: ChartOptions): void {
  const g = canvas.getContext('2d');
  if (g === null) return;
  const { width, height } = canvas;
  g.clearRect(0, 0, width, height);
  const left = 44;
  const right = 10;
  const top = 22;
  const bottom = 30;
  const fx = (x: number) => (options.logX ? Math.log10(Math.max(x, 1)) : x);
  const all = series.flatMap((s) => s.points);
  g.fillStyle = '#222';
  g.font = '12px sans-serif';
  g.fillText(options.title, left, 14);
  // Legend: each strategy's name in its colour, after the title.
  let lx = left + g.measureText(options.title).width + 12;
  g.font = '10px sans-serif';
  for (const s of series) {
    g.fillStyle = s.color;
    g.fillText(s.label, lx, 14);
    lx += g.measureText(s.label).width + 8;
  }
  if (all.length === 0) return;
  let x0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const [x, y] of all) {
    x0 = Math.min(x0, fx(x));
    x1 = Math.max(x1, fx(x));
    if (Number.isFinite(y)) {
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  if (options.yRange !== null) [y0, y1] = options.yRange;
  if (x1 === x0) x1 = x0 + 1;
  if (!(y1 > y0)) y1 = y0 + 1;
  const px = (x: number) => left + ((fx(x) - x0) / (x1 - x0)) * (width - left - right);
  const py = (y: number) => top + (1 - (y - y0) / (y1 - y0)) * (height - top - bottom);
  g.strokeStyle = '#bbb';
  g.lineWidth = 1;
  g.strokeRect(left, top, width - left - right, height - top - bottom);
  g.fillStyle = '#555';
  g.font = '10px sans-serif';
  for (let i = 0; i <= 4; i++) {
    const y = y0 + ((y1 - y0) * i) / 4;
    g.fillText(format(y), 2, py(y) + 3);
    const xv = x0 + ((x1 - x0) * i) / 4;
    const label = options.logX ? `1e${xv.toFixed(1)}` : format(xv);
    g.fillText(label, left + ((width - left - right) * i) / 4 - 10, height - bottom + 12);
  }
  g.fillText(options.xLabel, width / 2 - 20, height - 4);
  for (const s of series) {
    g.strokeStyle = s.color;
    g.lineWidth = 2;
    g.beginPath();
    s.points.forEach(([x, y], i) => {
      if (i === 0) g.moveTo(px(x), py(y));
      else g.lineTo(px(x), py(y));
    });
    g.stroke();
  }
}
