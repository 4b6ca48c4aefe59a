/** The BullMQ queue name a queue executor and its workers agree on: `evoprop-` followed by `topic` (letters, digits, `-`, `_`). */
export function queueName(topic: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(topic)) throw new RangeError(`queueName: expected letters, digits, '-' or '_', got '${topic}'`);
  return `evoprop-${topic}`;
}
