import { readFileSync, writeFileSync } from 'node:fs';
import { ModelFileError } from '@evoprop/core';
import { readSafetensors, type SafetensorsContents } from '@evoprop/core/io';
import { renderTopology } from '../report/topologies.js';
import { parse, UsageError } from './args.js';
import type { Io } from './io.js';
import { tensorStats } from './tensor-stats.js';

export const showHelp = `evoprop-arena show MODEL.safetensors [--svg FILE] [--json]

Summarises a saved model: its spec, every parameter tensor (shape, size, frozen, statistics)
and, for a NEAT network, its nodes and connections (--svg FILE draws the topology).
`;

export async function showCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    svg: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) {
    io.stdout.write(showHelp);
    return 0;
  }
  const file = positionals[0];
  if (file === undefined || positionals.length > 1)
    throw new UsageError('show: expected one model file, e.g. evoprop-arena show arena-results/quick/models/xor__adam__0.safetensors');
  const { metadata, tensors, integrity } = readModelFile(file);
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  const spec = metadataJson(file, metadata, 'evoprop.spec', 'a JSON object', isObject) as Record<string, unknown> | null;
  const isNames = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  const frozen = new Set<string>(
    (metadataJson(file, metadata, 'evoprop.frozen', 'a JSON list of tensor names', isNames) ?? []) as string[],
  );
  const params = [...tensors].map(([name, t]) => ({
    name,
    shape: t.shape,
    size: t.data.length,
    frozen: frozen.has(name),
    ...tensorStats(t.data),
  }));
  const total = params.reduce((s, p) => s + p.size, 0);
  if (values.json === true) {
    io.stdout.write(`${JSON.stringify({ file, spec, integrity, parameters: total, tensors: params }, null, 2)}\n`);
  } else {
    const lines = [
      `${file}`,
      `  kind: ${String(spec?.kind ?? '(no evoprop spec in the file)')}`,
      `  parameters: ${total}${frozen.size > 0 ? ` (${params.filter((p) => p.frozen).reduce((s, p) => s + p.size, 0)} frozen)` : ''}`,
      `  weights: ${integrity === 'verified' ? 'match the SHA-256 stored in the file' : 'unverified (the file stores no SHA-256)'}`,
    ];
    const layers = spec?.layers;
    if (Array.isArray(layers))
      lines.push(
        `  layers: ${layers.map((l) => (typeof l === 'object' && l !== null ? `${String((l as Record<string, unknown>).type ?? '?')}${(l as Record<string, unknown>).units !== undefined ? `(${String((l as Record<string, unknown>).units)})` : ''}` : String(l))).join(' → ')}`,
      );
    // NEAT specs keep the graph in `genome` ({ nodes, connections }).
    const graph = (typeof spec?.genome === 'object' && spec.genome !== null ? spec.genome : spec) as Record<string, unknown> | null;
    const nodes = graph?.nodes;
    const connections = graph?.connections;
    if (Array.isArray(nodes) && Array.isArray(connections)) {
      const enabled = connections.filter((c) => (c as Record<string, unknown>).enabled !== false);
      lines.push(
        `  NEAT network: ${nodes.length} nodes, ${enabled.length} enabled connections (${connections.length - enabled.length} disabled)`,
      );
      for (const c of enabled.slice(0, 40)) {
        const o = c as Record<string, unknown>;
        lines.push(
          `    ${String(o.from ?? o.in ?? '?')} → ${String(o.to ?? o.out ?? '?')}${typeof o.weight === 'number' ? `  w=${o.weight.toFixed(3)}` : ''}`,
        );
      }
      if (enabled.length > 40) lines.push(`    … ${enabled.length - 40} more`);
    }
    lines.push('', '  tensor                         shape          size   frozen   mean      std       min       max');
    for (const p of params) {
      lines.push(
        `  ${p.name.padEnd(30)} ${`[${p.shape.join(', ')}]`.padEnd(14)} ${String(p.size).padStart(6)}   ${p.frozen ? 'yes   ' : 'no    '}   ${[p.mean, p.std, p.min, p.max].map((v) => v.toFixed(4).padStart(8)).join('  ')}`,
      );
    }
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  if (values.svg !== undefined) {
    if (spec === null) throw new UsageError(`show --svg: ${file} has no evoprop spec to draw`);
    const svg = await renderTopology(spec);
    if (svg === null)
      throw new UsageError(`show --svg: no topology renderer for models of kind '${String(spec.kind)}' (NEAT networks only)`);
    writeFileSync(values.svg, svg);
    io.stderr.write(`arena: topology written to ${values.svg}\n`);
  }
  return 0;
}

/** The file's tensors and metadata; every defect (missing file, not safetensors, bad header...) a `ModelFileError` naming the file. */
function readModelFile(file: string): SafetensorsContents {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : `an unreadable file (${(e as Error).message})`;
    throw new ModelFileError(file, 'a model file (.safetensors)', why);
  }
  try {
    return readSafetensors(bytes);
  } catch (e) {
    if (e instanceof ModelFileError) throw new ModelFileError(`${file}: ${e.where}`, e.expected, e.actual);
    throw e;
  }
}

/** A JSON value stored as a metadata string, checked by `valid`; null when the key is absent. */
function metadataJson(
  file: string,
  metadata: Readonly<Record<string, string>>,
  key: string,
  expected: string,
  valid: (v: unknown) => boolean,
): unknown {
  const raw = metadata[key];
  if (raw === undefined) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = undefined;
  }
  if (value === undefined || !valid(value))
    throw new ModelFileError(`${file}: __metadata__.${key}`, expected, JSON.stringify(raw.slice(0, 80)));
  return value;
}
