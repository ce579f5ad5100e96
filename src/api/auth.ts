import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.js';
import type { Role } from '../db/schema.js';
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

/** Reads `Authorization: Bearer <key>`; 401 for none or an unknown or revoked key. */
export function requireKey(db: Db) {
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new HttpError(401, 'missing API key: send "Authorization: Bearer <key>"');
    const principal = await authenticate(db, match[1]!);
    if (!principal) throw new HttpError(401, 'unknown or revoked API key');
    request.principal = principal;
  };
}

export function requireRole(...roles: Role[]) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (!request.principal || !roles.includes(request.principal.role)) {
      throw new HttpError(403, `this needs the ${roles.join(' or ')} role`);
    }
  };
}

/** The branches a request may touch: all for admins (undefined), the key's for officers. */
export function scope(principal: Principal): string[] | undefined {
  return principal.role === 'admin' ? undefined : principal.branches;
}

/** Refuses a branch outside the caller's scope with 403. */
export function assertInScope(principal: Principal, branch: string): void {
  const allowed = scope(principal);
  if (allowed && !allowed.includes(branch)) throw new HttpError(403, `branch ${branch} is outside your branches (${allowed.join(', ')})`);
}
