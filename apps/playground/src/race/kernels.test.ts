// A race asking for WebGPU where no GPU answers runs on wasm and says why (the page shows the note).
import { describe, expect, it } from 'vitest';
import { raceBackend } from './kernels.js';

describe('the backend of a race worker', () => {
  it('is js or wasm as asked, with no note', async () => {
    const js = await raceBackend('js');
    expect([js.used, js.note]).toEqual(['js', null]);
    const wasm = await raceBackend('wasm');
    expect(wasm.used).toMatch(/^wasm/);
    expect(wasm.note).toBeNull();
  });

  it('falls back to wasm with a note naming the reason where WebGPU has no adapter', async () => {
    // Node has no navigator.gpu: the same answer a browser without a GPU gives.
    const r = await raceBackend('webgpu');
    expect(r.backend.host).toBe(true);
    expect(r.used).toMatch(/^wasm/);
    expect(r.note).toMatch(/^WebGPU unavailable \(.+\): ran on wasm/);
  });
});
