#!/usr/bin/env node
/**
 * The `canary-judge` executable: runs {@link main} with the process's arguments and standard streams and exits with
 * its code. `npm run build` bundles it into `cli/dist/canary-judge.mjs` (the package's `bin`).
 */
import { main } from './main';

process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
