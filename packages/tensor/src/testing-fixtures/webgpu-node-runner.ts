// Runs the WebGPU conformance suite in Node on the `webgpu` package (Dawn) and prints one JSON
// line: the adapter (or why there is none) and each case's result. A child process of
// src/webgpu/webgpu.node.test.ts, which sets the Vulkan environment before Dawn loads.
import { create, globals } from 'webgpu';
import { requestWebGpuBackend } from '../webgpu/webgpu-backend.js';
import { runOpSuite } from './webgpu-suite.js';

Object.assign(globalThis, globals);
const gpu = create([]);
const { backend, reason } = await requestWebGpuBackend(gpu);
if (backend === null) {
  console.log(JSON.stringify({ adapter: null, reason, cases: [] }));
} else {
  backend.device.addEventListener('uncapturederror', (e) => console.error(`webgpu error: ${(e as GPUUncapturedErrorEvent).error.message}`));
  const info = backend.device.adapterInfo;
  const adapter = `${info.vendor} ${info.architecture} ${info.description}`.trim();
  const cases = await runOpSuite(backend);
  console.log(JSON.stringify({ adapter, reason: null, cases }));
  backend.device.destroy();
}
// NOTE: Dawn keeps the event loop alive; leave explicitly once the line is printed.
process.exit(0);
