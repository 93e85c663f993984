// Worker-thread bootstrap for running the service from its TypeScript sources (`node --import tsx`, Vitest): a
// worker thread starts as plain Node, so tsx is registered here before the TypeScript entry is loaded. A compiled
// build loads judge-worker.js directly and never uses this file. Reference: https://tsx.is/dev-api/register-esm
import { register } from 'tsx/esm/api';

register();
const entry = await import(new URL('./judge-worker.ts', import.meta.url).href);

/** The pool's task function: see judge-worker.ts. */
export default entry.default;
