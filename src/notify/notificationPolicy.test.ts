import { describe, expect, it } from 'vitest';
import { receiverDecision } from './digestRepository.js';
import { flushDelay } from './notifyQueue.js';

const now = new Date('2026-11-21T10:00:00Z');
const hour = 3_600_000;

describe('receiverDecision (the notification log)', () => {
  it('tells a receiver that never heard anything about every open finding, or nothing', () => {
    expect(receiverDecision([1, 2], null, now, hour)).toEqual({ send: true, reason: 'new', newIds: [1, 2], goneIds: [] });
    expect(receiverDecision([], null, now, hour)).toEqual({ send: false, forget: [] });
  });

  it('sends nothing when nothing changed and no reminder is due', () => {
    expect(receiverDecision([1, 2], { firing: [2, 1], lastSentAt: new Date(now.getTime() - hour + 1) }, now, hour).send).toBe(false);
  });

  it('reports new and ended findings as a change', () => {
    expect(receiverDecision([1, 3], { firing: [1, 2], lastSentAt: now }, now, hour)).toEqual({ send: true, reason: 'changed', newIds: [3], goneIds: [2] });
    expect(receiverDecision([1], { firing: [1, 2], lastSentAt: now }, now, hour)).toEqual({ send: true, reason: 'changed', newIds: [], goneIds: [2] });
  });

  it('reminds after repeat_interval, only while something is open', () => {
    const old = { firing: [1], lastSentAt: new Date(now.getTime() - hour) };
    expect(receiverDecision([1], old, now, hour)).toEqual({ send: true, reason: 'reminder', newIds: [], goneIds: [] });
    expect(receiverDecision([], { firing: [], lastSentAt: new Date(0) }, now, hour).send).toBe(false);
  });
});

describe('flushDelay (group_wait, group_interval)', () => {
  it('waits group_wait before a branch\'s first flush', () => {
    expect(flushDelay(1000, null, 30_000, 300_000)).toBe(30_000);
  });

  it('keeps later flushes group_interval apart, and never negative', () => {
    expect(flushDelay(100_000, 40_000, 30_000, 300_000)).toBe(240_000);
    expect(flushDelay(900_000, 40_000, 30_000, 300_000)).toBe(0);
  });
});
