// The playground page: a form for the race, one card per strategy (decision boundary, cost, NEAT's
// topology), four shared charts, and the ranking table. Each strategy runs in its own Web Worker.
import { webWorkerExecutor } from '@evoprop/core/executor-web';
import {
  type RaceConfig,
  type StrategyId,
  activations,
  datasets,
  defaultConfig,
  formatConfig,
  kernelSets,
  parseConfig,
  strategyIds,
} from './race/config.js';
import type { RaceJob, RacePoints, RaceProgress, RaceResult } from './race/messages.js';
import { rank } from './race/rank.js';
import type { Snapshot } from './race/run-strategy.js';
import { labels as strategies } from './race/labels.js';
import { drawBoundary } from './ui/boundary.js';
import { type Series, drawChart } from './ui/chart.js';
import { drawTopology } from './ui/topology.js';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const form = $<HTMLFormElement>('controls');
const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;

function fillForm(config: RaceConfig): void {
  const dataset = field('dataset') as HTMLSelectElement;
  dataset.replaceChildren(...datasets.map((d) => new Option(d, d)));
  const activation = field('activation') as HTMLSelectElement;
  activation.replaceChildren(...activations.map((a) => new Option(a, a)));
  const kernels = field('kernels') as HTMLSelectElement;
  kernels.replaceChildren(...kernelSets.map((k) => new Option(k, k)));
  kernels.value = config.kernels;
  const boxes = $('strategies');
  boxes.replaceChildren(
    ...strategyIds.map((id) => {
      const label = document.createElement('label');
      label.title = strategies[id].about;
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = 'strategy';
      box.value = id;
      box.checked = config.strategies.includes(id);
      label.append(box, ` ${strategies[id].label}`);
      return label;
    }),
  );
  dataset.value = config.dataset;
  activation.value = config.activation;
  field('noise').value = String(config.noise);
  field('samples').value = String(config.samples);
  field('testRatio').value = String(config.testRatio);
  field('hidden').value = config.hidden.join(',');
  field('seed').value = String(config.seed);
  field('flops').value = String(config.flops);
  field('target').value = String(config.target);
}

function readForm(): RaceConfig {
  const chosen = [...form.querySelectorAll<HTMLInputElement>('input[name=strategy]:checked')].map((b) => b.value);
  const params = new URLSearchParams({
    dataset: field('dataset').value,
    noise: field('noise').value,
    samples: field('samples').value,
    testRatio: field('testRatio').value,
    hidden: field('hidden').value.replace(/\s+/g, ''),
    activation: field('activation').value,
    strategies: chosen.join(','),
    seed: field('seed').value,
    flops: field('flops').value,
    target: field('target').value,
    kernels: field('kernels').value,
  });
  return parseConfig(params.toString());
}

type Lane = {
  readonly id: StrategyId;
  readonly boundary: HTMLCanvasElement;
  readonly topology: HTMLCanvasElement | null;
  readonly cost: HTMLElement;
  readonly looks: Snapshot[];
  points: RacePoints | null;
};

const fmtFlops = (f: number) => f.toExponential(2).replace('e+', 'e');
const fmtMs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function makeLane(id: StrategyId): Lane {
  const card = document.createElement('section');
  card.className = 'lane';
  card.dataset.strategy = id;
  const title = document.createElement('h3');
  title.textContent = strategies[id].label;
  title.style.color = strategies[id].color;
  title.title = strategies[id].about;
  const boundary = document.createElement('canvas');
  boundary.width = 200;
  boundary.height = 200;
  const cost = document.createElement('p');
  cost.className = 'cost';
  cost.textContent = 'starting…';
  card.append(title, boundary, cost);
  let topology: HTMLCanvasElement | null = null;
  if (id === 'neat') {
    topology = document.createElement('canvas');
    topology.width = 200;
    topology.height = 120;
    topology.className = 'topology';
    card.append(topology);
  }
  $('lanes').append(card);
  return { id, boundary, topology, cost, looks: [], points: null };
}

function drawCharts(lanes: readonly Lane[]): void {
  const series = (x: (s: Snapshot) => number, y: (s: Snapshot) => number): Series[] =>
    lanes.map((l) => ({ label: strategies[l.id].label, color: strategies[l.id].color, points: l.looks.map((s) => [x(s), y(s)] as const) }));
  const flops = (s: Snapshot) => s.flops;
  const wall = (s: Snapshot) => s.wallMs / 1000;
  drawChart(
    $('acc-flops'),
    series(flops, (s) => s.testAccuracy),
    { title: 'test accuracy vs FLOPs', xLabel: 'FLOPs', logX: true, yRange: [0, 1] },
  );
  drawChart(
    $('acc-wall'),
    series(wall, (s) => s.testAccuracy),
    { title: 'test accuracy vs wall time', xLabel: 'seconds', logX: false, yRange: [0, 1] },
  );
  drawChart(
    $('loss-flops'),
    series(flops, (s) => s.trainLoss),
    { title: 'training loss vs FLOPs', xLabel: 'FLOPs', logX: true, yRange: null },
  );
  drawChart(
    $('loss-wall'),
    series(wall, (s) => s.trainLoss),
    { title: 'training loss vs wall time', xLabel: 'seconds', logX: false, yRange: null },
  );
}

