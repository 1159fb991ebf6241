import { USAGE, UsageError, parseCli } from './args';
import { addCommand, listCommand, revokeCommand, setCommand, type CliOutput } from './credentialCommands';
import { serveCommand } from './serveCommand';
import { describeStartupFailure } from '../../platform/startupFailure';

const CONSOLE_OUTPUT: CliOutput = { out: (line) => console.log(line), err: (line) => console.error(line) };

/**
 * Runs one CLI command. Resolves with the exit code for commands that finish, or
 * undefined when the server is running (it exits on SIGTERM/SIGINT itself). Usage
 * problems: the usage text and 2. Failures: one line naming the cause and 1.
 */
export async function runCli(argv: readonly string[], io: CliOutput = CONSOLE_OUTPUT): Promise<number | undefined> {
  try {
    const command = parseCli(argv);
    switch (command.command) {
      case 'help':
        io.err(USAGE);
        return 2;
      case 'serve':
        await serveCommand(command.flags, io);
        return undefined;
      case 'add':
        return await addCommand(command.role, command.name, command.id, command.access, command.common, io);
      case 'set':
        return await setCommand(command.role, command.id, command.access, command.common, io);
      case 'list':
        return await listCommand(command.role, command.common, io);
      case 'revoke':
        return await revokeCommand(command.role, command.id, command.common, io);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    const { line, known } = describeStartupFailure(error);
    io.err(line);
    if (!known && process.env.MCV_LOG === 'debug') console.error(error);
    return 1;
  }
}
