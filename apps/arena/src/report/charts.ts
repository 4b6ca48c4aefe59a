import type { RunRecord } from '../runner/record.js';
import { curveBands } from './curves.js';

/** A Vega-Lite specification (plain JSON). */
export type VegaLiteSpec = Readonly<Record<string, unknown>>;
export type Chart = Readonly<{ id: string; task: string; title: string; spec: VegaLiteSpec }>;

const schema = 'https://vega.github.io/schema/vega-lite/v6.json';

function bandChart(records: readonly RunRecord[], axis: 'flops' | 'wallSeconds', metric: string): VegaLiteSpec | null {
  const values = curveBands(records, axis);
  if (values.length === 0) return null;
  const x = {
    field: 'x',
    type: 'quantitative',
    title: axis === 'flops' ? 'FLOPs' : 'wall time (s)',
    axis: { format: axis === 'flops' ? '.2s' : '.2f' },
  };
  const color = { field: 'trainer', type: 'nominal', title: 'trainer' };
  return {
    $schema: schema,
    width: 420,
    height: 260,
    data: { values },
    layer: [
      {
        mark: { type: 'area', opacity: 0.18 },
        encoding: { x, y: { field: 'q1', type: 'quantitative', title: metric, scale: { zero: false } }, y2: { field: 'q3' }, color },
      },
      {
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x,
          y: { field: 'median', type: 'quantitative' },
          color,
          tooltip: [
            { field: 'trainer' },
            { field: 'x', format: '.3s' },
            { field: 'median', format: '.3f' },
            { field: 'n', title: 'seeds' },
          ],
        },
      },
    ],
  };
}

function distributionChart(records: readonly RunRecord[], metric: string): VegaLiteSpec | null {
  const values = records.filter((r) => r.ok && r.final !== null).map((r) => ({ trainer: r.trainer, seed: r.seed, value: r.final }));
  if (values.length === 0) return null;
  const y = { field: 'trainer', type: 'nominal', title: null };
  const x = { field: 'value', type: 'quantitative', title: `final test ${metric}`, scale: { zero: false } };
  return {
    $schema: schema,
    width: 420,
    data: { values },
    layer: [
      { mark: { type: 'boxplot', extent: 'min-max', opacity: 0.5 }, encoding: { x, y, color: { field: 'trainer', legend: null } } },
      {
        mark: { type: 'point', filled: true, color: 'black', size: 30 },
        encoding: { x, y, tooltip: [{ field: 'trainer' }, { field: 'seed' }, { field: 'value', format: '.4f' }] },
      },
    ],
  };
}

/** One panel per trainer: its lowest-seed successful model's predicted class on a grid, with test points. */
function boundaryChart(records: readonly RunRecord[]): VegaLiteSpec | null {
  const panels: Record<string, unknown>[] = [];
  const trainers = [...new Set(records.map((r) => r.trainer))];
  for (const trainer of trainers) {
    const r = records.filter((x) => x.trainer === trainer && x.ok && x.boundary !== null).sort((a, b) => a.seed - b.seed)[0];
    const b = r?.boundary;
    if (r === undefined || b === null || b === undefined) continue;
    const dx = (b.xMax - b.xMin) / b.size;
    const dy = (b.yMax - b.yMin) / b.size;
    const cells = b.classes.map((c, k) => {
      const row = Math.floor(k / b.size);
      const col = k % b.size;
      return { x: b.xMin + col * dx, x2: b.xMin + (col + 1) * dx, y: b.yMin + row * dy, y2: b.yMin + (row + 1) * dy, class: String(c) };
    });
    const points = b.points.map(([x, y, c]) => ({ px: x, py: y, class: String(c) }));
    const scaleX = { domain: [b.xMin, b.xMax], nice: false };
    const scaleY = { domain: [b.yMin, b.yMax], nice: false };
    panels.push({
      title: `${trainer} (seed ${r.seed}, ${r.metric} ${r.final?.toFixed(3)})`,
      width: 180,
      height: 180,
      layer: [
        {
          data: { values: cells },
          mark: { type: 'rect', opacity: 0.45 },
          encoding: {
            x: { field: 'x', type: 'quantitative', scale: scaleX, title: null },
            x2: { field: 'x2' },
            y: { field: 'y', type: 'quantitative', scale: scaleY, title: null },
            y2: { field: 'y2' },
            color: { field: 'class', type: 'nominal', title: 'class' },
          },
        },
        {
          data: { values: points },
          mark: { type: 'point', filled: true, size: 14, strokeWidth: 0.5, stroke: 'white' },
          encoding: {
            x: { field: 'px', type: 'quantitative', scale: scaleX },
            y: { field: 'py', type: 'quantitative', scale: scaleY },
            color: { field: 'class', type: 'nominal' },
          },
        },
      ],
    });
  }
  if (panels.length === 0) return null;
  return { $schema: schema, columns: 4, concat: panels, resolve: { scale: { color: 'shared' } } };
}

