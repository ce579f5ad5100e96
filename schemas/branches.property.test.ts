import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { branchFileSchema } from './branches.js';

/** FAULT_SEED=<n> re-runs every property with that seed; otherwise fast-check picks one. */
const FAULT_SEED = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : undefined;
const runs = (numRuns: number) => ({ numRuns, ...(FAULT_SEED === undefined ? {} : { seed: FAULT_SEED }) });

const branch = fc.record(
  {
    code: fc.oneof(fc.stringMatching(/^[A-Z]{2,8}$/), fc.string({ maxLength: 10 }), fc.anything()),
    name: fc.oneof(fc.string({ maxLength: 20 }), fc.anything()),
    regions: fc.oneof(fc.array(fc.oneof(fc.stringMatching(/^[0-9]{2}\.?[0-9]{2}$/), fc.string({ maxLength: 6 })), { maxLength: 3 }), fc.anything()),
    webhook_url: fc.oneof(fc.constant(null), fc.constantFrom('https://hook.example/x', 'ftp://x', 'javascript:alert(1)'), fc.anything()),
    email_to: fc.oneof(fc.array(fc.constantFrom('a@b.example', 'not-an-email', ''), { maxLength: 2 }), fc.anything()),
    default: fc.oneof(fc.boolean(), fc.anything()),
    group_wait_ms: fc.oneof(fc.integer({ min: -5, max: 1000 }), fc.anything()),
  },
  { requiredKeys: [] },
);

describe('branchFileSchema: properties', () => {
  it('never throws on any JSON value; every refusal points into the file', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ branches: fc.oneof(fc.array(branch, { maxLength: 4 }), fc.anything()) })), (file) => {
        const result = branchFileSchema.safeParse(file);
        if (result.success) {
          expect(result.data.branches.filter((b) => b.default)).toHaveLength(1);
          return;
        }
        for (const issue of result.error.issues) {
          expect(issue.message).toMatch(/\S/);
          if (issue.path.length) expect(issue.path[0]).toBe('branches');
        }
      }),
      runs(300),
    );
  });

  it('region codes are normalised idempotently: a loaded table loads to itself', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[0-9]{2}\.?[0-9]{2}$/), { maxLength: 4, selector: (r) => r.replace('.', '') }), (regions) => {
        const file = { branches: [{ code: 'A', name: 'Cabang A', regions }, { code: 'PUSAT', name: 'Pusat', default: true }] };
        const once = branchFileSchema.parse(file);
        expect(branchFileSchema.parse(once)).toEqual(once);
        expect(once.branches[0]!.regions).toEqual(regions.map((r) => r.replace('.', '')));
      }),
      runs(200),
    );
  });
});
