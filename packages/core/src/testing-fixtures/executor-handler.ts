import type { HandlerFactory, JobContext } from '../executor/job.js';

/** What the fixture handler does with a job. */
export type FixtureJob =
  | Readonly<{ kind: 'square'; x: number }>
  | Readonly<{ kind: 'throw'; message: string }>
  | Readonly<{ kind: 'exit'; code: number }>
  | Readonly<{ kind: 'exit-first-attempt'; x: number }>
  | Readonly<{ kind: 'loop' }>
  | Readonly<{ kind: 'hang' }>
  | Readonly<{ kind: 'until-aborted' }>
  | Readonly<{ kind: 'progress'; steps: number }>
  | Readonly<{ kind: 'thread-id' }>;

const never = new Promise<never>(() => {});

/** A handler that misbehaves on request, for executor tests (inline and on threads). */
export async function fixtureHandler(job: FixtureJob, context: JobContext<number>): Promise<number | string> {
  switch (job.kind) {
    case 'square':
      return job.x * job.x;
    case 'throw':
      throw new RangeError(job.message);
    case 'exit':
      return process.exit(job.code);
    case 'exit-first-attempt':
      if (context.attempt === 1) process.exit(7);
      return job.x * job.x;
    case 'loop':
      for (;;) {}
    case 'hang':
      return never;
    case 'until-aborted':
      if (!context.signal.aborted) await new Promise((resolve) => context.signal.addEventListener('abort', resolve, { once: true }));
      return 'stopped';
    case 'progress':
      for (let i = 1; i <= job.steps; i++) context.progress(i);
      return job.steps;
    case 'thread-id': {
      const { threadId } = await import('node:worker_threads');
      return threadId;
    }
  }
}

/** The factory a thread executor loads: `init` is a prefix checked to arrive intact. */
const factory: HandlerFactory<{ tag: string }, FixtureJob, number | string, number> = (init) => {
  if (init.tag !== 'fixture') throw new Error(`executor fixture: expected init { tag: 'fixture' }, got ${JSON.stringify(init)}`);
  return fixtureHandler;
};
export default factory;

/** Its URL, for `threadExecutor({ module })`. */
export const fixtureHandlerUrl = new URL('./executor-handler.ts', import.meta.url);
