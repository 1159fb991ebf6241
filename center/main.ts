import { runCli } from './cli/run';

/** `npm run center -- …` (built to out/center/main.js): the center's CLI; see cli/args.ts for the commands. */
const code = await runCli(process.argv.slice(2));
if (code !== undefined) process.exitCode = code;