const notHyperparameters = new Set(['step', 'member', 'score', 'source', 'action']);

/**
 * Hyperparameter schedules (PBT): `extras.pbtSchedule` (every member), else `extras.bestSchedule` or
 * `extras.schedule`, as arrays of { step, member?, ...numeric hyperparameters }. One panel per
 * hyperparameter; the lowest seed of each trainer, one line per member.
 */
function scheduleChart(records: readonly RunRecord[]): VegaLiteSpec | null {
  const values: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  for (const r of [...records].sort((a, b) => a.seed - b.seed)) {
    const schedule = r.extras?.pbtSchedule ?? r.extras?.bestSchedule ?? r.extras?.schedule;
    if (!Array.isArray(schedule) || seen.has(r.trainer)) continue;
    seen.add(r.trainer);
    for (const entry of schedule as unknown[]) {
      if (typeof entry !== 'object' || entry === null) continue;
      const e = entry as Record<string, unknown>;
      if (typeof e.step !== 'number') continue;
      const series = `${r.trainer} (seed ${r.seed})${typeof e.member === 'number' ? ` member ${e.member}` : ''}`;
      for (const [name, v] of Object.entries(e))
        if (!notHyperparameters.has(name) && typeof v === 'number' && Number.isFinite(v))
          values.push({ series, hyperparameter: name, step: e.step, value: v });
    }
  }
  if (values.length === 0) return null;
  return {
    $schema: schema,
    data: { values },
    facet: { row: { field: 'hyperparameter', type: 'nominal', title: null } },
    spec: {
      width: 420,
      height: 110,
      mark: { type: 'line', interpolate: 'step-after', point: true },
      encoding: {
        x: { field: 'step', type: 'quantitative' },
        y: { field: 'value', type: 'quantitative', scale: { type: 'symlog', constant: 1e-4 } },
        color: { field: 'series', type: 'nominal', legend: { columns: 2 } },
      },
    },
    resolve: { scale: { y: 'independent' } },
  };
}

/** Every chart of the report for one task, in display order. */
export function taskCharts(task: string, records: readonly RunRecord[]): Chart[] {
  const metric = records.find((r) => r.ok)?.curveMetric ?? records[0]?.metric ?? 'metric';
  const finalMetric = records.find((r) => r.ok)?.metric ?? 'metric';
  const specs: [string, string, VegaLiteSpec | null][] = [
    ['curve-flops', `${metric} vs FLOPs (median, IQR band across seeds)`, bandChart(records, 'flops', metric)],
    ['curve-wall', `${metric} vs wall time (median, IQR band across seeds)`, bandChart(records, 'wallSeconds', metric)],
    ['final', `final test ${finalMetric} per seed`, distributionChart(records, finalMetric)],
    ['boundary', 'decision boundaries', boundaryChart(records)],
    ['schedule', 'hyperparameter schedules (PBT)', scheduleChart(records)],
  ];
  return specs.flatMap(([kind, title, spec]) => (spec === null ? [] : [{ id: `${task}-${kind}`, task, title, spec }]));
}
