import { Command, CommanderError, Option } from 'commander';
import { ConfigError } from '../config.js';
import { registerDataCommands } from './dataCommands.js';
import { registerOpsCommands } from './opsCommands.js';
import { RedisUnreachableError } from '../queues/redisReachable.js';
import { DatabaseNotReadyError } from '../db/databaseReady.js';
import { ReaderGone, UsageError } from './output.js';

const program = new Command('patuh')
  .description('Checks OSS business permits against BPJS Ketenagakerjaan enrollment and tells each branch whom to follow up.')
  .showHelpAfterError()
  .exitOverride();

registerDataCommands(program);
registerOpsCommands(program);
program.addOption(new Option('--version').hideHelp()).on('option:version', () => {
  console.log('patuh 0.1.0');
  process.exit(0);
});

try {
  await program.parseAsync(process.argv);
  // Commands close their own resources; nothing should keep the process alive now.
  process.exitCode ??= 0;
} catch (error) {
  if (error instanceof ReaderGone) {
    process.exitCode = 0;
  } else if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof ConfigError || error instanceof UsageError || error instanceof RedisUnreachableError || error instanceof DatabaseNotReadyError) {
    console.error(`patuh: ${error.message}`);
    process.exitCode = 2;
  } else {
    console.error(`patuh: ${(error as Error).message ?? String(error)}`);
    if (process.env.PATUH_DEBUG) console.error(error);
    process.exitCode = 1;
  }
}
