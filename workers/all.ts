import { QUEUE_NAMES } from '../schemas/jobs.js';
import { runWorkerProcess } from '../src/queues/workerProcess.js';

// Every worker kind in one process (small deployments, development).
await runWorkerProcess(QUEUE_NAMES, 'patuh-worker');
