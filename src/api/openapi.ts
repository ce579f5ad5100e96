import { z } from 'zod';
import { findingIdSchema, findingsQuerySchema, recheckBodySchema, reviewDecisionSchema, transitionBodySchema } from '../../schemas/api.js';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
const bearer = [{ bearer: [] }];
const errors = {
  '400': { description: 'invalid input, with one entry per wrong field' },
  '401': { description: 'no, unknown or revoked API key' },
  '403': { description: 'outside the key\'s role or branches' },
  '404': { description: 'not found' },
  '413': { description: 'body larger than API_BODY_LIMIT_BYTES' },
  '415': { description: 'body not sent as application/json' },
  '429': { description: 'rate limit of the key exceeded' },
  '503': { description: 'PostgreSQL or Redis away: not processed, try again' },
};

/** The OpenAPI document, built from the same zod schemas the handlers validate with. */
export function openApiDocument(): Record<string, unknown> {
  const query = schema(findingsQuerySchema) as { properties: Record<string, unknown> };
  // Decimal digits, as the handlers take them (not "0x11", "1e1" or "+17").
  const findingId = { name: 'id', in: 'path', required: true, schema: (schema(findingIdSchema) as { properties: Record<string, unknown> }).properties.id };
  return {
    openapi: '3.1.0',
    info: { title: 'Patuh API', version: '0.1.0', description: 'OSS permits checked against BPJS Ketenagakerjaan enrollment; the branch offices\' follow-up lists.' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API key from `patuh keys create`' } } },
    paths: {
      '/health': { get: { summary: 'liveness', responses: { '200': { description: 'up' } } } },
      '/ready': { get: { summary: 'readiness: PostgreSQL, Redis and migrations', responses: { '200': { description: 'ready' }, '503': { description: 'not ready, with the reason' } } } },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { '200': { description: 'text exposition' } } } },
      '/oss/receiveNIB': {
        post: {
          summary: 'OSS push (PIA): one dataNIB, stored and queued for matching before the answer',
          parameters: [{ name: 'Token', in: 'header', required: true, schema: { type: 'string' }, description: 'SHA1(USERNAME + PASSWORD + NIB + Ymd), Jakarta date' }],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['dataNIB'], properties: { dataNIB: { type: 'object', description: 'the PIA dataNIB record' } } } } } },
          responses: {
            '200': { description: 'responreceiveNIB status 1 (stored, or this version already held)' },
            '400': { description: 'status 2: the record is invalid (quarantined), keterangan names the field' },
            '401': { description: 'status 2: wrong or missing token' },
            '413': errors['413'],
            '415': errors['415'],
            '503': { description: 'status 2: storage away, or receiveNIB not configured; OSS retries' },
          },
        },
      },
      '/findings': {
        get: {
          summary: 'findings list (officers: their branches only), ranked; cursor pagination; CSV/XLSX download',
          security: bearer,
          parameters: Object.entries(query.properties).map(([name, s]) => ({ name, in: 'query', schema: s })),
          responses: {
            '200': {
              description: '{items, next_cursor}, or a file of up to API_DOWNLOAD_MAX_ROWS rows',
              headers: {
                'X-Next-Cursor': { description: 'on a download cut at API_DOWNLOAD_MAX_ROWS: the cursor of the rest', schema: { type: 'string' } },
                Link: { description: 'on a download cut at API_DOWNLOAD_MAX_ROWS: the URL of the rest, rel="next"', schema: { type: 'string' } },
              },
            },
            ...errors,
          },
        },
      },
      '/findings/{id}': { get: { summary: 'one finding with its audit history', security: bearer, parameters: [findingId], responses: { '200': { description: 'the finding' }, ...errors } } },
      ...Object.fromEntries(
        ['acknowledge', 'resolve', 'dismiss'].map((a) => [
          `/findings/{id}/${a}`,
          { post: { summary: `${a} a finding${a === 'dismiss' ? ' (reason required)' : ''}`, security: bearer, parameters: [findingId], requestBody: { content: { 'application/json': { schema: schema(transitionBodySchema) } } }, responses: { '200': { description: '{id, from, to}' }, '409': { description: 'not allowed from the current state' }, ...errors } } },
        ]),
      ),
      '/review': { get: { summary: 'permits in manual review with their candidates (officers: their branches only)', security: bearer, parameters: [{ name: 'branch', in: 'query', schema: { type: 'string' }, description: 'only this branch' }], responses: { '200': { description: '{items}' }, ...errors } } },
      '/review/decisions': { post: { summary: 'judge a permit-employer pair (same, different, unsure); an officer only for an employer put before them or enrolled in their branches', security: bearer, requestBody: { content: { 'application/json': { schema: schema(reviewDecisionSchema) } } }, responses: { '200': { description: 'recorded; the permit is re-matched' }, '409': { description: 'conflicts with a judgement already recorded' }, ...errors } } },
      '/rechecks': { post: { summary: 're-check one company now, by exactly one of nib or npwp (OSS inqueryNIB, re-match, findings); waits up to RECHECK_WAIT_MS, else 202 with the id', security: bearer, requestBody: { content: { 'application/json': { schema: schema(recheckBodySchema) } } }, responses: { '200': { description: '{id, state, result}' }, '202': { description: '{id, state}: poll GET /rechecks/{id}' }, ...errors } } },
      '/rechecks/{id}': { get: { summary: 'state and result of a re-check', security: bearer, parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: '{id, state, result?, error?}' }, ...errors } } },
      '/permits/{nib}': { get: { summary: 'a permit with its match explanation and findings', security: bearer, parameters: [{ name: 'nib', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9]{13}$' } }], responses: { '200': { description: 'the permit' }, ...errors } } },
    },
  };
}
