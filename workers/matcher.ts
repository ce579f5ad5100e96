import { runWorkerProcess } from '../src/queues/workerProcess.js';

await runWorkerProcess(['match'], 'patuh-matcher');
