import type { Catalog } from './catalog.js';
import { catalogOf } from './catalog.js';

/** The tasks and trainers shipped by the evoprop packages. Wired to their registries as they land. */
export async function createDefaultCatalog(): Promise<Catalog> {
  return catalogOf([], [], ['no built-in registries wired yet']);
}
