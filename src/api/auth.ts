import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.js';
import type { Role } from '../db/schema.js';
import { getBranch } from '../branches/branchRepository.js';
import { authenticate, type Principal } from './apiKeys.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

export class HttpError extends Error {
  constructor(readonly statusCode: number, message: string, readonly details?: unknown) {
    super(message);
  }
}

function bearerKey(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match ? match[1]! : null;
}

/** The request's key holder, looked up once per request (the rate limiter asks first); null for none or an unknown or revoked key. */
export async function authenticateRequest(db: Db, request: FastifyRequest): Promise<Principal | null> {
  if (request.principal) return request.principal;
  const key = bearerKey(request);
  const principal = key ? await authenticate(db, key) : null;
  if (principal) request.principal = principal;
  return principal;
}

/** Reads `Authorization: Bearer <key>`; 401 for none or an unknown or revoked key. */
export function requireKey(db: Db) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!bearerKey(request)) throw new HttpError(401, 'missing API key: send "Authorization: Bearer <key>"');
    if (!(await authenticateRequest(db, request))) throw new HttpError(401, 'unknown or revoked API key');
  };
}

export function requireRole(...roles: Role[]) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (!request.principal || !roles.includes(request.principal.role)) {
      throw new HttpError(403, `this needs the ${roles.join(' or ')} role`);
    }
  };
}

/**
 * Who made a change, as the audit records it: the key's name and its id, since names are
 * free text and need not be unique (a key made without --name is "unnamed").
 */
export function actorOf(principal: Principal): string {
  return `key:${principal.name}#${principal.keyId}`;
}

/** The branches a request may touch: all for admins (undefined), the key's for officers. */
export function scope(principal: Principal): string[] | undefined {
  return principal.role === 'admin' ? undefined : principal.branches;
}

/** Refuses a branch outside the caller's scope with 403, without naming it (that would tell whose it is). */
export function assertInScope(principal: Principal, branch: string): void {
  const allowed = scope(principal);
  if (allowed && !allowed.includes(branch)) throw new HttpError(403, `this belongs to a branch outside yours (${allowed.join(', ')})`);
}

/**
 * The branches a list asks for with `?branch=`: one in the key's scope (else 403) that the
 * branch table holds (else 400: a misspelt branch would list nothing and look like a
 * branch with nothing to do); without it, the key's whole scope (undefined: every branch).
 */
export async function branchesAskedFor(db: Db, principal: Principal, branch: string | undefined): Promise<string[] | undefined> {
  if (branch === undefined) return scope(principal);
  assertInScope(principal, branch);
  if (!(await getBranch(db, branch))) throw new HttpError(400, 'invalid query', [{ field: 'branch', message: `no such branch: ${branch}` }]);
  return [branch];
}
