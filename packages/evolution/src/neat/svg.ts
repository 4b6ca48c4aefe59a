/**
 * A picture of a genome's topology as an SVG string: inputs and bias on the left,
 * outputs on the right, hidden nodes in layers by their longest path from the inputs.
 * Blue links are positive, red negative, width grows with |weight|; disabled genes are
 * dashed grey; links that point backwards (recurrent) are drawn as arcs.
 */
import type { Genome, NodeGene } from './genome.js';

/** Options of `renderGenomeSvg`. */
export type SvgOptions = Readonly<{
  /** Picture width in pixels. */
  width?: number;
  /** Picture height in pixels. */
  height?: number;
  /** Draw disabled connections (dashed). */
  showDisabled?: boolean;
  /** Caption above the picture. */
  title?: string;
}>;

const escapeXml = (s: string): string => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Longest-path layer of every node over enabled links, ignoring links that close cycles. */
function layersOf(genome: Genome): Map<number, number> {
  const layer = new Map<number, number>();
  const incoming = new Map<number, number[]>();
  for (const c of genome.connections) if (c.enabled) incoming.set(c.to, [...(incoming.get(c.to) ?? []), c.from]);
  const visiting = new Set<number>();
  const depth = (id: number): number => {
    const known = layer.get(id);
    if (known !== undefined) return known;
    const node = genome.nodes.find((n) => n.id === id);
    if (node === undefined || node.kind === 'input' || node.kind === 'bias') return 0;
    visiting.add(id);
    let d = 0;
    for (const from of incoming.get(id) ?? []) if (!visiting.has(from)) d = Math.max(d, depth(from) + 1);
    visiting.delete(id);
    layer.set(id, Math.max(1, d));
    return Math.max(1, d);
  };
  for (const n of genome.nodes) layer.set(n.id, n.kind === 'input' || n.kind === 'bias' ? 0 : depth(n.id));
  const last = Math.max(
    1,
    ...[...layer.entries()].filter(([id]) => genome.nodes.find((n) => n.id === id)?.kind === 'hidden').map(([, d]) => d + 1),
  );
  for (const n of genome.nodes) if (n.kind === 'output') layer.set(n.id, last);
  return layer;
}

/**
 * @example
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('xor.svg', renderGenomeSvg(solution, { title: 'XOR' }));
 */
export function renderGenomeSvg(genome: Genome, options: SvgOptions = {}): string {
  const { width = 480, height = 320, showDisabled = true, title } = options;
  const layers = layersOf(genome);
  const depth = [...layers.values()].reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
  const columns = new Map<number, NodeGene[]>();
  for (const n of genome.nodes) {
    const d = layers.get(n.id) ?? 0;
    columns.set(d, [...(columns.get(d) ?? []), n]);
  }
  const margin = 30;
  const top = title === undefined ? margin : margin + 20;
  const pos = new Map<number, { x: number; y: number }>();
  for (const [d, nodes] of columns) {
    nodes.forEach((n, i) => {
      pos.set(n.id, {
        x: margin + ((width - 2 * margin) * d) / Math.max(1, depth),
        y: top + ((height - top - margin) * (i + 0.5)) / nodes.length,
      });
    });
  }
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
  ];
  if (title !== undefined) parts.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="14">${escapeXml(title)}</text>`);
  for (const c of genome.connections) {
    if (!c.enabled && !showDisabled) continue;
    const a = pos.get(c.from);
    const b = pos.get(c.to);
    if (a === undefined || b === undefined) continue;
    const color = !c.enabled ? '#9ca3af' : c.weight >= 0 ? '#2563eb' : '#dc2626';
    const stroke = `stroke="${color}" stroke-width="${(0.75 + Math.min(3, Math.abs(c.weight))).toFixed(2)}" fill="none"${c.enabled ? '' : ' stroke-dasharray="4 3"'}`;
    const label = `<title>${c.innovation}: ${c.from} → ${c.to}, w = ${c.weight.toFixed(3)}${c.enabled ? '' : ' (disabled)'}</title>`;
    if (c.from === c.to) {
      parts.push(
        `<path class="link" d="M ${a.x - 6} ${a.y - 8} C ${a.x - 20} ${a.y - 40}, ${a.x + 20} ${a.y - 40}, ${a.x + 6} ${a.y - 8}" ${stroke}>${label}</path>`,
      );
    } else if (b.x <= a.x) {
      const bend = Math.max(30, Math.abs(a.x - b.x) / 2);
      parts.push(
        `<path class="link" d="M ${a.x} ${a.y} Q ${(a.x + b.x) / 2} ${Math.min(a.y, b.y) - bend} ${b.x} ${b.y}" ${stroke}>${label}</path>`,
      );
    } else {
      parts.push(
        `<line class="link" x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" ${stroke}>${label}</line>`,
      );
    }
  }
  const fill = { input: '#fde68a', bias: '#e5e7eb', output: '#bbf7d0', hidden: '#ffffff' } as const;
  for (const n of genome.nodes) {
    const p = pos.get(n.id) as { x: number; y: number };
    const text =
      n.kind === 'input' ? `x${n.id}` : n.kind === 'bias' ? '1' : n.kind === 'output' ? `y${n.id - genome.inputs - 1}` : String(n.id);
    parts.push(
      `<g class="node ${n.kind}"><circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="11" fill="${fill[n.kind]}" stroke="#111827"/><text x="${p.x.toFixed(1)}" y="${(p.y + 4).toFixed(1)}" text-anchor="middle">${text}</text></g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}
