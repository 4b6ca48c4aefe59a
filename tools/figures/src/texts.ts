/** The registry's own consistency: every quoted text still in its README, every value inside its text, unique ids. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Exclusion, FigureRun } from './types.js';

/** Collapses every run of whitespace (line breaks included) to one space, so a re-wrapped paragraph still matches. */
export const collapse = (s: string): string => s.replace(/\s+/g, ' ');

/** Everything wrong with the registry against the files on disk, one line each; empty when all holds. */
export function checkTexts(root: string, runs: readonly FigureRun[], exclusions: readonly Exclusion[]): string[] {
  const problems: string[] = [];
  const files = new Map<string, string | null>();
  const read = (file: string): string | null => {
    if (!files.has(file)) {
      const path = join(root, file);
      files.set(file, existsSync(path) ? collapse(readFileSync(path, 'utf8')) : null);
    }
    return files.get(file) ?? null;
  };
  const runIds = new Set<string>();
  const figureIds = new Set<string>();
  for (const run of runs) {
    if (runIds.has(run.id)) problems.push(`run ${run.id}: duplicate run id`);
    runIds.add(run.id);
    if (!existsSync(join(root, run.cwd))) problems.push(`run ${run.id}: expected directory ${run.cwd} to exist, it does not`);
    if (run.figures.length === 0) problems.push(`run ${run.id}: expected at least one figure, got none`);
    for (const f of run.figures) {
      if (figureIds.has(f.id)) problems.push(`${f.id}: duplicate figure id`);
      figureIds.add(f.id);
      if (!f.id.startsWith(`${run.id}/`)) problems.push(`${f.id}: expected the id to start with its run's id '${run.id}/'`);
      const text = collapse(f.text);
      if (!text.includes(f.expected)) problems.push(`${f.id}: expected value '${f.expected}' does not occur in its text '${text}'`);
      const content = read(f.file);
      if (content === null) problems.push(`${f.id}: expected file ${f.file} to exist, it does not`);
      else if (!content.includes(text)) problems.push(`${f.id}: text '${text}' no longer occurs in ${f.file}`);
    }
  }
  for (const e of exclusions) {
    const content = read(e.file);
    if (content === null) problems.push(`exclusion (${e.reason}): expected file ${e.file} to exist, it does not`);
    else if (!content.includes(collapse(e.text)))
      problems.push(`exclusion (${e.reason}): text '${collapse(e.text)}' no longer occurs in ${e.file}`);
  }
  return problems;
}
