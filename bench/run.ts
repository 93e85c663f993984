/**
 * `npm run bench`: prints every benchmark's figures. Speed is shown here, never asserted in tests.
 */
import { benchJudge } from './judge';

benchJudge();
