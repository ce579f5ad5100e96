import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/patuh.mjs', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `patuh <args>` as a separate process, exactly as a user would. `stdoutFd` sends its
 * stdout to that open file (as a shell's `>` does) instead of collecting it; `closeStdout`
 * closes the reading end at once, as a reader that stopped early does.
 */
export function runCli(args: string[], env: NodeJS.ProcessEnv, options: { timeoutMs?: number; stdoutFd?: number; closeStdout?: boolean } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', options.stdoutFd ?? 'pipe', 'pipe'] });
    // A reader that has gone (`| head`): the command's writes to stdout fail with EPIPE.
    if (options.closeStdout) child.stdout?.destroy();
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export function jsonLines(text: string): Record<string, unknown>[] {
  return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
}
