#!/usr/bin/env node
import { runCliProcess } from './cli/process.js';

await runCliProcess(process.argv.slice(2));
