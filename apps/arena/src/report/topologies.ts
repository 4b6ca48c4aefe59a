import { neatModelSpecSchema, renderGenomeSvg } from '@evoprop/evolution/neat';
import type { RunRecord } from '../runner/record.js';
import type { Figure } from './html.js';

/** NEAT topologies of the lowest-seed successful NEAT run per task × trainer, drawn by the NEAT package's renderer. */
export async function topologyFigures(records: readonly RunRecord[]): Promise<Figure[]> {
  const render = await neatRenderer();
  if (render === null) return [];
  const figures: Figure[] = [];
  const seen = new Set<string>();
  for (const r of [...records].sort((a, b) => a.seed - b.seed)) {
    const key = `${r.task}/${r.trainer}`;
    if (!r.ok || r.model === null || r.model.kind !== 'neat' || seen.has(key)) continue;
    seen.add(key);
    try {
      figures.push({ task: r.task, title: `${r.trainer}, seed ${r.seed}`, svg: render(r.model.spec) });
    } catch {
      // A spec the renderer cannot draw is left out of the report rather than failing it.
    }
  }
  return figures;
}

type Render = (spec: unknown) => string;

async function neatRenderer(): Promise<Render | null> {
  return (spec) => {
    const parsed = neatModelSpecSchema.parse(spec);
    return renderGenomeSvg(parsed.genome);
  };
}

/** An SVG of a NEAT spec, or null when the spec is not a NEAT network or no renderer is available. */
export async function renderTopology(spec: Readonly<Record<string, unknown>>): Promise<string | null> {
  if (spec.kind !== 'neat') return null;
  const render = await neatRenderer();
  return render === null ? null : render(spec);
}
