//! The commands: each reads its arguments, calls the domain crate, and returns what to print.

use std::io::Read;

use competency_core::framework::wire;
use competency_core::{Framework, LocalizedText, bundled, case};

use crate::Failure;
use crate::args::Args;

/// Reads a file, or standard input for `-`.
fn read_input(path: &str) -> Result<String, Failure> {
    let mut text = String::new();
    let result = if path == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|t| text = t)
    };
    result.map_err(|e| Failure::Usage(format!("cannot read {path}: {e}")))?;
    Ok(text)
}

fn load(path: &str) -> Result<Framework, Failure> {
    Framework::from_json(&read_input(path)?)
        .map_err(|e| Failure::Invalid(format!("{path} is not a valid framework:\n{e}\n")))
}

pub fn summary(args: &[String]) -> Result<String, Failure> {
    let args = Args::parse(args, &["--lang"])?;
    let framework = match args.positional.as_slice() {
        [] => bundled::framework()
            .map_err(|e| Failure::Invalid(format!("the bundled framework is not valid:\n{e}\n")))?,
        [path] => load(path)?,
        _ => {
            return Err(Failure::Usage(
                "usage: competency summary [--lang LANG] [FILE]".into(),
            ));
        }
    };
    let language = args.option("--lang").unwrap_or(&framework.default_language);
    Ok(render_summary(&framework, language))
}

fn render_summary(framework: &Framework, language: &str) -> String {
    let fallback = framework.default_language.as_str();
    let text = |t: &LocalizedText| {
        t.resolve(language, fallback)
            .map_or_else(String::new, |r| r.text.to_owned())
    };
    let mut out = format!(
        "{} ({} {}, languages: {})\n",
        text(&framework.title),
        framework.id,
        framework.version,
        framework.languages.join(", ")
    );
    let levels: Vec<String> = framework.levels.iter().map(|l| text(&l.label)).collect();
    out += &format!("Levels: {}\n", levels.join(", "));
    for (group, members) in framework.groups_with_competencies() {
        out += &format!("\n{} ({})\n", text(&group.name), members.len());
        for competency in members {
            out += &format!("  - {}\n", text(&competency.name));
        }
    }
    if !framework.positions.is_empty() {
        out += "\nPositions:\n";
        for position in &framework.positions {
            out += &format!(
                "  - {} ({} requirements)\n",
                text(&position.title),
                position.requirements.len()
            );
        }
    }
    out += &format!(
        "\n{} groups, {} competencies, {} positions\n",
        framework.groups.len(),
        framework.competencies.len(),
        framework.positions.len()
    );
    out
}

pub fn validate(args: &[String]) -> Result<String, Failure> {
    let args = Args::parse(args, &[])?;
    let [path] = args.exactly("competency validate FILE")?;
    let framework = load(path)?;
    Ok(format!(
        "{path}: valid framework `{}` version {} ({} levels, {} groups, {} competencies, {} positions)\n",
        framework.id,
        framework.version,
        framework.levels.len(),
        framework.groups.len(),
        framework.competencies.len(),
        framework.positions.len()
    ))
}

/// A framework file format.
#[derive(Clone, Copy, PartialEq)]
enum Format {
    Native,
    Case,
}

fn format(args: &Args, option: &str) -> Result<Format, Failure> {
    match args.option(option) {
        Some("native") => Ok(Format::Native),
        Some("case") => Ok(Format::Case),
        Some(other) => Err(Failure::Usage(format!(
            "{option} must be `native` or `case`, not `{other}`"
        ))),
        None => Err(Failure::Usage(format!("{option} is required"))),
    }
}

pub fn convert(args: &[String]) -> Result<String, Failure> {
    const USAGE: &str =
        "competency convert --from native|case --to native|case [--lang LANG] IN OUT";
    let args = Args::parse(args, &["--from", "--to", "--lang"])?;
    let (from, to) = (format(&args, "--from")?, format(&args, "--to")?);
    let [input, output] = args.exactly(USAGE)?;
    let json = read_input(input)?;

    let mut notes = Vec::new();
    let framework = match from {
        Format::Native => load(input)?,
        Format::Case => {
            let import = case::import(&json)
                .map_err(|e| Failure::Invalid(format!("{input} cannot be imported: {e}\n")))?;
            notes.extend(import.losses.iter().map(ToString::to_string));
            import.framework
        }
    };
    let written = match to {
        Format::Native => framework.to_json(),
        Format::Case => {
            let language = args.option("--lang").unwrap_or(&framework.default_language);
            let now = now_rfc3339();
            let options = case::ExportOptions {
                language,
                last_change: &now,
            };
            let export = case::export(&framework, &options)
                .map_err(|e| Failure::Invalid(format!("cannot export to CASE: {e}\n")))?;
            notes.extend(export.losses.iter().map(ToString::to_string));
            let mut json =
                serde_json::to_string_pretty(&export.package).expect("a package serialises");
            json.push('\n');
            json
        }
    };

    // What the conversion could not carry goes to standard error, so that it is seen even when
    // the result goes to standard output.
    for note in &notes {
        eprintln!("not carried over: {note}");
    }
    if output == "-" {
        return Ok(written);
    }
    std::fs::write(output, written)
        .map_err(|e| Failure::Usage(format!("cannot write {output}: {e}")))?;
    Ok(format!("{input} -> {output}\n"))
}

/// The current time as an RFC 3339 UTC timestamp, to the second.
fn now_rfc3339() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    rfc3339(seconds)
}

/// `seconds` since the Unix epoch as `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian calendar).
fn rfc3339(seconds: u64) -> String {
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    // Days to civil date, after Howard Hinnant's `civil_from_days`.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3_600,
        rest % 3_600 / 60,
        rest % 60
    )
}

pub fn schema(args: &[String]) -> Result<String, Failure> {
    Args::parse(args, &[])?.exactly::<0>("competency schema")?;
    let schema = serde_json::to_string_pretty(&wire::json_schema()).expect("a schema serialises");
    Ok(format!("{schema}\n"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn rfc3339_dates() {
        for (seconds, expected) in [
            (0, "1970-01-01T00:00:00Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),
            (1_795_000_000, "2026-11-18T11:06:40Z"),
            (4_107_542_399, "2100-02-28T23:59:59Z"),
        ] {
            assert_eq!(super::rfc3339(seconds), expected);
        }
    }
}
