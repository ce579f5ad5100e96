import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';

const run = promisify(execFile);

/**
 * Redis and PostgreSQL servers of a test's own, on free ports, so a scenario can restart
 * or empty them without disturbing tests running beside it.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface PrivateRedis {
  url: string;
  /** SIGKILLs the server, waits `downMs`, starts it again on the same port and data directory. */
  restart(downMs: number): Promise<void>;
  /** Empties it entirely (FLUSHALL), as a failover to an empty replica would. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

/** A redis-server with an append-only file synced on every write, so a restart keeps the queues. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'patuh-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const ping = async () => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } finally {
      client.disconnect();
    }
  };
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--maxmemory-policy', 'noeviction'],
      { stdio: 'ignore' },
    );
    await waitUntil(`redis on port ${port}`, ping);
  };
  const kill = async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
  };
  await start();
  return {
    url,
    async restart(downMs) {
      await kill();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await start();
    },
    async flush() {
      const client = new Redis(url, { maxRetriesPerRequest: 3 });
      await client.flushall();
      client.disconnect();
    },
    async stop() {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface PrivatePostgres {
  /** Server URL (database `postgres`); use `databaseUrl(name)` for another database. */
  url: string;
  databaseUrl(name: string): string;
  /** Stops the server the hard way (`-m immediate`: no shutdown checkpoint, as in a crash), waits, starts it. */
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

async function postgresBin(): Promise<string> {
  const base = '/usr/lib/postgresql';
  const versions = (await readdir(base)).filter((v) => /^[0-9]+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  if (!versions.length) throw new Error(`no PostgreSQL server binaries under ${base}`);
  return join(base, versions[0]!, 'bin');
}

/**
 * A throw-away PostgreSQL cluster (initdb in a temporary directory). PostgreSQL refuses to
 * run as root, so when the tests run as root the server runs as the `postgres` user.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = await postgresBin();
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'patuh-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const uid = Number(stdout.trim());
    await chown(dir, uid, Number((await run('id', ['-g', 'postgres'])).stdout.trim()));
  }
  const pg = (tool: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]) : run(join(bin, tool), args));
  await pg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`;
  const start = () => pg('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  const stopNow = () => pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
  await start();
  const databaseUrl = (name: string) => `postgres://postgres@127.0.0.1:${port}/${name}`;
  return {
    url: databaseUrl('postgres'),
    databaseUrl,
    async restart(downMs) {
      await stopNow();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await start();
    },
    async stop() {
      await stopNow();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
