import { open } from 'node:fs/promises';
import type { Writable } from 'node:stream';

/** A sink to a file (--out) or stdout, with backpressure. */
export interface LineSink {
  write(data: string | Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the sink; a file that cannot be written is a usage error naming it, before any work is done.
 * A write that fails later (a full disk: ENOSPC) is a usage error naming the file, or stdout,
 * and the reason, from the next write or from close: never a hang. stdout closed by its
 * reader (EPIPE) ends the command quietly (ReaderGone), as `| head` expects.
 */
export async function openSink(path?: string): Promise<LineSink> {
  if (!path) return streamSink(process.stdout, 'stdout', false);
  const handle = await open(path, 'w').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`--out ${path}: cannot write there (${error.code ?? error.message})`);
  });
  return streamSink(handle.createWriteStream(), `--out ${path}`, true);
}

/** The reader of stdout closed it before the output ended: no error, nothing more to write. */
export class ReaderGone extends Error {
  constructor() {
    super('the reader of stdout closed it');
    this.name = 'ReaderGone';
  }
}

function streamSink(stream: Writable, name: string, owned: boolean): LineSink {
  let failure: NodeJS.ErrnoException | null = null;
  let closedByUs = false;
  let streamClosed = false;
  // A reader that closed stdout (`| head`) has what it wanted: the command ends there, quietly.
  const readerGone = () => !owned && failure?.code === 'EPIPE';
  const failed = () => (readerGone() ? new ReaderGone() : new UsageError(`${name}: writing failed (${failure!.code ?? failure!.message})`));
  // Waiters for the stream's next event. Each checks the state first: an event that came
  // before anyone listened (the file closed after a failed write) is not waited for again.
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((check) => check());
  const until = (condition: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!condition()) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
    });
  stream.on('error', (error: NodeJS.ErrnoException) => {
    failure ??= error;
    // stdout outlives the sink: output it lost after the export ended still fails the command.
    if (closedByUs && !readerGone()) {
      console.error(`patuh: ${failed().message}`);
      process.exitCode = 2;
    }
    wake();
  });
  stream.on('drain', wake);
  stream.on('close', () => {
    streamClosed = true;
    wake();
  });
  const writable = () => failure !== null || streamClosed || !stream.writableNeedDrain;
  return {
    async write(data) {
      if (failure) throw failed();
      try {
        // stdout to a file writes synchronously: a full disk throws here.
        if (!stream.write(data)) await until(writable);
      } catch (error) {
        failure ??= error as NodeJS.ErrnoException;
      }
      if (failure) throw failed();
    },
    async close() {
      if (owned) {
        if (!failure) stream.end();
        await until(() => streamClosed);
      } else {
        // Everything written must have reached stdout before the command says it is done:
        // a write's callback comes once it is flushed, or failed.
        if (!failure && !streamClosed) await new Promise<void>((resolve) => stream.write('', () => resolve()));
        await until(writable);
      }
      closedByUs = true;
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
