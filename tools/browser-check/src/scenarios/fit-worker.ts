// A Web Worker's module: serves fitHandler to webWorkerExecutor.
import { serveWebWorker } from '@evoprop/core/executor-web';
import { fitHandler } from './fit-handler.js';

serveWebWorker(fitHandler);
