/**
 * `npm run bench`: prints every benchmark's figures. Speed is shown here, never asserted in tests.
 * Sections: the judge (issue 2), the judge service (issue 3), the Deck plugin bundle and report rendering
 * (issue 4, when built), replicas on PostgreSQL (issue 5), metric sources against stand-in stores (issue 8). `npm run bench -- judge service` runs a subset.
 */
import { benchDeck } from './deck';
import { benchJudge } from './judge';
import { benchReplicas } from './replicas';
import { benchService } from './service';
import { benchServiceLoad } from './service-load';
import { benchSources } from './sources';

const wanted = new Set(process.argv.slice(2));
const run = (name: string) => wanted.size === 0 || wanted.has(name);

if (run('judge')) await benchJudge();
if (run('service')) {
  console.log('\n## Judge service (loopback, SQLite)');
  await benchService();
  console.log('\n## Judge service under load (large /judge bodies, load shedding)');
  await benchServiceLoad();
}
if (run('sources')) {
  console.log('\n## Metric sources (stand-in stores on loopback)');
  await benchSources();
}
if (run('deck')) {
  console.log('\n## Deck plugin (bundle size; 300-metric report rendered in Chromium)');
  await benchDeck();
}
if (run('replicas')) {
  console.log('\n## Two replicas on PostgreSQL');
  const r = await benchReplicas();
  if (r.errors !== 0 || (!Number.isNaN(r.matchingReference) && r.matchingReference !== r.judgments))
    process.exitCode = 1;
}
