import type { z } from 'zod';

/** Formats zod issues as "field.path: message" for operators, at most five of them. */
export function describeIssues(error: z.ZodError, prefix = ''): string {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  if (error.issues.length > 5) parts.push(`and ${error.issues.length - 5} more`);
  return parts.join('; ');
}
