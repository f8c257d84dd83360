//! The commands: each reads its arguments, calls the domain crate, and returns what to print.

use std::io::Read;

use competency_core::campaign::Campaign;
use competency_core::framework::wire;
use competency_core::proof::{self, Expectations, native};
use competency_core::report::{self, Options, ReportDocument, SetAsideReason, Source};
use competency_core::result::{FrameworkReference, ResultDocument, check_verified};
use competency_core::{Framework, LocalizedText, bundled, case};

use crate::Failure;
use crate::args::Args;

/// Reads a file, or standard input for `-`.
pub(crate) fn read_input(path: &str) -> Result<String, Failure> {
    let mut text = String::new();
    let result = if path == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|t| text = t)
    };
    result.map_err(|e| Failure::Usage(format!("cannot read {path}: {e}")))?;
    Ok(text)
}

pub(crate) fn load(path: &str) -> Result<Framework, Failure> {
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
pub(crate) fn now_rfc3339() -> String {
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
        [which] if which == "config" => competency_core::config::json_schema(),
        [which] if which == "campaign" => competency_core::campaign::wire::json_schema(),
        _ => {
            return Err(Failure::Usage(
                "usage: competency schema [framework|result|config|campaign]".into(),
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
    let args = Args::parse_with_flags(args, &["--framework"], &["--json"])?;
    let json = args.flag("--json");
    if args.positional.is_empty() {
        return Err(Failure::Usage(USAGE.into()));
    }
    let framework = match args.option("--framework") {
        Some(path) => Some(native::framework_reference(&load(path)?)),
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
    match check_file(file, framework) {
        Ok(checked) => Verdict {
            file: file.to_owned(),
            fingerprint: proof::canonicalize(&checked.value)
                .ok()
                .map(|bytes| proof::fingerprint(&native::sha256(&bytes))),
            outcome: Ok(checked.result),
            key: Some(checked.key),
        },
        Err(rejected) => Verdict {
            file: file.to_owned(),
            outcome: Err(rejected.reason),
            key: rejected.key,
            fingerprint: None,
        },
    }
}

/// A result file that passed every check.
struct Checked {
    result: ResultDocument,
    /// The signed document as read.
    value: serde_json::Value,
    /// The fingerprint of the key that signed.
    key: String,
}

/// Why a result file is not acceptable, and the fingerprint of the key that signed it when
/// the proof held.
struct Rejected {
    reason: String,
    key: Option<String>,
}

/// What `verify` checks of one file, and `aggregate` of every file before it counts: read,
/// parse, the eddsa-jcs-2022 proof, then [`check_verified`] (against `framework` when given).
fn check_file(file: &str, framework: Option<&FrameworkReference>) -> Result<Checked, Rejected> {
    let rejected = |reason, key| Rejected { reason, key };
    let text = match read_input(file) {
        Ok(text) => text,
        Err(Failure::Usage(e) | Failure::Invalid(e)) => return Err(rejected(e, None)),
    };
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| rejected(format!("not JSON: {e}"), None))?;
    let verified = native::verify(&value, &Expectations::default())
        .map_err(|e| rejected(e.to_string(), None))?;
    let key = proof::fingerprint(&verified.public_key);
    match check_verified(&value, &verified.verification_method, framework) {
        Ok(result) => Ok(Checked { result, value, key }),
        Err(e) => Err(rejected(e.to_string(), Some(key))),
    }
}

/// Brings verified results together into 360 reports, with or without a campaign.
pub fn aggregate(args: &[String]) -> Result<String, Failure> {
    const USAGE: &str = "usage: competency aggregate [--campaign FILE] [--framework FILE] \
                         [--min-raters N] [--subject ID_OR_NAME] [--format json|csv] \
                         [--lang LANG] [--show-unbound-groups] RESULT...";
    let args = Args::parse_with_flags(
        args,
        &[
            "--campaign",
            "--framework",
            "--min-raters",
            "--subject",
            "--format",
            "--lang",
        ],
        &["--show-unbound-groups"],
    )?;
    if args.positional.is_empty() {
        return Err(Failure::Usage(USAGE.into()));
    }
    let min_raters = match args.option("--min-raters") {
        None => report::DEFAULT_MIN_RATERS,
        Some(text) => match text.parse::<usize>() {
            Ok(n) if n >= 1 => n,
            _ => {
                return Err(Failure::Usage(format!(
                    "--min-raters must be a whole number of at least 1, not `{text}`"
                )));
            }
        },
    };
    let csv = match args.option("--format") {
        None | Some("json") => false,
        Some("csv") => true,
        Some(other) => {
            return Err(Failure::Usage(format!(
                "--format must be `json` or `csv`, not `{other}`"
            )));
        }
    };
    let subject = match args.option("--subject") {
        Some(s) if s.trim().is_empty() => {
            return Err(Failure::Usage(
                "--subject needs a person's HR id or name".into(),
            ));
        }
        s => s.map(str::to_owned),
    };
    let framework = framework_option(&args)?;
    let expected = native::framework_reference(&framework);
    let campaign = match args.option("--campaign") {
        Some(path) => Some(load_campaign(path, &framework, &expected)?),
        None => None,
    };
    if campaign.is_some() && args.flag("--show-unbound-groups") {
        return Err(Failure::Usage(
            "--show-unbound-groups is for results without a campaign: with --campaign, only invited answers count".into(),
        ));
    }
    let (sources, mut diagnostics) = verified_sources(&args.positional, &expected);
    let options = Options {
        min_raters,
        subject: subject.clone(),
        show_unbound_groups: args.flag("--show-unbound-groups"),
    };
    let report = report::aggregate(&framework, &expected, campaign.as_ref(), sources, &options);
    if campaign.is_none() {
        eprintln!(
            "note: no --campaign: nothing binds a rater's stated role or id to their key, so \
             anyone could have signed as a peer. {}",
            if options.show_unbound_groups {
                "Peers, direct reports and others are shown as --show-unbound-groups asks."
            } else {
                "Peers, direct reports and others are left out (--show-unbound-groups shows them)."
            }
        );
    }

    let output = if csv {
        // CSV has no room for what was set aside: it goes to standard error.
        for set_aside in &report.set_aside {
            let line = format!(
                "{}: set aside: {}\n",
                set_aside.source,
                set_aside_reason(
                    &set_aside.reason,
                    &expected,
                    campaign.as_ref(),
                    subject.as_deref()
                )
            );
            match set_aside.reason {
                // Said, but not a fault (see below).
                SetAsideReason::OtherSubject { .. } => eprint!("{line}"),
                _ => diagnostics += &line,
            }
        }
        let language = args.option("--lang").unwrap_or(&framework.default_language);
        report::to_csv(&report, &framework, language)
    } else {
        ReportDocument::new(&report).to_json()
    };
    // Leaving out other people is what --subject asks for, not a fault.
    let faults = report
        .set_aside
        .iter()
        .filter(|s| !matches!(s.reason, SetAsideReason::OtherSubject { .. }))
        .count();
    if diagnostics.is_empty() && faults == 0 {
        Ok(output)
    } else {
        // The report of what could be counted is printed whatever the status.
        print!("{output}");
        Err(Failure::Invalid(diagnostics))
    }
}

/// The framework `--framework` names, else the bundled one.
pub(crate) fn framework_option(args: &Args) -> Result<Framework, Failure> {
    match args.option("--framework") {
        Some(path) => load(path),
        None => bundled::framework()
            .map_err(|e| Failure::Invalid(format!("the bundled framework is not valid:\n{e}\n"))),
    }
}

/// Reads a campaign file and checks it against the framework the results are read with.
pub(crate) fn load_campaign(
    path: &str,
    framework: &Framework,
    expected: &FrameworkReference,
) -> Result<Campaign, Failure> {
    let campaign = Campaign::from_json(&read_input(path)?)
        .and_then(|c| c.check_framework(framework, expected).map(|()| c))
        .map_err(|e| Failure::Invalid(format!("{path} is not a valid campaign:\n{e}\n")))?;
    Ok(campaign)
}

/// Verifies every file as `verify --framework` does: the valid ones as sources (their
/// invitation token hashed), the others named with their reason.
pub(crate) fn verified_sources(
    files: &[String],
    expected: &FrameworkReference,
) -> (Vec<Source>, String) {
    let mut diagnostics = String::new();
    let mut sources = Vec::new();
    for file in files {
        match check_file(file, Some(expected)) {
            Ok(checked) => sources.push(Source::new(file.clone(), checked.result, native::sha256)),
            Err(rejected) => diagnostics += &format!("{file}: INVALID: {}\n", rejected.reason),
        }
    }
    (sources, diagnostics)
}

/// Why a result was set aside, in words.
pub(crate) fn set_aside_reason(
    reason: &SetAsideReason,
    expected: &FrameworkReference,
    campaign: Option<&Campaign>,
    subject: Option<&str>,
) -> String {
    let campaign_id = campaign.map_or("", |c| c.id.as_str());
    match reason {
        SetAsideReason::OtherFramework { id, version } => format!(
            "made against framework {id} {version}, not {} {} (sha256 {})",
            expected.id, expected.version, expected.sha256
        ),
        SetAsideReason::OtherSubject { name } => {
            format!("about {name}, not {}", subject.unwrap_or_default())
        }
        SetAsideReason::NotInFramework { what } => {
            format!("names `{what}`, which the framework does not have")
        }
        SetAsideReason::BadDate => "its completedAt is not an RFC 3339 date and time".into(),
        SetAsideReason::Superseded { by } => {
            format!("superseded by {by}, the latest result from the same rater")
        }
        SetAsideReason::Repeated { of } => format!("the same result as {of}"),
        SetAsideReason::NotInvited => {
            format!("answers no invitation: only invited answers count in campaign {campaign_id}")
        }
        SetAsideReason::OtherCampaign { id } => {
            format!("answers an invitation of campaign {id}, not {campaign_id}")
        }
        SetAsideReason::UnknownInvitation => {
            format!("its token matches no invitation of campaign {campaign_id}")
        }
        SetAsideReason::InvitationMismatch { invitation, field } => {
            format!("states another {field} than its invitation {invitation}")
        }
        SetAsideReason::AfterClosing { invitation, closes } => {
            format!("completed after its invitation {invitation} closed ({closes})")
        }
        SetAsideReason::Conflict { invitation } => format!(
            "the token of invitation {invitation} was used by more than one key: none of \
             its results counts until HR settles it"
        ),
    }
}
