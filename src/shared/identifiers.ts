/**
 * Identifier normalisation shared by the OSS parser and the enrollment import.
 * Each function returns the canonical form or null when the input is not a valid value.
 */

export const NIB_PATTERN = /^[0-9]{13}$/;

export function normaliseNib(value: string): string | null {
  const trimmed = value.trim();
  return NIB_PATTERN.test(trimmed) ? trimmed : null;
}

/**
 * NPWP in the 16-digit form used since PMK 112/2022: entities' old 15-digit numbers get a
 * leading "0". Punctuation (`01.234.567.8-901.000`) and spaces are ignored.
 */
export function normaliseNpwp(value: string): string | null {
  const trimmed = value.trim();
  if (!/^[0-9.\-\s]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/[^0-9]/g, '');
  if (digits.length === 15) return `0${digits}`;
  if (digits.length === 16) return digits;
  return null;
}

/**
 * An NPWP as OSS writes it (`npwp_perseroan` is 15 digits): an entity's 16-digit form
 * without its leading "0"; an individual's (their NIK) as it is.
 */
export function ossNpwp(npwp16: string): string {
  return npwp16.length === 16 && npwp16.startsWith('0') ? npwp16.slice(1) : npwp16;
}

/**
 * The taxpayer a 16-digit NPWP names. An entity's ("0" and its old 15 digits) is its
 * digits 2 to 10: the last three number its branches, so a branch and its head office
 * share it. An individual's NPWP is their NIK, whose digits 2 to 10 are a district and a
 * birth date that strangers share: only the whole number names them.
 */
export function npwpTaxpayer(npwp: string): string {
  return npwp.startsWith('0') ? npwp.slice(1, 10) : npwp;
}

/**
 * Whether two NPWPs name two taxpayers. An entity's against an individual's is no
 * contradiction: a sole proprietor may be enrolled under their own NPWP and licensed
 * under the business's.
 */
export function differentTaxpayers(a: string, b: string): boolean {
  return !placeholderNpwp(a) && !placeholderNpwp(b) && a.startsWith('0') === b.startsWith('0') && npwpTaxpayer(a) !== npwpTaxpayer(b);
}

/**
 * An NPWP whose taxpayer digits are one digit repeated (00.000.000.0-000.000,
 * 99.999.999.9-999.999): what registries and forms write when they do not have the
 * number. It names no taxpayer, so it links no permit to an employer and contradicts none.
 */
export function placeholderNpwp(npwp: string): boolean {
  return /^(\d)\1*$/.test(npwpTaxpayer(npwp));
}

/** Kemendagri kab/kota code without the dot: `35.23` and `3523` both give `3523`. */
export function normaliseKabKota(value: string): string | null {
  const match = /^([0-9]{2})\.?([0-9]{2})$/.exec(value.trim());
  return match ? `${match[1]}${match[2]}` : null;
}

/**
 * The kab/kota part of a longer Kemendagri area code (`3523010001`, `35.23.01.2001`): its
 * first four digits.
 */
export function kabKotaOfAreaCode(value: string): string | null {
  const trimmed = value.trim();
  if (!/^[0-9.]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\./g, '');
  return digits.length >= 4 ? digits.slice(0, 4) : null;
}

/**
 * NPP as a comparison key: upper case, separators removed. OSS allows up to 20
 * alphanumeric characters; BPJS extracts sometimes carry dots or dashes.
 */
export function normaliseNpp(value: string): string | null {
  const key = value.trim().toUpperCase().replace(/[\s.\-/]/g, '');
  return /^[A-Z0-9]{1,20}$/.test(key) ? key : null;
}
