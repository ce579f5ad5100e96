import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigestPayload } from '../src/notify/digestContent.js';
import { PermanentDeliveryError, sendDigestEmail } from '../src/notify/deliver.js';

describe('an SMTP server that accepts the connection and then says nothing', () => {
  const sockets: Socket[] = [];
  const silent = createServer((socket) => void sockets.push(socket));
  let url: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    url = `smtp://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('fails the delivery after NOTIFY_SMTP_TIMEOUT_MS, to be retried, instead of holding the job for nodemailer\'s ten minutes', async () => {
    const payload = buildDigestPayload(
      { id: 'd-silent', branch: 'TUBAN', branchName: 'Tuban', channel: 'email', reason: 'new', generatedAt: new Date('2026-11-21T00:00:00Z') },
      [],
      [],
    );
    const sending = sendDigestEmail(url, 'Patuh <patuh@localhost>', ['kepatuhan@bpjs.invalid'], payload, 300);
    // The test's own 20 s limit is far below nodemailer's defaults (2 min to connect, 10 min of silence).
    await expect(sending).rejects.toThrow(/^SMTP: .*(timeout|Greeting never received)/i);
    await expect(sending).rejects.not.toBeInstanceOf(PermanentDeliveryError);
    expect(sockets.length).toBe(1);
  }, 20_000);
});
