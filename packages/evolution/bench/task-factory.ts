// Task factory for bundled benchmark runs, where workers cannot resolve '@evoprop/tasks' by name.
export { createTaskFromSpec } from '@evoprop/tasks';
