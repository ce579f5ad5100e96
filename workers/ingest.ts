import { runWorkerProcess } from '../src/queues/workerProcess.js';

await runWorkerProcess(['ingest'], 'patuh-ingest');
