/**
 * Writes `orca-stage-spec/openapi/openapi.json` from the schemas (`npm run -w orca-stage-spec openapi`).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openApiText } from './openapi';

const target = fileURLToPath(new URL('../../openapi/openapi.json', import.meta.url));
writeFileSync(target, await openApiText(target));
process.stdout.write(`wrote ${target}\n`);
