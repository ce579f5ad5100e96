/** Milliseconds spent per stage of one unit of work, for the job log (where the time goes). */
export class StageTimer {
  readonly ms: Record<string, number> = {};
  private last = performance.now();

  /** Charges the time since the previous lap to `stage`. */
  lap(stage: string): void {
    const now = performance.now();
    this.ms[stage] = (this.ms[stage] ?? 0) + Math.round(now - this.last);
    this.last = now;
  }
}
