import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/** A line sink to a file (--out) or stdout, with backpressure. */
export interface LineSink {
  write(line: string): Promise<void>;
  close(): Promise<void>;
}

export function openSink(path?: string): LineSink {
  const stream: NodeJS.WritableStream | WriteStream = path ? createWriteStream(path, { encoding: 'utf8' }) : process.stdout;
  return {
    async write(line) {
      if (!stream.write(line)) await once(stream, 'drain');
    },
    async close() {
      if (path) {
        (stream as WriteStream).end();
        await once(stream, 'finish');
      }
    },
  };
}

export class UsageError extends Error {}
