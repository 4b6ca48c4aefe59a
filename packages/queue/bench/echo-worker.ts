// A queue worker process for the bench: `node --import tsx echo-worker.ts URL QUEUE`, tiny jobs answered on this thread.
import { inlineExecutor } from '@evoprop/core';
import { queueWorker } from '../src/index.js';

const [url = '', queue = ''] = process.argv.slice(2);
const worker = queueWorker({ url, queue, executor: inlineExecutor((payload: number) => payload), concurrency: 1 });
await worker.ready;
process.stdout.write('ready\n');
process.on('SIGTERM', () => void worker.close().then(() => process.exit(0)));
