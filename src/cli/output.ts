import { open } from 'node:fs/promises';
import { once } from 'node:events';

/** A line sink to a file (--out) or stdout, with backpressure. */
export interface LineSink {
  write(line: string): Promise<void>;
  close(): Promise<void>;
}

/** Opens the sink; a file that cannot be written is a usage error naming it, before any work is done. */
export async function openSink(path?: string): Promise<LineSink> {
  if (!path) {
    return {
      async write(line) {
        if (!process.stdout.write(line)) await once(process.stdout, 'drain');
      },
      async close() {},
    };
  }
  const handle = await open(path, 'w').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`--out ${path}: cannot write there (${error.code ?? error.message})`);
  });
  const stream = handle.createWriteStream({ encoding: 'utf8' });
  let failure: Error | null = null;
  stream.on('error', (error) => (failure = error));
  const failed = () => new UsageError(`--out ${path}: writing failed (${(failure as NodeJS.ErrnoException).code ?? failure!.message})`);
  return {
    async write(line) {
      if (failure) throw failed();
      if (!stream.write(line)) await Promise.race([once(stream, 'drain'), once(stream, 'error')]).catch(() => undefined);
      if (failure) throw failed();
    },
    async close() {
      stream.end();
      await once(stream, 'close').catch(() => undefined);
      if (failure) throw failed();
    },
  };
}

export class UsageError extends Error {}

/**
 * Text as a terminal should show it: control characters (an escape sequence in a company
 * name or a JSON key could clear the screen or retitle the window) written as \u escapes.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
