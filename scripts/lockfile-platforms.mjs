// The npm registry reachable here lacks msgpackr-extract's binaries for other platforms, so
// `npm install` leaves them out of package-lock.json and `npm ci` then refuses the lock.
// Run this after any `npm install` to list them (optional, platform-bound, never fetched here).
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const platforms = { 'darwin-arm64': ['darwin', 'arm64'], 'darwin-x64': ['darwin', 'x64'], 'linux-arm': ['linux', 'arm'], 'win32-x64': ['win32', 'x64'] };
for (const [suffix, [os, cpu]] of Object.entries(platforms)) {
  const key = `node_modules/@msgpackr-extract/msgpackr-extract-${suffix}`;
  lock.packages[key] ??= { version: '3.0.7', cpu: [cpu], license: 'MIT', optional: true, os: [os] };
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)));
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
