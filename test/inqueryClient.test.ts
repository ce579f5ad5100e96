import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InqueryClient } from '../src/oss/inqueryClient.js';
import { PermanentHttpError, RetryableHttpError } from '../src/shared/httpErrors.js';
import { ossRecord } from './support/ossRecords.js';

const OSS = 'http://oss-api.test';

describe('inqueryNIB client (nock for OSS)', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  const sleeps: number[] = [];
  const client = () => new InqueryClient({ baseUrl: OSS, userKey: 'k', timeoutMs: 200, retries: 3, sleep: async (ms) => void sleeps.push(ms) });
  const answer = (dataNIB: unknown, kode = 200) => ({ responinqueryNIB: { kode, keterangan: '', dataNIB } });

  it('looks up by NIB with user_key and returns the record', async () => {
    const record = ossRecord({ nib: '9120000000001' });
    const scope = nock(OSS, { reqheaders: { user_key: 'k' } })
      .post('/inqueryNIB', { INQUERYNIB: { nib: '9120000000001' } })
      .reply(200, answer(record));
    expect(await client().inquery({ nib: '9120000000001' })).toEqual([record]);
    expect(scope.isDone()).toBe(true);
  });

  it('returns every NIB of an NPWP, and nothing for an unknown one', async () => {
    // Asked as OSS writes an entity's NPWP: 15 digits.
    nock(OSS).post('/inqueryNIB', { INQUERYNIB: { npwp: '012345678901000' } }).reply(200, answer([ossRecord({ nib: '9120000000001' }), ossRecord({ nib: '9120000000002' })]));
    expect(await client().inquery({ npwp: '0012345678901000' })).toHaveLength(2);
    nock(OSS).post('/inqueryNIB').reply(200, answer(null, 404));
    expect(await client().inquery({ nib: '9120000000009' })).toEqual([]);
    nock(OSS).post('/inqueryNIB').reply(404, 'not found');
    expect(await client().inquery({ nib: '9120000000009' })).toEqual([]);
  });

  it('retries 429 after Retry-After, 503 bursts and timeouts, then succeeds', async () => {
    sleeps.length = 0;
    nock(OSS)
      .post('/inqueryNIB').reply(429, 'slow', { 'Retry-After': '2' })
      .post('/inqueryNIB').reply(503, 'busy')
      .post('/inqueryNIB').delay(1000).reply(200, answer(null))
      .post('/inqueryNIB').reply(200, answer(ossRecord({ nib: '9120000000001' })));
    expect(await client().inquery({ nib: '9120000000001' })).toHaveLength(1);
    expect(sleeps[0]).toBe(2000);
    expect(sleeps).toHaveLength(3);
  });

  it('does not repeat OSS\'s explanation of a refusal, which may quote personal data', async () => {
    nock(OSS).post('/inqueryNIB').reply(200, { responinqueryNIB: { kode: 400, keterangan: 'NIK 3523019988776655 milik Zulkarnaen Wibisono tidak valid' } });
    const error = await client().inquery({ nib: '9120000000001' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentHttpError);
    expect((error as Error).message).toBe('OSS inqueryNIB refused the query with kode 400');
  });

  it('hands a Retry-After longer than a call waits back at once, saying so, instead of sleeping through it', async () => {
    sleeps.length = 0;
    const scope = nock(OSS).post('/inqueryNIB').once().reply(503, 'down for maintenance', { 'Retry-After': '100000' });
    const error = await client().inquery({ nib: '9120000000001' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableHttpError);
    expect((error as Error).message).toBe('OSS inqueryNIB answered HTTP 503, asking to retry after 100000 s, longer than a call waits (30 s)');
    expect(sleeps).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('gives up after repeated failures with the reason, and never retries a 401', async () => {
    nock(OSS).post('/inqueryNIB').times(4).reply(503, 'busy');
    await expect(client().inquery({ nib: '9120000000001' })).rejects.toThrow(RetryableHttpError);
    const scope = nock(OSS).post('/inqueryNIB').once().reply(401, 'no');
    const error = await client().inquery({ nib: '9120000000001' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentHttpError);
    expect((error as Error).message).toMatch(/check OSS_USER_KEY/);
    expect(scope.isDone()).toBe(true);
  });
});
