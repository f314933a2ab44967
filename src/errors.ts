/**
 * One error type for everything a user can get wrong. The CLI prints `message` (already in bokmål, with
 * file:line where there is a file) and exits 1; any other exception is an internal error (exit 2).
 */
export class UserError extends Error {
  readonly code: string;
  constructor(message: string, code = 'USER_ERROR') {
    super(message);
    this.name = 'UserError';
    this.code = code;
  }
}

/** A problem found in an input file: file, line (1-based) and optional column. */
export interface Problem {
  file: string;
  line?: number;
  col?: number;
  message: string;
}

export function formatProblem(p: Problem): string {
  const where = p.line === undefined ? p.file : p.col === undefined ? `${p.file}:${p.line}` : `${p.file}:${p.line}:${p.col}`;
  return `${where}: ${p.message}`;
}

/** Many problems at once (a data check, a deck with several mistakes): still a user error. */
export class ProblemsError extends UserError {
  readonly problems: Problem[];
  constructor(problems: Problem[], code = 'INVALID_INPUT') {
    super(problems.map(formatProblem).join('\n'), code);
    this.problems = problems;
  }
}
