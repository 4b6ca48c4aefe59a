import { QueueUrlError, parseQueueUrl } from '@evoprop/queue';
import { UsageError } from './args.js';

/** `url` when it is a queue URL (`redis://HOST:PORT[/DB]`); a {@link UsageError} naming `--queue` otherwise. */
export function checkQueueUrl(url: string): string {
  try {
    parseQueueUrl(url);
    return url;
  } catch (e) {
    if (e instanceof QueueUrlError) throw new UsageError(`--queue: ${e.message}`);
    throw e;
  }
}
