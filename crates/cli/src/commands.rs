//! The commands: each reads its arguments, calls the domain crate, and returns what to print.

use std::io::Read;

use competency_core::framework::wire;
use competency_core::proof::{self, Expectations, native};
use competency_core::result::{
    FrameworkReference, ResultDocument, check_verified, framework_canonical_json,
};
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
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    competency_core::time::rfc3339(millis)
}

pub fn schema(args: &[String]) -> Result<String, Failure> {
    let args = Args::parse(args, &[])?;
    let schema = match args.positional.as_slice() {
        [] => wire::json_schema(),
        [which] if which == "framework" => wire::json_schema(),
        [which] if which == "result" => competency_core::result::json_schema(),
        _ => {
            return Err(Failure::Usage(
                "usage: competency schema [framework|result]".into(),
            ));
        }
    };
    let schema = serde_json::to_string_pretty(&schema).expect("a schema serialises");
    Ok(format!("{schema}\n"))
}

/// One file's verdict.
struct Verdict {
    file: String,
    outcome: Result<ResultDocument, String>,
    /// Fingerprints of the key that signed and of the result (as the app shows them).
    key: Option<String>,
    fingerprint: Option<String>,
}

pub fn verify(args: &[String]) -> Result<String, Failure> {
    const USAGE: &str = "usage: competency verify [--framework FILE] [--json] RESULT...";
    let json = args.iter().any(|a| a == "--json");
    let rest: Vec<String> = args.iter().filter(|a| *a != "--json").cloned().collect();
    let args = Args::parse(&rest, &["--framework"])?;
    if args.positional.is_empty() {
        return Err(Failure::Usage(USAGE.into()));
    }
    let framework = match args.option("--framework") {
        Some(path) => {
            let framework = load(path)?;
            Some(FrameworkReference {
                id: framework.id.clone(),
                version: framework.version.clone(),
                sha256: hex(&native::sha256(&framework_canonical_json(&framework))),
            })
        }
        None => None,
    };
    let verdicts: Vec<Verdict> = args
        .positional
        .iter()
        .map(|file| verify_file(file, framework.as_ref()))
        .collect();

    let output = if json {
        let list: Vec<serde_json::Value> = verdicts
            .iter()
            .map(|v| match &v.outcome {
                Ok(result) => serde_json::json!({
                    "file": v.file,
                    "valid": true,
                    "id": result.id,
                    "subject": result.subject.name,
                    "role": result.rater.role,
                    "completedAt": result.completed_at,
                    "key": v.key,
                    "fingerprint": v.fingerprint,
                }),
                Err(reason) => {
                    serde_json::json!({ "file": v.file, "valid": false, "reason": reason })
                }
            })
            .collect();
        format!(
            "{}\n",
            serde_json::to_string_pretty(&list).expect("verdicts serialise")
        )
    } else {
        verdicts
            .iter()
            .map(|v| match &v.outcome {
                Ok(result) => format!(
                    "{}: valid: assessment of {} ({}), completed {}, signed by {}, fingerprint {}\n",
                    v.file,
                    result.subject.name,
                    result.rater.role,
                    result.completed_at,
                    v.key.as_deref().unwrap_or_default(),
                    v.fingerprint.as_deref().unwrap_or_default()
                ),
                Err(reason) => format!("{}: INVALID: {reason}\n", v.file),
            })
            .collect()
    };
    if verdicts.iter().all(|v| v.outcome.is_ok()) {
        Ok(output)
    } else if json {
        // Machines read the verdicts on standard output whatever the status.
        print!("{output}");
        Err(Failure::Invalid(String::new()))
    } else {
        Err(Failure::Invalid(output))
    }
}

fn verify_file(file: &str, framework: Option<&FrameworkReference>) -> Verdict {
    let verdict = |outcome, key| Verdict {
        file: file.to_owned(),
        outcome,
        key,
        fingerprint: None,
    };
    let text = match read_input(file) {
        Ok(text) => text,
        Err(Failure::Usage(e) | Failure::Invalid(e)) => return verdict(Err(e), None),
    };
    let value: serde_json::Value = match serde_json::from_str(&text) {
        Ok(value) => value,
        Err(e) => return verdict(Err(format!("not JSON: {e}")), None),
    };
    let verified = match native::verify(&value, &Expectations::default()) {
        Ok(verified) => verified,
        Err(e) => return verdict(Err(e.to_string()), None),
    };
    let key = Some(proof::fingerprint(&verified.public_key));
    match check_verified(&value, &verified.verification_method, framework) {
        Ok(result) => Verdict {
            fingerprint: proof::canonicalize(&value)
                .ok()
                .map(|bytes| proof::fingerprint(&native::sha256(&bytes))),
            ..verdict(Ok(result), key)
        },
        Err(e) => verdict(Err(e.to_string()), key),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
