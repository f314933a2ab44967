/** Side effects of the CLI behind a small interface, so tests can capture output (Observable Framework habit). */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** true when stdout is an interactive terminal (progress bars), false in CI and pipes */
  isTTY: boolean;
}

export const processIO: CliIO = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  isTTY: Boolean(process.stdout.isTTY) && !process.env.CI,
};

/** Exit codes: 0 ok, 1 the user's input is wrong, 2 internal error. */
export const EXIT_OK = 0;
export const EXIT_USER = 1;
export const EXIT_INTERNAL = 2;
