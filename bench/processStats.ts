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

/** CPU seconds of the whole machine since boot (/proc/stat): all of it, and the part the hypervisor gave to other guests. */
export function machineCpu(): { total: number; steal: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const ticks = 100; // USER_HZ on Linux
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  return { total: (user + nice + system + idle + iowait + irq + softirq + steal) / ticks, steal: steal / ticks };
}

/** "12.3 s of 456.7 s (2.7 %)": CPU the hypervisor took between two readings. */
export function stolenBetween(before: { total: number; steal: number }, after: { total: number; steal: number }): string {
  const steal = after.steal - before.steal;
  const total = after.total - before.total;
  return `${steal.toFixed(1)} s of ${total.toFixed(1)} s (${total > 0 ? ((100 * steal) / total).toFixed(1) : '0.0'} %)`;
}
