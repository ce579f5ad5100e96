import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

/** A local SMTP server for the demo: every message it accepts is saved as an .eml file. */
export async function startMailCatcher(dir: string): Promise<{ url: string; saved: string[]; close(): Promise<void> }> {
  await mkdir(dir, { recursive: true });
  const saved: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(',').replace(/[^A-Za-z0-9@._,-]/g, '_');
        const file = join(dir, `${saved.length + 1}-${to}.eml`);
        saved.push(file);
        writeFile(file, Buffer.concat(chunks)).then(() => callback(), (error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}`, saved, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
