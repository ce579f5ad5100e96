import { parseArgs } from 'node:util';
import { runFeedKill } from '../test/support/feedKillHarness.js';

// npm run verify:feed-kill -- --permits 100000 --kills 5 --seed 1
const { values } = parseArgs({
  options: {
    permits: { type: 'string', default: '100000' },
    kills: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
  },
});
const report = await runFeedKill({
  permits: Number(values.permits),
  kills: Number(values.kills),
  seed: Number(values.seed),
  log: (line) => console.log(line),
});
console.log(JSON.stringify(report, null, 2));
const ok = report.lost === 0 && report.extra === 0 && report.differing === 0 && report.rejectsClean === report.rejectsFaulty;
console.log(ok ? 'OK: the killed sync stored exactly the permits of the clean run' : 'FAILED: the stored permits differ');
process.exit(ok ? 0 : 1);
