import { readReferenceCsv } from './referenceData.js';

/**
 * Minimum wage (UMK per kab/kota, falling back to the province's UMP) for a year.
 * Only 2025 and later are used: earlier kab/kota values carry known defects.
 */
export interface MinimumWageTable {
  forKabKota(kabKota: string, year: number): { amount: number; source: 'UMK' | 'UMP'; year: number } | null;
}

const FIRST_TRUSTED_YEAR = 2025;

function latestUpTo(row: Record<string, string>, prefix: string, year: number): { amount: number; year: number } | null {
  for (let y = year; y >= FIRST_TRUSTED_YEAR; y -= 1) {
    const value = Number(row[`${prefix}_${y}`]);
    if (row[`${prefix}_${y}`] && Number.isFinite(value) && value > 0) return { amount: value, year: y };
  }
  return null;
}

let cached: MinimumWageTable | undefined;

export function minimumWageTable(): MinimumWageTable {
  if (cached) return cached;
  const umk = new Map(readReferenceCsv('umk-kabkota.csv').map((r) => [r.kode_kabkota ?? '', r]));
  const ump = new Map(readReferenceCsv('ump-provinsi.csv').map((r) => [r.kode_prov ?? '', r]));
  cached = {
    forKabKota(kabKota, year) {
      const local = umk.get(kabKota);
      const fromUmk = local && latestUpTo(local, 'umk', year);
      if (fromUmk) return { ...fromUmk, source: 'UMK' };
      const province = ump.get(kabKota.slice(0, 2));
      const fromUmp = province && latestUpTo(province, 'ump', year);
      return fromUmp ? { ...fromUmp, source: 'UMP' } : null;
    },
  };
  return cached;
}
