// @evoprop/tensor/webgpu in Chromium: the WebGPU conformance suite (every op family forward and
// backward against the JS kernels) and a short MNIST training on WebGPU and on the JS backend.
import { jsBackend } from '@evoprop/tensor';
import { requestWebGpuBackend } from '@evoprop/tensor/webgpu';
// NOTE: the suite is a test fixture of the tensor package (not part of its public surface); it is
// shared with the Node test there (src/webgpu/webgpu.node.test.ts), so both run the same cases.
import {
  type CaseResult,
  type MnistResult,
  runOpSuite,
  trainMnist,
} from '../../../../packages/tensor/src/testing-fixtures/webgpu-suite.js';

/** What the page reports: the adapter (or why there is none), the op suite and both MNIST runs. */
export type WebGpuOutcome = Readonly<{
  adapter: string | null;
  reason: string | null;
  cases: readonly CaseResult[];
  mnist: readonly MnistResult[];
}>;

/** Fetch the MNIST subset the test wrote beside the bundle: [trainRows, testRows] as u32, then images and labels as float32. */
async function mnistSubset() {
  const bytes = await (await fetch('/mnist.bin')).arrayBuffer();
  const [trainRows, testRows] = new Uint32Array(bytes, 0, 2) as unknown as [number, number];
  const f = new Float32Array(bytes, 8);
  let at = 0;
  const take = (n: number) => f.subarray(at, (at += n));
  return { trainX: take(trainRows * 784), trainY: take(trainRows), testX: take(testRows * 784), testY: take(testRows) };
}

/** Run the suite and both trainings (WebGPU first, then the JS reference). */
export async function run(): Promise<WebGpuOutcome> {
  const { backend, reason } = await requestWebGpuBackend();
  if (backend === null) return { adapter: null, reason, cases: [], mnist: [] };
  const info = (backend.device as GPUDevice & { adapterInfo?: GPUAdapterInfo }).adapterInfo;
  const adapter = info === undefined ? 'unknown' : `${info.vendor} ${info.architecture} ${info.description}`.trim();
  const cases = await runOpSuite(backend);
  const data = await mnistSubset();
  const mnist = [await trainMnist(backend, data), await trainMnist(jsBackend, data)];
  return { adapter, reason: null, cases, mnist };
}
