// What a command gives back to `main`: the text to print (or write to `--output`) and the exit code.

export interface CommandOutput {
  text: string;
  exitCode: number;
  /** The `--output` file the text goes to, or null for standard output. */
  outputFile: string | null;
}
