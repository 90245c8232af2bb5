/*
 * cli.h - the subcommands of gazette, one file each under src/cli/.
 *
 * src/cli/ owns the command line: options, usage text and exit codes of
 * each command. A command parses its arguments, calls down into src/run/
 * (run, check, extract), src/sinks/ (migrate, status), src/dates/,
 * src/ner/ or src/names/ (eval, train), and prints the result; nothing
 * below it prints to stdout or exits.
 *
 * Each takes the arguments after its own name (argv[0] is the command name)
 * and returns a sysexits.h exit code; only main() exits.
 */
#ifndef GZ_CLI_H
#define GZ_CLI_H

int gz_cmd_run(int argc, char **argv);
int gz_cmd_check(int argc, char **argv);
int gz_cmd_migrate(int argc, char **argv);
int gz_cmd_extract(int argc, char **argv);
int gz_cmd_status(int argc, char **argv);
int gz_cmd_eval(int argc, char **argv);
int gz_cmd_train(int argc, char **argv);

/* `gazette eval ner|dates|names ...` (argv[0] is "ner", "dates" or "names"). */
int gz_eval_ner(int argc, char **argv);
int gz_eval_dates(int argc, char **argv);
int gz_eval_names(int argc, char **argv);

/* `gazette train clusters ...` (argv[1] is "clusters"). */
int gz_train_clusters(int argc, char **argv);

/* True when argv holds -h/--help; prints usage to stdout. */
int gz_wants_help(int argc, char **argv, const char *usage);

/* "see gazette CMD --help" on stderr; returns EX_USAGE. */
int gz_cli_usage_error(const char *cmd);

/* "gazette CMD: message" on stderr, or under --log-format json a JSON
 * line event=usage_error with command, message and a help hint. */
void gz_cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* An error that stops a command before it ran (a bad pipeline file, a bad
 * GAZETTE_LOG): "gazette: message" on stderr, or a JSON line
 * event=config_error (EX_CONFIG) or event=error with code and message.
 * Returns err->code, EX_CONFIG when it has none. */
struct gz_error;
int gz_cli_fail(const struct gz_error *err);

/* What getopt_long's ':' (a value missing) or '?' (an unknown option)
 * means, named in one line on stderr; returns EX_USAGE. Pass getopt's
 * optopt and optind. */
int gz_cli_bad_option(const char *cmd, int c, int optopt_, char **argv, int optind_);

/* s as a whole number in [lo, hi] for option opt of command cmd: 0, or -1
 * after a one-line error naming both. */
int gz_cli_number(const char *cmd, const char *opt, const char *s, long lo, long hi, long *out);

#endif
