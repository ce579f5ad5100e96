import { createHash, timingSafeEqual } from 'node:crypto';

/** Ymd of a moment in Jakarta time (WIB), as OSS writes it into the push token. */
export function jakartaYmd(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  return parts.replace(/-/g, '');
}

/** The PIA push token: SHA1(USERNAME + PASSWORD + NIB + Ymd), lower-case hex. */
export function pushToken(username: string, password: string, nib: string, ymd: string): string {
  return createHash('sha1').update(`${username}${password}${nib}${ymd}`, 'utf8').digest('hex');
}

/**
 * Checks a push token in constant time. Yesterday's and tomorrow's dates are accepted too,
 * so a push signed just before midnight on a clock a little off is not refused.
 */
export function verifyPushToken(token: string | undefined, credentials: { username: string; password: string }, nib: string, now = new Date()): boolean {
  if (!token) return false;
  const given = Buffer.from(token.trim().toLowerCase(), 'utf8');
  let ok = false;
  for (const offset of [0, -1, 1]) {
    const expected = Buffer.from(pushToken(credentials.username, credentials.password, nib, jakartaYmd(new Date(now.getTime() + offset * 86_400_000))), 'utf8');
    // Compare every candidate (no early exit) so timing says nothing about which matched.
    if (given.length === expected.length && timingSafeEqual(given, expected)) ok = true;
  }
  return ok;
}
