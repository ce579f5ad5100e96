import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface RunningMailCatcher {
  url: string;
  messages: ReceivedMail[];
  /** Files the messages were saved to (when a folder was given). */
  saved: string[];
  close(): Promise<void>;
}

/**
 * A real SMTP server on a local port that keeps every message it accepts, and saves each
 * as an .eml file when given a folder (the demo's mail catcher; the tests' SMTP server).
 */
export async function startMailCatcher(dir?: string): Promise<RunningMailCatcher> {
  if (dir) await mkdir(dir, { recursive: true });
  const messages: ReceivedMail[] = [];
  const saved: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        };
        messages.push(mail);
        if (!dir) return callback();
        const file = join(dir, `${messages.length}-${mail.to.join(',').replace(/[^A-Za-z0-9@._,-]/g, '_')}.eml`);
        saved.push(file);
        writeFile(file, mail.raw).then(() => callback(), (error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}`, messages, saved, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
