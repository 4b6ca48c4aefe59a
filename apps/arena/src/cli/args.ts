import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Currency, costCurrencies } from '../experiment/schema.js';

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
  tune: { type: 'string' },
  'tune-seeds': { type: 'string' },
  'charge-tuning': { type: 'boolean' },
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
  currency: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsOptionsConfig;

/** The value of `--currency`, checked: one of the cost currencies, or undefined when not given. */
export function parseCurrency(value: string | undefined): Currency | undefined {
  if (value === undefined) return undefined;
  if ((costCurrencies as readonly string[]).includes(value)) return value as Currency;
  throw new UsageError(`--currency: expected one of ${costCurrencies.join(', ')}, got '${value}'`);
}

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
