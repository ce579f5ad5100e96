import { z } from 'zod';
import { normaliseKabKota } from '../src/shared/identifiers.js';

const kabKota = z.string().transform((s, ctx) => {
  const value = normaliseKabKota(s);
  if (!value) {
    ctx.addIssue({ code: 'custom', message: 'must be a kab/kota code such as 35.23' });
    return z.NEVER;
  }
  return value;
});

export const branchSchema = z.object({
  code: z.string().regex(/^[A-Z0-9_-]{1,64}$/, 'must be 1-64 upper-case letters, digits, "_" or "-"'),
  name: z.string().min(1).max(200),
  regions: z.array(kabKota).default([]),
  webhook_url: z.url({ protocol: /^https?$/ }).nullable().default(null),
  /** Name of the environment variable holding the webhook's signing secret (default NOTIFY_WEBHOOK_SECRET). */
  webhook_secret_env: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'must be an environment variable name').nullable().default(null),
  email_to: z.array(z.email()).default([]),
  /** Per-branch timing in milliseconds; the NOTIFY_* defaults apply when absent. */
  group_wait_ms: z.number().int().nonnegative().nullable().default(null),
  group_interval_ms: z.number().int().nonnegative().nullable().default(null),
  repeat_interval_ms: z.number().int().positive().nullable().default(null),
  default: z.boolean().default(false),
});

/** The branch table: which kantor cabang follows up which kab/kota, and how to reach it. */
export const branchFileSchema = z
  .object({ branches: z.array(branchSchema).min(1) })
  .superRefine((file, ctx) => {
    const defaults = file.branches.filter((b) => b.default);
    if (defaults.length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['branches'], message: `exactly one branch must have "default": true (found ${defaults.length})` });
    }
    const seenCodes = new Set<string>();
    const seenRegions = new Map<string, string>();
    file.branches.forEach((b, i) => {
      if (seenCodes.has(b.code)) ctx.addIssue({ code: 'custom', path: ['branches', i, 'code'], message: `duplicate branch code ${b.code}` });
      seenCodes.add(b.code);
      b.regions.forEach((r, j) => {
        const owner = seenRegions.get(r);
        if (owner) ctx.addIssue({ code: 'custom', path: ['branches', i, 'regions', j], message: `kab/kota ${r} is already routed to ${owner}` });
        seenRegions.set(r, b.code);
      });
    });
  });

export type BranchFile = z.infer<typeof branchFileSchema>;
export type BranchConfig = z.infer<typeof branchSchema>;
