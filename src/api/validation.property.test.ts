import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  findingIdSchema, findingsQuerySchema, nibParamSchema, recheckBodySchema, recheckIdSchema, reviewDecisionSchema, transitionBodySchema,
} from '../../schemas/api.js';
import { HttpError } from './auth.js';
import { parse } from './validation.js';

/** FAULT_SEED=<n> re-runs every property with that seed; otherwise fast-check picks one. */
const FAULT_SEED = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : undefined;
const runs = (numRuns: number) => ({ numRuns, ...(FAULT_SEED === undefined ? {} : { seed: FAULT_SEED }) });

const SCHEMAS: Array<{ name: string; schema: z.ZodType; where: string; keys: string[] }> = [
  { name: 'GET /findings query', schema: findingsQuerySchema, where: 'query', keys: ['branch', 'status', 'category', 'limit', 'cursor', 'format'] },
  { name: 'finding id', schema: findingIdSchema, where: 'path', keys: ['id'] },
  { name: 'transition body', schema: transitionBodySchema, where: 'body', keys: ['note', 'reason'] },
  { name: 'NIB path', schema: nibParamSchema, where: 'path', keys: ['nib'] },
  { name: 'review decision', schema: reviewDecisionSchema, where: 'body', keys: ['nib', 'npp', 'verdict', 'note'] },
  { name: 're-check body', schema: recheckBodySchema, where: 'body', keys: ['nib', 'npwp'] },
  { name: 're-check id', schema: recheckIdSchema, where: 'path', keys: ['id'] },
];

/** Values a client may send where a field is expected. */
const fieldValue = fc.oneof(
  fc.anything(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.stringMatching(/^[0-9]{1,25}(:[0-9]{1,25})?$/),
  fc.constantFrom<unknown>('9120000000001', '12345678', 'same', 'open', 'csv', '100', '-1', '1e3', ' ', '\u0000', 'x'.repeat(3000), ['open', 'notified'], { $gt: '' }),
);

/** Inputs shaped like the schema's own object, plus anything else. */
const inputFor = (keys: string[]) =>
  fc.oneof(
    fc.anything(),
    fc.dictionary(fc.constantFrom(...keys, 'extra', '__proto__', 'constructor'), fieldValue, { maxKeys: keys.length + 1 }),
  );

/** Calls parse and returns what it threw, or null when it accepted. */
function refusal(schema: z.ZodType, input: unknown, where: string): HttpError | null {
  try {
    parse(schema, input, where);
    return null;
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
}

describe('API input validation: properties', () => {
  for (const { name, schema, where, keys } of SCHEMAS) {
    it(`${name}: accepts or refuses with 400 naming each wrong field, never throwing anything else`, () => {
      fc.assert(
        fc.property(inputFor(keys), (input) => {
          const error = refusal(schema, input, where);
          if (!error) return;
          expect(error.statusCode).toBe(400);
          expect(error.message).toBe(`invalid ${where}`);
          const details = error.details as Array<{ field: string; message: string }>;
          expect(details.length).toBeGreaterThan(0);
          for (const d of details) {
            expect(d.message).toMatch(/\S/);
            // A field of the schema, the whole input, or an unknown key the client sent.
            const head = d.field.split('.')[0]!;
            const sent = input && typeof input === 'object' ? Object.keys(input) : [];
            // (A query parameter given twice is named whole, whatever it holds: " .".)
            expect([...keys, where, ''].includes(head) || (sent.includes(head) && !keys.includes(head)) || sent.includes(d.field)).toBe(true);
          }
        }),
        runs(250),
      );
    });
  }

  it('an accepted cursor fits the columns it is compared with (priority integer, id bigint)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,22}:[0-9]{1,22}$/), (cursor) => {
        const error = refusal(findingsQuerySchema, { cursor }, 'query');
        if (error) {
          expect((error.details as Array<{ field: string }>).map((d) => d.field)).toEqual(['cursor']);
          return;
        }
        const [priority, id] = cursor.split(':').map(Number) as [number, number];
        expect(Number.isSafeInteger(priority) && priority <= 2_147_483_647).toBe(true);
        expect(Number.isSafeInteger(id)).toBe(true);
      }),
      runs(300),
    );
  });

  it('an accepted finding id or limit was written in plain decimal digits, and is read as their value', () => {
    const numberish = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 25 }),
      fc.stringMatching(/^[-+ 0x.eEb]{0,2}[0-9a-fA-F]{0,22}[ .eE]{0,2}[0-9]{0,3}$/),
      fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }).map(String),
    );
    fc.assert(
      fc.property(numberish, (text) => {
        for (const [schema, key, where, max] of [[findingIdSchema, 'id', 'path', Number.MAX_SAFE_INTEGER], [findingsQuerySchema, 'limit', 'query', 500]] as const) {
          const error = refusal(schema, { [key]: text }, where);
          if (error) {
            expect((error.details as Array<{ field: string }>).map((d) => d.field)).toEqual([key]);
            continue;
          }
          const value = (parse(schema, { [key]: text }, where) as Record<string, number>)[key]!;
          expect(text).toMatch(/^[0-9]+$/);
          expect(BigInt(value)).toBe(BigInt(text));
          expect(value >= 1 && value <= max).toBe(true);
        }
      }),
      runs(500),
    );
  });

  it('a next_cursor the server hands out is always accepted back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_147_483_647 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (priority, id) => {
        expect(parse(findingsQuerySchema, { cursor: `${priority}:${id}` }, 'query').cursor).toBe(`${priority}:${id}`);
      }),
      runs(200),
    );
  });

  it('accepted notes and reasons can be stored: no NUL character or unpaired surrogate', () => {
    const note = fc.oneof(fc.string({ unit: 'binary', maxLength: 50 }), fc.constantFrom('catatan\u0000rahasia', 'setengah \uD800', '\uDC00'));
    fc.assert(
      fc.property(note, fc.constantFrom('note', 'reason'), (text, key) => {
        for (const [schema, body] of [
          [transitionBodySchema, { [key]: text }],
          [reviewDecisionSchema, { nib: '9120000000001', npp: '12345678', verdict: 'same', note: text }],
        ] as const) {
          const error = refusal(schema, body, 'body');
          if (error) {
            expect((error.details as Array<{ field: string }>).map((d) => d.field)).toEqual([key === 'reason' && schema === transitionBodySchema ? 'reason' : 'note']);
            continue;
          }
          const stored = JSON.stringify(parse(schema, body, 'body'));
          expect(stored).not.toContain('\\u0000');
          expect(stored).not.toMatch(/\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/i);
        }
      }),
      runs(200),
    );
  });
});
