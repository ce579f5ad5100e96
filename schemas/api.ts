import { z } from 'zod';
import { idParam, wholeNumberParam } from './numbers.js';
import { UNSTORABLE_TEXT, UNSTORABLE_TEXT_MESSAGE } from './storableText.js';

const CATEGORY = z.enum(['unregistered', 'under_reported_workers', 'under_reported_wages', 'missing_programs', 'arrears', 'inactive_enrollment']);

/** Free text as PostgreSQL can store it: no NUL characters and no unpaired UTF-16 surrogates. */
const storableText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !UNSTORABLE_TEXT.test(s), UNSTORABLE_TEXT_MESSAGE);

/** "priority:id" of a finding: both parts within their columns (integer, bigint) so the query cannot fail. */
const cursor = z
  .string()
  .regex(/^[0-9]+:[0-9]+$/, 'must be the next_cursor of a previous page')
  .refine((c) => {
    const [priority, id] = c.split(':').map(Number) as [number, number];
    return priority <= 2_147_483_647 && Number.isSafeInteger(id);
  }, 'must be the next_cursor of a previous page');

const STATUS = z.enum(['open', 'notified', 'acknowledged', 'resolved', 'dismissed']);

const branchCode = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a branch code').transform((s) => s.toUpperCase());

/** GET /findings */
export const findingsQuerySchema = z.object({
  branch: branchCode.optional(),
  status: STATUS.optional(),
  category: CATEGORY.optional(),
  limit: wholeNumberParam(1, 500).default(100),
  cursor: cursor.optional(),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
}).strict();

/**
 * GET/POST /findings/:id. Plain decimal digits only: z.coerce.number() would also take
 * "0x11", " 17", "1e1" or "+17" as finding 17 or 10.
 */
export const findingIdSchema = z.object({ id: idParam() });

/** POST /findings/:id/{acknowledge,resolve,dismiss} */
export const transitionBodySchema = z
  .object({ note: storableText(2000).optional(), reason: storableText(2000).optional() })
  .strict();

/** GET /review */
export const reviewQuerySchema = z.object({ branch: branchCode.optional() }).strict();

export const nibParamSchema = z.object({ nib: z.string().regex(/^[0-9]{13}$/, 'must be 13 digits') });

/** POST /review/decisions */
export const reviewDecisionSchema = z
  .object({
    nib: z.string().regex(/^[0-9]{13}$/, 'must be 13 digits'),
    npp: z.string().regex(/^[A-Za-z0-9]{1,20}$/, 'must be 1-20 letters or digits'),
    verdict: z.enum(['same', 'different', 'unsure']),
    note: storableText(2000).optional(),
  })
  .strict();

/** POST /rechecks: one of nib or npwp (15 or 16 digits, punctuation allowed). */
export const recheckBodySchema = z
  .object({
    nib: z.string().regex(/^[0-9]{13}$/, 'must be 13 digits').optional(),
    npwp: z.string().regex(/^[0-9.\-\s]{15,25}$/, 'must be 15 or 16 digits').optional(),
  })
  .strict()
  .refine((q) => Boolean(q.nib) !== Boolean(q.npwp), { message: 'give exactly one of nib or npwp', path: ['nib'] });

export const recheckIdSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9:_-]{1,200}$/, 'must be a re-check id') });
