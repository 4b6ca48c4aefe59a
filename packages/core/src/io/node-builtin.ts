/**
 * A Node built-in module by id (`'node:fs/promises'`), or undefined where there is none (a
 * browser). Read through `process.getBuiltinModule` (Node ≥ 20.16), so a bundler sees no
 * `node:` import and the package bundles for the browser unchanged.
 */
export function nodeBuiltin<T>(id: string): T | undefined {
  const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  return typeof get === 'function' ? (get(id) as T | undefined) : undefined;
}
