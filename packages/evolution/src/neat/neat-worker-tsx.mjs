// Running from TypeScript source (tests, benches): load the worker through tsx. Node 20 does
// not apply `--import tsx` hooks inside worker threads, so register them here instead.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./neat-worker.ts');
export default worker.default;
