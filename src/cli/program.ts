import { Command, CommanderError } from 'commander';
import { UserError } from '../errors';
import { CliIO, EXIT_INTERNAL, EXIT_OK, EXIT_USER, processIO } from './io';
import { CommandEntry, COMMANDS } from './commands';

import { useDerivedCache } from '../util/derived-cache';

/**
 * The caches a CLI process keeps beside the bundle (parsed decks, parsed data and population), or none
 * (undefined): off for tests, the library and batch workers, which read their inputs every time.
 */
export function useCaches(dir: string | undefined): void {
  useDerivedCache(dir);
}

/**
 * The CLI is thin: parse arguments, call the library, print, set the exit code.
 * Each command lives in ./commands/<name>.ts and registers itself on the program.
 */
export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  let exitCode = EXIT_OK;
  const setExit = (code: number) => {
    exitCode = Math.max(exitCode, code);
  };
  // the command named first alone when there is one (its module is all that is loaded); help, a mistyped command
  // or no command at all get every command, as does a name whose module registers it under another name
  const named = COMMANDS.filter((c) => c.name === argv[0]);
  let program = makeProgram(named.length ? named : COMMANDS, io, setExit);
  if (named.length && !program.commands.some((c) => c.name() === argv[0])) program = makeProgram(COMMANDS, io, setExit);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT_OK;
      return EXIT_USER;
    }
    if (e instanceof UserError) {
      io.err(`Feil: ${e.message}`);
      return EXIT_USER;
    }
    io.err(`Intern feil (dette er en feil i kommunedeck, ikke i dine data): ${(e as Error).stack ?? String(e)}`);
    return EXIT_INTERNAL;
  }
}

function makeProgram(commands: readonly CommandEntry[], io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('kommunedeck')
    .description('Lager PowerPoint-presentasjoner om kommuneøkonomi fra KOSTRA-data, inntektssystemet og Kommunekompass.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: (s) => io.err(s.replace(/\n$/, '')) })
    .showHelpAfterError('(bruk --help for hjelp)');
  for (const c of commands) c.load()(program, io, setExit);
  return program;
}
