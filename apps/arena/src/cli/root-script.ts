// `pnpm arena [ARGS]` from the repository root: every verb works (`pnpm arena list tasks`), and
// arguments without one run an experiment (`pnpm arena`, `pnpm arena --seeds 2`, `pnpm arena spirals.yaml`).
import { withDefaultCommand } from './main.js';
import { runCliProcess } from './process.js';

await runCliProcess(withDefaultCommand(process.argv.slice(2)));
