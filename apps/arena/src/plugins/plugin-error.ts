/**
 * A plugin could not be found, imported, validated or merged. The message names the
 * plugin, the offending export or id, what was expected and what was found.
 */
export class PluginError extends Error {
  override name = 'PluginError';
  constructor(
    readonly plugin: string,
    readonly where: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`plugin '${plugin}': ${where}: expected ${expected}, got ${actual}`);
  }
}
