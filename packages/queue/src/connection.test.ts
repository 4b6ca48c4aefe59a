import { describe, expect, it } from 'vitest';
import { QueueUrlError, parseQueueUrl } from './connection.js';

describe('parseQueueUrl', () => {
  it('reads host, port, database and credentials', () => {
    expect(parseQueueUrl('redis://127.0.0.1:6380/2')).toEqual({ host: '127.0.0.1', port: 6380, db: 2 });
    expect(parseQueueUrl('redis://queue.local')).toEqual({ host: 'queue.local', port: 6379, db: 0 });
    expect(parseQueueUrl('redis://me:s%40cret@h:1/')).toEqual({ host: 'h', port: 1, db: 0, username: 'me', password: 's@cret' });
  });

  it.each([
    ['localhost:6379', /got 'localhost:6379'/],
    ['http://h:1', /scheme redis:/],
    ['redis://h:1/x', /DB is a whole number/],
    ['redis://h:1/0?x=1', /without \?query/],
  ])('refuses %s with a message naming what is expected', (url, message) => {
    expect(() => parseQueueUrl(url)).toThrow(QueueUrlError);
    expect(() => parseQueueUrl(url)).toThrow(message);
  });
});
