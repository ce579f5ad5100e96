import { startWorker, type WorkerProcess } from '../../support/processes.js';

export type WorkerKind = 'ingest' | 'matcher' | 'notifier';

/**
 * Keeps one process of each worker kind running, as systemd's Restart=always or a
 * Kubernetes Deployment would: a process that dies is started again shortly after.
 */
export class Supervisor {
  readonly kills: Record<WorkerKind, number> = { ingest: 0, matcher: 0, notifier: 0 };
  /** Exits nobody asked for (a process giving up on its own), per kind. */
  readonly crashes: Record<WorkerKind, number> = { ingest: 0, matcher: 0, notifier: 0 };
  /** The end of the output of each process that exited on its own. */
  readonly crashReports: string[] = [];
  private readonly running = new Map<WorkerKind, WorkerProcess>();
  private readonly killing = new Set<WorkerProcess>();
  private readonly finished: string[] = [];
  private stopping = false;

  constructor(private readonly env: NodeJS.ProcessEnv, private readonly kinds: WorkerKind[] = ['ingest', 'matcher', 'notifier']) {}

  start(): void {
    for (const kind of this.kinds) this.launch(kind);
  }

  private launch(kind: WorkerKind): void {
    const worker = startWorker(kind, this.env);
    this.running.set(kind, worker);
    worker.child.once('exit', () => {
      this.finished.push(worker.output());
      if (!this.killing.delete(worker) && !this.stopping) {
        this.crashes[kind] += 1;
        this.crashReports.push(`${kind} exited with ${worker.child.exitCode ?? worker.child.signalCode}: ${worker.output().slice(-1500)}`);
      }
      if (!this.stopping) setTimeout(() => !this.stopping && this.launch(kind), 300);
    });
  }

  async kill(kind: WorkerKind): Promise<void> {
    const worker = this.running.get(kind);
    if (!worker || worker.child.exitCode !== null || worker.child.signalCode !== null) return;
    this.killing.add(worker);
    this.kills[kind] += 1;
    await worker.stop('SIGKILL');
  }

  /** Everything the processes wrote to stdout and stderr, living and dead. */
  output(): string {
    const alive = [...this.running.values()].filter((w) => w.child.exitCode === null && w.child.signalCode === null);
    return [...this.finished, ...alive.map((w) => w.output())].join('\n');
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.running.values()].map((w) => w.stop('SIGTERM')));
  }
}
