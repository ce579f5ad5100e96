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

/** CPU seconds (user + system) a live process has used so far; null once it has exited. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ ticks
  } catch {
    return null;
  }
}

/**
 * Samples processes until stopped: the peak memory of each (by name), and the CPU it had
 * used when last seen (a process that exits keeps its last reading, at most one interval old).
 */
export class ProcessUsage {
  readonly peaks = new Map<string, number>();
  readonly cpu = new Map<string, number>();
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
      const cpu = cpuSeconds(pid);
      if (cpu !== null) this.cpu.set(name, cpu);
    }
  }

  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }
}

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/**
 * CPU seconds of the whole machine since boot (/proc/stat): all of it, the part spent
 * working (not idle or waiting for disk), and the part the hypervisor gave to other guests.
 */
export function machineCpu(): { total: number; busy: number; steal: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const ticks = 100; // USER_HZ on Linux
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  return { total: (user + nice + system + idle + iowait + irq + softirq + steal) / ticks, busy: (user + nice + system + irq + softirq) / ticks, steal: steal / ticks };
}

/** "12.3 s of 456.7 s (2.7 %)": CPU the hypervisor took between two readings. */
export function stolenBetween(before: { total: number; steal: number }, after: { total: number; steal: number }): string {
  const steal = after.steal - before.steal;
  const total = after.total - before.total;
  return `${steal.toFixed(1)} s of ${total.toFixed(1)} s (${total > 0 ? ((100 * steal) / total).toFixed(1) : '0.0'} %)`;
}
