import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on a local port that keeps every message it accepts. */
export async function startSmtpServer(): Promise<{ url: string; messages: ReceivedMail[]; close(): Promise<void> }> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The decoded bytes of a message's attachment with this file-name suffix. */
export function attachment(raw: string, suffix: string): Buffer | null {
  const parts = raw.split(/\r?\n--/);
  for (const part of parts) {
    if (!new RegExp(`filename="?[^"\\r\\n]*${suffix.replace('.', '\\.')}"?`).test(part)) continue;
    const body = part.split(/\r?\n\r?\n/).slice(1).join('\n').replace(/[\r\n]/g, '').replace(/--$/, '');
    return Buffer.from(body, 'base64');
  }
  return null;
}

/** The message with quoted-printable and encoded-word (=?UTF-8?Q?…?= / ?B?) escapes undone, for assertions. */
export function readable(raw: string): string {
  const words = raw.replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_m, kind: string, text: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
  const unfolded = words.replace(/\?=\s+=\?/g, '').replace(/\r?\n[ \t]+/g, ' ');
  const soft = unfolded.replace(/=\r?\n/g, '');
  return Buffer.from(soft.replace(/=([0-9A-F]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
}
