//! A small parser for `--option value` options, `--flag` switches and positional arguments.

use crate::Failure;

/// The arguments of one command: the values of its options, and its positional arguments.
pub struct Args {
    options: Vec<(&'static str, String)>,
    flags: Vec<&'static str>,
    pub positional: Vec<String>,
}

impl Args {
    /// Parses `args`, accepting only the options named in `known` (each takes a value).
    pub fn parse(args: &[String], known: &[&'static str]) -> Result<Self, Failure> {
        Self::parse_with_flags(args, known, &[])
    }

    /// Parses `args`, accepting only the options named in `known` (each takes a value) and
    /// the switches named in `switches` (which take none).
    pub fn parse_with_flags(
        args: &[String],
        known: &[&'static str],
        switches: &[&'static str],
    ) -> Result<Self, Failure> {
        let mut options = Vec::new();
        let mut flags = Vec::new();
        let mut positional = Vec::new();
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            if let Some(&name) = switches.iter().find(|&&k| k == arg) {
                flags.push(name);
            } else if let Some(&name) = known.iter().find(|&&k| k == arg) {
                let value = args
                    .next()
                    .ok_or_else(|| Failure::Usage(format!("{name} needs a value")))?;
                options.push((name, value.clone()));
            } else if arg.starts_with("--") {
                return Err(Failure::Usage(format!("unknown option `{arg}`")));
            } else {
                positional.push(arg.clone());
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
