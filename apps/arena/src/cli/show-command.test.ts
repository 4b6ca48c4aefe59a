import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveModel } from '@evoprop/core';
import { NeatModel, interfaceNodes } from '@evoprop/evolution';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';

describe('evoprop-arena show', () => {
  it('summarises a NEAT model and draws its topology as SVG', async () => {
    const genome = {
      inputs: 2,
      outputs: 1,
      nodes: [...interfaceNodes(2, 1), { id: 4, kind: 'hidden' as const }],
      connections: [
        { innovation: 0, from: 0, to: 4, weight: 1.5, enabled: true },
        { innovation: 1, from: 1, to: 4, weight: -2, enabled: true },
        { innovation: 2, from: 4, to: 3, weight: 0.5, enabled: true },
        { innovation: 3, from: 2, to: 3, weight: 0.25, enabled: false },
      ],
    };
    const dir = mkdtempSync(join(tmpdir(), 'arena-show-'));
    const file = join(dir, 'neat.safetensors');
    writeFileSync(file, saveModel(new NeatModel(genome, { slope: 4.9, recurrent: false, activationSteps: 1 })));
    let out = '';
    const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true } };
    expect(await main(['show', file, '--svg', join(dir, 'net.svg')], io)).toBe(0);
    expect(out).toContain('kind: neat');
    expect(out).toContain('NEAT network: 5 nodes, 3 enabled connections (1 disabled)');
    expect(out).toContain('1 → 4  w=-2.000');
    const svg = readFileSync(join(dir, 'net.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect((svg.match(/<circle/g) ?? []).length).toBeGreaterThanOrEqual(5);
  });
});
