/** Shorthands for writing registry entries. */
import type { Extractor, Figure } from '../types.js';

/** A figure maker bound to one run id and one file: `fig(name, text, expected, extract)`. */
export function figuresOf(runId: string, file: string) {
  return (name: string, text: string, expected: string, extract: Extractor): Figure => ({
    id: `${runId}/${name}`,
    file,
    text,
    expected,
    extract,
  });
}

/** `node --conditions=@evoprop/source --import tsx <script> <args>`: how every bench runs from source. */
export const tsx = (script: string): string => `node --conditions=@evoprop/source --import tsx ${script}`;