function showRanking(outcomes: readonly RaceResult[]): void {
  const body = $('ranking').querySelector('tbody') as HTMLElement;
  body.replaceChildren(
    ...rank(outcomes).map((o, i) => {
      const row = document.createElement('tr');
      row.dataset.strategy = o.strategy;
      row.dataset.status = o.status;
      row.dataset.flopsToTarget = String(o.flopsToTarget);
      row.dataset.testAccuracy = String(o.final?.testAccuracy ?? Number.NaN);
      row.dataset.flops = String(o.final?.flops ?? Number.NaN);
      const cells = [
        String(i + 1),
        strategies[o.strategy].label,
        o.status === 'reached-target' ? 'reached target' : o.status === 'budget-exhausted' ? 'budget spent' : 'failed',
        o.flopsToTarget === null ? '—' : fmtFlops(o.flopsToTarget),
        o.wallMsToTarget === null ? '—' : fmtMs(o.wallMsToTarget),
        o.final === null ? '—' : o.final.testAccuracy.toFixed(3),
      ];
      row.replaceChildren(
        ...cells.map((text) => {
          const td = document.createElement('td');
          td.textContent = text;
          return td;
        }),
      );
      row.title = o.reason;
      return row;
    }),
  );
  $('ranking').hidden = false;
}

let running: AbortController | null = null;

async function race(config: RaceConfig): Promise<void> {
  running?.abort();
  const stop = new AbortController();
  running = stop;
  document.body.dataset.race = 'running';
  history.replaceState(null, '', `?${formatConfig(config)}`);
  $('lanes').replaceChildren();
  $('ranking').hidden = true;
  const note = $('kernels-note');
  note.hidden = true;
  note.textContent = '';
  $('status').textContent =
    `racing ${config.strategies.length} strategies on ${config.dataset}, seed ${config.seed}, ${fmtFlops(config.flops)} FLOPs each…`;
  const lanes = config.strategies.map(makeLane);
  const started = performance.now();
  let frame = 0;
  const redraw = () => {
    if (frame !== 0) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      drawCharts(lanes);
    });
  };
  const executor = webWorkerExecutor<RaceJob, RaceResult, RaceProgress, null>({
    workers: lanes.length,
    create: () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }),
    init: null,
  });
  try {
    const outcomes = await Promise.all(
      lanes.map((lane) =>
        executor
          .submit({
            id: `${formatConfig(config)}#${lane.id}`,
            payload: { config, strategy: lane.id },
            signal: stop.signal,
            onProgress: (m) => {
              if (m.type === 'kernels') {
                // Every worker asks on its own; one note says what the race ran on when it was not what was asked.
                if (m.note !== null) {
                  note.textContent = m.note;
                  note.hidden = false;
                }
                return;
              }
              if (m.type === 'points') {
                lane.points = m.points;
                drawBoundary(lane.boundary, null, lane.points);
                return;
              }
              const s = m.look;
              lane.looks.push(s);
              drawBoundary(lane.boundary, s.boundary, lane.points);
              if (lane.topology !== null && s.topology !== undefined) drawTopology(lane.topology, s.topology);
              lane.cost.textContent = `step ${s.step} · ${fmtFlops(s.flops)} FLOPs · ${fmtMs(s.wallMs)} · test acc ${s.testAccuracy.toFixed(3)} · loss ${s.trainLoss.toFixed(3)}`;
              redraw();
            },
          })
          .then((outcome) => {
            lane.cost.textContent = `${lane.cost.textContent ?? ''} — ${outcome.status === 'reached-target' ? 'reached the target' : outcome.reason}`;
            return outcome;
          }),
      ),
    );
    if (stop.signal.aborted) return;
    drawCharts(lanes);
    showRanking(outcomes);
    $('status').textContent = `race finished in ${fmtMs(performance.now() - started)}`;
    document.body.dataset.race = 'done';
  } catch (e) {
    if (stop.signal.aborted) return;
    $('status').textContent = `the race failed: ${e instanceof Error ? e.message : String(e)}`;
    document.body.dataset.race = 'failed';
  } finally {
    await executor.close();
  }
}

function start(): void {
  try {
    void race(readForm());
  } catch (e) {
    $('status').textContent = String(e instanceof Error ? e.message : e);
  }
}

let initial = defaultConfig;
try {
  initial = parseConfig(location.search);
} catch (e) {
  $('status').textContent = `ignored the link's settings: ${e instanceof Error ? e.message : String(e)}`;
}
fillForm(initial);
form.addEventListener('submit', (e) => {
  e.preventDefault();
  start();
});
$('share').addEventListener('click', () => {
  try {
    const url = `${location.origin}${location.pathname}?${formatConfig(readForm())}`;
    history.replaceState(null, '', url);
    void navigator.clipboard?.writeText(url).catch(() => {});
    $('status').textContent = `link: ${url}`;
  } catch (e) {
    $('status').textContent = String(e instanceof Error ? e.message : e);
  }
});
document.body.dataset.race = 'idle';
// A shared link runs its race at once.
if (location.search.length > 1) start();
