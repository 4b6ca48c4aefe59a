import { type ParseArgsConfig, parseArgs } from 'node:util';

export type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

export class UsageError extends Error {
  override name = 'UsageError';
}

export const runOptions = {
  tasks: { type: 'string' },
  trainer: { type: 'string', multiple: true },
  trainers: { type: 'string' },
  seeds: { type: 'string' },
  budget: { type: 'string' },
  target: { type: 'string' },
  name: { type: 'string' },
  out: { type: 'string' },
  workers: { type: 'string' },
  queue: { type: 'string' },
  'run-timeout': { type: 'string' },
  resume: { type: 'boolean' },
  'retry-failed': { type: 'boolean' },
  'allow-failures': { type: 'boolean' },
  'save-models': { type: 'boolean' },
  json: { type: 'boolean' },
  html: { type: 'boolean', default: true },
  'no-html': { type: 'boolean' },
  plugin: { type: 'string', multiple: true },
  'no-builtins': { type: 'boolean' },
  progress: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsOptionsConfig;

type Parsed<T extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>
>;

export function parse<const T extends ParseArgsOptionsConfig>(args: readonly string[], options: T): Parsed<T> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
