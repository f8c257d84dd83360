//! `competency`: the command-line companion for HR, built on the same domain crate as the app.

use std::process::ExitCode;

mod args;
mod campaign;
mod commands;
mod printable;
mod serve;
mod sheet;
mod slips;

const USAGE: &str = "\
Usage: competency <command> [options]

Options take their value as `--lang en` or `--lang=en`; `--` ends the options, so that the
arguments after it are files even when they begin with a dash.

Commands:
  summary [--lang LANG] [FILE]   Summarise a framework: its title, groups and competencies.
                                 Without FILE, the framework bundled with the app.
  validate FILE                  Check a framework; print every problem with its JSON path.
  convert --from FORMAT --to FORMAT [--lang LANG] [--scale bundled|FILE] IN OUT
                                 Convert a framework between `native` (this app's format) and
                                 `case` (1EdTech CASE CFPackage JSON). `-` reads standard input
                                 or writes standard output. --lang picks the language written
                                 to CASE (default: the framework's default language). --scale,
                                 with --from case: the proficiency scale to assume when the
                                 package has no rubric: `bundled` (awareness, trained,
                                 advanced, expert) or the levels of a native framework FILE;
                                 each competency then has its statement as its indicator at
                                 every level. A package with a rubric keeps its own levels.
  framework export --to xlsx FRAMEWORK OUT.xlsx
                                 Write a framework (FILE, or `bundled` for the one bundled
                                 with the app) as a workbook to edit in a spreadsheet: a sheet
                                 per part (Cadre, Niveaux, Groupes, Compétences, Indicateurs,
                                 Ressources, Postes, Exigences), a column per language for
                                 every text (nom_fr, nom_en, ...), drop-down lists for every
                                 reference, and instructions in French and English.
  framework import IN OUT        Read a workbook (XLSX or ODS) laid out as `framework
                                 export` writes it into a framework, checked as `validate`
                                 checks one. Every problem is printed with its sheet, row and
                                 column; then nothing is written. `-` as OUT writes standard
                                 output.
  verify [--framework FILE] [--json] RESULT...
                                 Check signed results: their eddsa-jcs-2022 proof, their
                                 format, and with --framework that they were made against
                                 exactly that framework. One verdict per file.
  campaign new PLAN.csv --base-url URL [--framework FILE] [--id ID] [--title TITLE]
               [--min-raters N] [--closes DAY] [--lang fr|en] [--upload URL] [--out DIR]
                                 Plan a 360 campaign from HR's spreadsheet (CSV: subject_id,
                                 subject_name, position, rater_name, rater_id, role; French
                                 headers too). Writes DIR/campaign.json (no secret), and each
                                 invitation's link to the widget at URL as
                                 DIR/invitations.csv and as printable slips with QR codes,
                                 DIR/invitations.html. With --upload, the links send each
                                 result there (`competency serve`'s /results). Every bad line
                                 is reported, with its number; then nothing is written.
  campaign status CAMPAIGN [--framework FILE] [--format text|csv] [--lang LANG] RESULT...
                                 Per person and role, how many invitations were answered
                                 and who has not answered yet. Results that do not count are
                                 named on standard error with the reason. CSV is written for
                                 LANG's spreadsheets (French: `;` and decimal commas).
  aggregate [--campaign FILE] [--framework FILE] [--min-raters N] [--subject ID_OR_NAME]
            [--format json|csv] [--lang LANG] [--show-unbound-groups] RESULT...
                                 Verify results as `verify --framework` does (default: the
                                 bundled framework) and bring the valid ones together, one
                                 360-degree report per person, as JSON (default) or CSV
                                 (competency names in LANG, written for LANG's spreadsheets:
                                 French `;` and decimal commas, with a byte order mark). Invalid files are named on
                                 standard error and left out. With --campaign, only results
                                 answering one of its invitations count, one per invitation.
                                 Peers, direct reports and others are shown only as groups of
                                 at least N raters (default 3, or the campaign's); without a
                                 campaign nothing binds a rater to their stated role, so they
                                 are shown only with --show-unbound-groups, and the report
                                 says so. --subject keeps one person (HR id); the others'
                                 results are set aside, as are earlier results from the same
                                 rater. What is set aside is listed in the JSON, or on
                                 standard error with CSV.
  serve --config FILE            Run the results intake service: raters' widgets POST signed
                                 results to /results; each is verified and checked as
                                 `aggregate --campaign` would, kept once in an SQLite file, and
                                 answered only once stored. HR reads /hr/completion,
                                 /hr/reports and /hr/results with the secret of the
                                 configuration (`competency schema serve`). Stops cleanly on
                                 Ctrl-C or SIGTERM.
  schema [framework|result|config|campaign|serve]
                                 Print the JSON Schema of frameworks (default), results, the
                                 widget's embedding configuration, campaigns or the intake
                                 service's configuration.
  help [COMMAND]                 Show this message, or one command's (also COMMAND --help).

Exit status: 0 on success, 1 when a framework or a result is invalid, a conversion fails or
aggregate set a result aside for another reason than --subject (aggregate still prints its
report), 2 on a usage error.";

/// How a command failed.
pub enum Failure {
    /// The input was read but is not acceptable (an invalid framework, say).
    Invalid(String),
    /// The command was called wrongly, or a file could not be read or written.
    Usage(String),
    /// Not a failure: the command's help was asked for (`-h`, `--help`). Printed on standard
    /// output; the command does nothing else.
    Help(String),
}

/// The help of `command` (`convert`, `campaign new`; `campaign` for both of its commands):
/// its entries in [`USAGE`], and the exit statuses. The whole of [`USAGE`] when no entry
/// starts with it.
pub fn help(command: &str) -> String {
    // The usage line, the paragraph on options, the commands, the exit statuses.
    let (head, rest) = USAGE.split_once("\n\nCommands:\n").unwrap_or((USAGE, ""));
    let options = head.split_once("\n\n").map_or("", |(_, options)| options);
    let commands = rest.split_once("\n\nExit status").map_or("", |(c, _)| c);
    // An entry starts on a line indented by exactly two spaces.
    let mut entries: Vec<String> = Vec::new();
    for line in commands.lines() {
        let starts = line.starts_with("  ") && !line.starts_with("   ");
        match entries.last_mut() {
            Some(entry) if !starts => {
                entry.push('\n');
                entry.push_str(line);
            }
            _ => entries.push(line.to_owned()),
        }
    }
    let wanted = format!("  {command}");
    let found: Vec<&String> = entries
        .iter()
        .filter(|entry| {
            entry
                .strip_prefix(&wanted)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\n']))
        })
        .collect();
    if found.is_empty() {
        return format!("{USAGE}\n");
    }
    let status = USAGE.split_once("\n\nExit status").map_or("", |(_, s)| s);
    let entries: Vec<&str> = found.iter().map(|entry| entry.as_str()).collect();
    format!(
        "Usage: competency <command> [options]\n\n{options}\n\n{}\n\nExit status{status}\n",
        entries.join("\n")
    )
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(output) => {
            print!("{output}");
            ExitCode::SUCCESS
        }
        Err(Failure::Invalid(message)) => {
            eprint!("{message}");
            ExitCode::from(1)
        }
        Err(Failure::Usage(message)) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
        Err(Failure::Help(text)) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
    }
}

fn run(args: &[String]) -> Result<String, Failure> {
    let Some((command, rest)) = args.split_first() else {
        return Err(Failure::Usage(USAGE.to_owned()));
    };
    match command.as_str() {
        "summary" => commands::summary(rest),
        "validate" => commands::validate(rest),
        "convert" => commands::convert(rest),
        "schema" => commands::schema(rest),
        "verify" => commands::verify(rest),
        "aggregate" => commands::aggregate(rest),
        "campaign" => campaign::run(rest),
        "framework" => sheet::run(rest),
        "serve" => serve::run(rest),
        "help" | "--help" | "-h" => Ok(match rest {
            [] => format!("{USAGE}\n"),
            command => help(&command.join(" ")),
        }),
        other => Err(Failure::Usage(format!(
            "unknown command `{other}`\n\n{USAGE}"
        ))),
    }
}
