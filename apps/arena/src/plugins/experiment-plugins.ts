import { dirname, isAbsolute, resolve } from 'node:path';
import { PluginError } from './plugin-error.js';
import { describeValue } from './load-plugin.js';

/**
 * The `plugins:` list of an experiment file. Relative paths are relative to the file (so an
 * experiment and its plugin travel together); package names and absolute paths are kept.
 */
export function experimentPlugins(definition: unknown, file: string): string[] {
  const list = typeof definition === 'object' && definition !== null ? (definition as { plugins?: unknown }).plugins : undefined;
  if (list === undefined) return [];
  if (!Array.isArray(list))
    throw new PluginError(String(list), `${file}: plugins`, 'a list of paths or package names', describeValue(list));
  return list.map((p: unknown, i) => {
    if (typeof p !== 'string' || p.trim() === '')
      throw new PluginError(String(p), `${file}: plugins[${i}]`, 'a path or package name', describeValue(p));
    return p.startsWith('.') && !isAbsolute(p) ? resolve(dirname(file), p) : p;
  });
}
