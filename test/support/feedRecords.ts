/** A seeded PRNG (mulberry32) so data variants and fault timings are reproducible from a seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A feed as OSS delivers it: every permit once, and some NIBs a second time: an update
 * after the original, or a stale older version delivered after the newer one (it must
 * not win).
 */
export function withUpdatesAndStaleCopies(permits: Iterable<Record<string, unknown>>, seed: number): Record<string, unknown>[] {
  const random = prng(seed ^ 0x5eed);
  const records: Record<string, unknown>[] = [];
  for (const data of permits) {
    records.push(data);
    const roll = random();
    if (roll < 0.05) {
      records.push({ ...data, nama_perseroan: `${String(data.nama_perseroan)} LAMA`, tgl_terbit_nib: '2020-01-01 00:00:00', tgl_perubahan_nib: '' });
    } else if (roll < 0.1) {
      records.push({ ...data, nama_perseroan: `${String(data.nama_perseroan)} BARU`, tgl_perubahan_nib: '2026-11-01 10:00:00', 'tipe_dokumen ': '5', tipe_dokumen: '5' });
    }
  }
  return records;
}
