import { readFileSync } from 'node:fs';

/** Peak resident memory (VmHWM) of a live process, in bytes; null once it has exited. */
export function peakRss(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Samples the peak memory of processes until stopped; keeps the highest value seen per name. */
export class PeakMemory {
  readonly peaks = new Map<string, number>();
  private readonly watched = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 250) {
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  watch(name: string, pid: number): void {
    this.watched.set(name, pid);
  }

  sample(): void {
    for (const [name, pid] of this.watched) {
      const rss = peakRss(pid);
      if (rss !== null) this.peaks.set(name, Math.max(this.peaks.get(name) ?? 0, rss));
    }
  }

  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }
}

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
