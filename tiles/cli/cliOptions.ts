// The command-line options of a build CLI (node:util parseArgs, no positionals, -h/--help), or
// the exit code to return: 0 after printing the usage for --help, 2 after a wrong option.
import { parseArgs } from 'node:util';

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;
type OptionValues<O extends OptionSpec> = { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string };

export function parseCliOptions<const O extends OptionSpec>(options: O, usage: string): OptionValues<O> | number {
  let values: OptionValues<O> & { help?: boolean };
  try {
    values = parseArgs({ options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: false }).values as OptionValues<O> & {
      help?: boolean;
    };
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  return values;
}
