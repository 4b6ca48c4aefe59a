import { extractAll } from './extract.js';

// Extract before `tsc --noEmit`, so the typecheck covers every snippet in docs/.
const snippets = extractAll();
process.stdout.write(`docs-snippets: extracted ${snippets.length} snippets\n`);
