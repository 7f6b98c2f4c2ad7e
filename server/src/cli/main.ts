// `precedent`: the consistency checks and precedent search for reviewers and CI, on the same core as the
// language server (SPEC §5). Exit status: 0 clean, 1 warnings or errors found, 2 bad usage or unreadable input.

import { writeFileSync } from 'node:fs';
import type { CommandOutput } from './commandOutput';
import { runCommand } from './run';
import { InputError, parseCommandLine, UsageError, USAGE } from './usage';

async function main(argv: readonly string[]): Promise<number> {
  let output: CommandOutput;
  try {
    const command = parseCommandLine(argv);
    output = await runCommand(command, process.cwd(), (message) => process.stderr.write(`precedent: ${message}\n`));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`precedent: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof InputError) {
      process.stderr.write(`precedent: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (output.outputFile) {
    try {
      writeFileSync(output.outputFile, output.text);
    } catch (error) {
      process.stderr.write(`precedent: cannot write ${output.outputFile}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
  } else {
    process.stdout.write(output.text);
  }
  return output.exitCode;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`precedent: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
