import { readFile } from 'node:fs/promises';
import { branchFileSchema, type BranchFile } from '../../schemas/branches.js';
import { describeIssues } from '../shared/zodIssues.js';

/** Reads and validates the branch table file; errors name the file and the field. */
export async function readBranchFile(path: string): Promise<BranchFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`BRANCHES_FILE ${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`BRANCHES_FILE ${path}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = branchFileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`BRANCHES_FILE ${path}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}
