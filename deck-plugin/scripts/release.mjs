// Entry of `npm run release`: registers tsx and runs scripts/release.ts (see there for options and exit codes).
import { register } from 'tsx/esm/api';

register();
await import('./release.ts');
