import { runWorkerProcess } from '../src/queues/workerProcess.js';

// Re-checks are the matcher's high-priority lane: a queue of their own, never behind batch work.
await runWorkerProcess(['match', 'recheck'], 'patuh-matcher');
