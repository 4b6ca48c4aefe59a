/** The bench's tiny job: answer the payload (a handler factory for thread executors and queue workers alike). */
import type { HandlerFactory } from '@evoprop/core';

const echo: HandlerFactory<unknown, number, number> = () => (payload) => payload;
export default echo;
