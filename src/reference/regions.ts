import { readReferenceCsv } from './referenceData.js';

export interface KabKota {
  /** Four digits, no dot: 3523. */
  code: string;
  name: string;
  provinceCode: string;
  population: number;
}

let cached: KabKota[] | undefined;

/** The 514 kab/kota of the 2025 Kemendagri list, with population where known. */
export function kabKotaList(): KabKota[] {
  if (cached) return cached;
  const population = new Map(readReferenceCsv('population-prov-kabkota.csv').map((r) => [r.kode ?? '', Number(r.total) || 0]));
  cached = readReferenceCsv('kemendagri-prov-kabkota-2025.csv')
    .filter((r) => r.level !== 'provinsi')
    .map((r) => ({
      code: r.kode_nodot ?? '',
      name: r.nama ?? '',
      provinceCode: r.kode_prov ?? '',
      population: population.get(r.kode ?? '') ?? 0,
    }));
  return cached;
}

let names: Map<string, string> | undefined;

export function kabKotaName(code: string): string | undefined {
  names ??= new Map(kabKotaList().map((k) => [k.code, k.name]));
  return names.get(code);
}

let provinces: Map<string, string> | undefined;

/** A province's name by its two-digit code: 35 → "Jawa Timur". */
export function provinceName(code: string): string | undefined {
  provinces ??= new Map(
    readReferenceCsv('kemendagri-prov-kabkota-2025.csv')
      .filter((r) => r.level === 'provinsi')
      .map((r) => [r.kode_nodot ?? '', r.nama ?? '']),
  );
  return provinces.get(code);
}
