import type { Topology } from '../race/run-strategy.js';

/** NEAT's network: inputs and bias on the left, outputs on the right, hidden nodes by depth; blue positive, red negative. */
export function drawTopology(canvas: HTMLCanvasElement, topology: Topology): void {
  const g = canvas.getContext('2d');
  if (g === null) return;
  const { width, height } = canvas;
  g.clearRect(0, 0, width, height);
  const enabled = topology.connections.filter((c) => c.enabled);
  const depth = new Map<number, number>();
  for (const n of topology.nodes) if (n.kind === 'input' || n.kind === 'bias') depth.set(n.id, 0);
  // Longest path from the inputs, by relaxing the enabled links (a bounded number of rounds: cycles stop growing).
  for (let round = 0; round < topology.nodes.length; round++) {
    let changed = false;
    for (const c of enabled) {
      const from = depth.get(c.from);
      if (from === undefined) continue;
      const to = topology.nodes.find((n) => n.id === c.to);
      if (to === undefined || to.kind === 'output') continue;
      if ((depth.get(c.to) ?? 0) < from + 1) {
        depth.set(c.to, from + 1);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const maxHidden = topology.nodes.reduce((m, n) => (n.kind === 'hidden' ? Math.max(m, depth.get(n.id) ?? 1) : m), 0);
  for (const n of topology.nodes) if (n.kind === 'output') depth.set(n.id, maxHidden + 1);
  for (const n of topology.nodes) if (!depth.has(n.id)) depth.set(n.id, 1);
  const columns = new Map<number, number[]>();
  for (const n of topology.nodes) {
    const d = depth.get(n.id) as number;
    columns.set(d, [...(columns.get(d) ?? []), n.id]);
  }
  const last = maxHidden + 1;
  const pos = new Map<number, readonly [number, number]>();
  for (const [d, ids] of columns) ids.forEach((id, i) => pos.set(id, [14 + ((width - 28) * d) / last, ((i + 0.5) * height) / ids.length]));
  for (const c of enabled) {
    const a = pos.get(c.from);
    const b = pos.get(c.to);
    if (a === undefined || b === undefined) continue;
    g.strokeStyle = c.weight >= 0 ? 'rgba(8,119,189,0.8)' : 'rgba(214,39,40,0.8)';
    g.lineWidth = Math.min(4, 0.5 + Math.abs(c.weight) / 2);
    g.beginPath();
    g.moveTo(a[0], a[1]);
    g.lineTo(b[0], b[1]);
    g.stroke();
  }
  for (const n of topology.nodes) {
    const p = pos.get(n.id);
    if (p === undefined) continue;
    g.beginPath();
    g.arc(p[0], p[1], 5, 0, 2 * Math.PI);
    g.fillStyle = n.kind === 'hidden' ? '#2ca02c' : n.kind === 'bias' ? '#999' : '#333';
    g.fill();
  }
}
