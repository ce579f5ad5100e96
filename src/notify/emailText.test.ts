import { describe, expect, it } from 'vitest';
import { buildDigestPayload, termFor, type DigestItem } from './digestContent.js';
import { emailText } from './deliver.js';

const item = (over: Partial<DigestItem>): DigestItem => ({
  finding_id: 1, branch: 'TUBAN', change: 'new', category: 'unregistered', bpjs_term: 'PWBD', status: 'open', priority: 1,
  company_name: 'PT Contoh', nib: '9120000000001', npp: null, npwp: null, address: null, kab_kota: '3523', kab_kota_name: 'Kabupaten Tuban',
  kbli: [], business_scale: '02', declared_workers: 1, reported_workers: null, average_wage: null, minimum_wage: null, missing_programs: [],
  arrears_months: null, first_seen_at: '2026-11-21T00:00:00.000Z', evidence: {}, ...over,
});
const of = (id: number, nib: string, name: string, category: string, priority: number, change: DigestItem['change'] = 'new') =>
  item({ finding_id: id, nib, company_name: name, category, bpjs_term: termFor(category), priority, change });

describe('the e-mail summary', () => {
  it('lists the top employers once each, with all their findings, ranked by their largest', () => {
    const payload = buildDigestPayload(
      { id: 'd1', branch: 'TUBAN', branchName: 'Tuban', channel: 'email', reason: 'new', generatedAt: new Date('2026-11-21T00:00:00Z') },
      [
        of(1, '9120000000001', 'PT Sumber Rejeki', 'under_reported_workers', 40),
        of(2, '9120000000001', 'PT Sumber Rejeki', 'missing_programs', 50),
        of(3, '9120000000001', 'PT Sumber Rejeki', 'arrears', 10, 'open'),
        of(4, '9120000000002', 'PT Angin Ribut', 'unregistered', 45),
      ],
      [],
    );
    const { subject, text } = emailText(payload);
    expect(subject).toMatch(/2 perusahaan perlu ditindaklanjuti \/ 2 employers to follow up/);
    const top = text.split('\n').filter((l) => /^ {2}\d+\. /.test(l));
    expect(top).toEqual([
      '  1. PT Sumber Rejeki (NIB 9120000000001) — PDS Program 50 TK [BARU/NEW], PDS TK 40 TK [BARU/NEW], Tunggakan 10 TK',
      '  2. PT Angin Ribut (NIB 9120000000002) — PWBD 45 TK [BARU/NEW]',
    ]);
  });
});
