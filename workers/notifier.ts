import { runWorkerProcess } from '../src/queues/workerProcess.js';

await runWorkerProcess(['notify'], 'patuh-notifier');
