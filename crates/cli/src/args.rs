//! Each command's arguments, read with lexopt: `--option value` and `--option=value`, `--flag`
//! switches, positional arguments (`-` among them, for standard input or output), `--` before
//! positional arguments that begin with a dash, and `-h` or `--help` for the command's help.

use std::ffi::OsString;

use lexopt::Arg;

use crate::Failure;

/// The arguments of one command: the values of its options, and its positional arguments.
pub struct Args {
    options: Vec<(&'static str, String)>,
    flags: Vec<&'static str>,
    pub positional: Vec<String>,
}

impl Args {
    /// Parses the arguments of `command` (as `competency help` names it), accepting only the
    /// options named in `known` (each takes a value).
    pub fn parse(args: &[String], command: &str, known: &[&'static str]) -> Result<Self, Failure> {
        Self::parse_with_flags(args, command, known, &[])
    }

    /// Parses like [`Args::parse`], also accepting the switches named in `switches` (which take
    /// no value).
    pub fn parse_with_flags(
        args: &[String],
        command: &str,
        known: &[&'static str],
        switches: &[&'static str],
    ) -> Result<Self, Failure> {
        let usage = |e: lexopt::Error| Failure::Usage(e.to_string());
        let text = |value: OsString| {
            value
                .into_string()
                .map_err(|_| Failure::Usage("an argument is not valid UTF-8".into()))
        };
        let mut options = Vec::new();
        let mut flags = Vec::new();
        let mut positional = Vec::new();
        let mut parser = lexopt::Parser::from_args(args);
        while let Some(arg) = parser.next().map_err(usage)? {
            match arg {
                Arg::Long("help") | Arg::Short('h') => {
                    return Err(Failure::Help(crate::help(command)));
                }
                Arg::Long(name) => {
                    let name = format!("--{name}");
                    if let Some(&switch) = switches.iter().find(|&&s| s == name) {
                        flags.push(switch);
                    } else if let Some(&option) = known.iter().find(|&&k| k == name) {
                        options.push((option, text(parser.value().map_err(usage)?)?));
                    } else {
                        return Err(Failure::Usage(format!(
                            "unknown option `{name}` (see competency {command} --help)"
                        )));
                    }
                }
                Arg::Short(letter) => {
                    return Err(Failure::Usage(format!(
                        "unknown option `-{letter}` (see competency {command} --help)"
                    )));
                }
                Arg::Value(value) => positional.push(text(value)?),
            }
        }
        Ok(Args {
            options,
            flags,
            positional,
        })
    }

    /// Whether the switch `name` was given.
    pub fn flag(&self, name: &str) -> bool {
        self.flags.contains(&name)
    }

    /// The value of an option, if given (the last one wins).
    pub fn option(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Exactly `N` positional arguments, named in `usage` when they are not.
    pub fn exactly<const N: usize>(&self, usage: &str) -> Result<[&str; N], Failure> {
        let values: Vec<&str> = self.positional.iter().map(String::as_str).collect();
        values
            .try_into()
            .map_err(|_| Failure::Usage(format!("usage: {usage}")))
    }
}
