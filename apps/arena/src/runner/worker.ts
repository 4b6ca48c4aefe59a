import { parentPort, workerData } from 'node:worker_threads';
import { loadCatalog } from '../catalog/load-catalog.js';
import { executeRun } from './execute-run.js';
import type { FromWorker, ToWorker, WorkerInit } from './messages.js';

// Entry point of an arena worker thread: runs one RunSpec at a time, posting progress and the record.
const port = parentPort;
if (port === null) throw new Error('arena worker: expected to run inside a worker thread (parentPort is null)');
const init = workerData as WorkerInit;
const catalog = loadCatalog(init.plugins, init.builtIns);
let controller: AbortController | null = null;
const post = (m: FromWorker) => port.postMessage(m);

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'abort') {
    controller?.abort();
    return;
  }
  controller = new AbortController();
  const signal = controller.signal;
  catalog
    .then((c) =>
      executeRun(
        msg.spec,
        c,
        signal,
        (progress) => post({ type: 'progress', progress }),
        init.modelDir !== undefined ? { modelDir: init.modelDir } : {},
      ),
    )
    .then(
      (record) => post({ type: 'done', runId: msg.spec.runId, record }),
      (e: unknown) => post({ type: 'fatal', message: `worker failed to load the catalog or run: ${(e as Error).message ?? String(e)}` }),
    );
});
