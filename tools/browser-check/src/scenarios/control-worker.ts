// A Web Worker's module: evaluates the evolution trainer's chunks, building each task from its spec here.
import { serveWebWorker } from '@evoprop/core/executor-web';
import { remoteEvaluationHandler } from '@evoprop/evolution';
import { createTaskFromSpec } from '@evoprop/tasks';

serveWebWorker(() => remoteEvaluationHandler(4, createTaskFromSpec));
