import { startMailCatcher } from '../../src/demo/mailCatcher.js';

/** A real SMTP server on a local port that keeps every message it accepts. */
export const startSmtpServer = () => startMailCatcher();

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
