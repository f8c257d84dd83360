//! The commands: each reads its arguments, calls the domain crate, and returns what to print.

use std::io::Read;

use competency_core::campaign::{self, Campaign};
use competency_core::framework::limits::MAX_DOCUMENT_BYTES;
use competency_core::framework::wire;
use competency_core::problems::Refused;
use competency_core::proof::{self, Expectations, native};
use competency_core::report::{self, Options, ReportDocument, SetAsideReason, Source};
use competency_core::result::{self, FrameworkReference, ResultDocument, check_verified};
use competency_core::{Framework, LocalizedText, bundled, case};

use crate::Failure;
use crate::args::Args;
use crate::printable::{self, printable};

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ReadError {
    /// Larger than the limit, in bytes.
    #[error("larger than the {0} bytes accepted")]
    TooLarge(usize),
    #[error("not UTF-8 text")]
    NotUtf8,
    #[error("cannot be read: {0}")]
    Io(std::io::Error),
}

/// The bytes of a file, or of standard input for `-`, refusing a file larger than `limit`
/// bytes before reading it, and anything (standard input, a pipe, a growing file) as soon as
/// one byte too many has come.
pub(crate) fn read_bytes_limited(path: &str, limit: usize) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .take(limit as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(ReadError::Io)?;
    } else {
        let file = std::fs::File::open(path).map_err(ReadError::Io)?;
        if file.metadata().map_err(ReadError::Io)?.len() > limit as u64 {
            return Err(ReadError::TooLarge(limit));
        }
        file.take(limit as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(ReadError::Io)?;
    }
    if bytes.len() > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(bytes)
}

/// [`read_bytes_limited`] as UTF-8 text.
pub(crate) fn read_limited(path: &str, limit: usize) -> Result<String, ReadError> {
    String::from_utf8(read_bytes_limited(path, limit)?).map_err(|_| ReadError::NotUtf8)
}

/// [`read_limited`] for a command that stops at the first file it cannot read.
pub(crate) fn read_input(path: &str, limit: usize) -> Result<String, Failure> {
    read_limited(path, limit).map_err(|e| match e {
        ReadError::Io(e) => Failure::Usage(format!("cannot read {}: {e}", printable(path))),
        other => Failure::Invalid(format!("{}: {other}\n", printable(path))),
    })
}

pub(crate) fn load(path: &str) -> Result<Framework, Failure> {
    Framework::from_json(&read_input(path, MAX_DOCUMENT_BYTES)?).map_err(|e| {
        Failure::Invalid(format!(
            "{} is not a valid framework:\n{}",
            printable(path),
            problem_lines(&e)
        ))
    })
}

/// Every problem of a refused document on a line of its own, its text made printable.
pub(crate) fn problem_lines<K: std::fmt::Display>(error: &Refused<K>) -> String {
    let mut out = String::new();
    for problem in &error.problems {
        out += &printable(&problem.to_string());
        out.push('\n');
    }
    if error.truncated {
        out += "(more problems were found and left out)\n";
    }
    out
}

pub fn summary(args: &[String]) -> Result<String, Failure> {
    let args = Args::parse(args, "summary", &["--lang"])?;
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
            .map_or_else(String::new, |r| printable(r.text))
    };
    let mut out = format!(
        "{} ({} {}, languages: {})\n",
        text(&framework.title),
        printable(&framework.id),
        printable(&framework.version),
        printable(&framework.languages.join(", "))
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
    let args = Args::parse(args, "validate", &[])?;
    let [path] = args.exactly("competency validate FILE")?;
    let framework = load(path)?;
    Ok(format!(
        "{}: valid {}\n",
        printable(path),
        described(&framework)
    ))
}

/// "framework `id` version v (4 levels, 4 groups, 25 competencies, 9 positions)".
pub(crate) fn described(framework: &Framework) -> String {
    format!(
        "framework `{}` version {} ({} levels, {} groups, {} competencies, {} positions)",
        printable(&framework.id),
        printable(&framework.version),
        framework.levels.len(),
        framework.groups.len(),
        framework.competencies.len(),
        framework.positions.len()
    )
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
    const USAGE: &str = "competency convert --from native|case --to native|case [--lang LANG] \
                         [--scale bundled|FILE] IN OUT";
    let args = Args::parse(args, "convert", &["--from", "--to", "--lang", "--scale"])?;
    let (from, to) = (format(&args, "--from")?, format(&args, "--to")?);
    let [input, output] = args.exactly(USAGE)?;
    // The scale to assume for a CASE package without a rubric.
    let scale = match args.option("--scale") {
        None => None,
        Some(_) if from != Format::Case => {
            return Err(Failure::Usage("--scale goes with --from case".into()));
        }
        Some("bundled") => Some(case::Scale::bundled().map_err(|e| {
            Failure::Invalid(format!(
                "the bundled framework is not valid:\n{}",
                problem_lines(&e)
            ))
        })?),
        Some(file) => Some(case::Scale::of(&load(file)?)),
    };
    let json = read_input(input, MAX_DOCUMENT_BYTES)?;

    let mut notes = Vec::new();
    let framework = match from {
        Format::Native => Framework::from_json(&json).map_err(|e| {
            Failure::Invalid(format!(
                "{} is not a valid framework:\n{}",
                printable(input),
                problem_lines(&e)
            ))
        })?,
        Format::Case => {
            let import = case::import_with(&json, &case::ImportOptions { scale }).map_err(|e| {
                Failure::Invalid(format!(
                    "{} cannot be imported: {}\n",
                    printable(input),
                    printable(&e.to_string())
                ))
            })?;
            notes.extend(import.losses.iter().map(|loss| match loss {
                case::Loss::AssumedScale { .. } | case::Loss::ScaleNotUsed { .. } => {
                    format!("assumed: {loss}")
                }
                other => format!("not carried over: {other}"),
            }));
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
            let export = case::export(&framework, &options).map_err(|e| {
                Failure::Invalid(format!(
                    "cannot export to CASE: {}\n",
                    printable(&e.to_string())
                ))
            })?;
            notes.extend(
                export
                    .losses
                    .iter()
                    .map(|loss| format!("not carried over: {loss}")),
            );
            let mut json =
                serde_json::to_string_pretty(&export.package).expect("a package serialises");
            json.push('\n');
            json
        }
    };

    // What the conversion could not carry goes to standard error, so that it is seen even when
    // the result goes to standard output.
    for note in &notes {
        eprintln!("{}", printable(note));
    }
    if output == "-" {
        return Ok(printable::json(&written));
    }
    std::fs::write(output, written)
        .map_err(|e| Failure::Usage(format!("cannot write {}: {e}", printable(output))))?;
    Ok(format!("{} -> {}\n", printable(input), printable(output)))
}

/// The current time as an RFC 3339 UTC timestamp, to the second.
pub(crate) fn now_rfc3339() -> String {
    competency_core::time::rfc3339(now_millis() as u64)
}

/// This computer's clock, in milliseconds since the Unix epoch.
pub(crate) fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

pub fn schema(args: &[String]) -> Result<String, Failure> {
    let args = Args::parse(args, "schema", &[])?;
    let schema = match args.positional.as_slice() {
        [] => wire::json_schema(),
        [which] if which == "framework" => wire::json_schema(),
        [which] if which == "result" => competency_core::result::json_schema(),
        [which] if which == "config" => competency_core::config::json_schema(),
        [which] if which == "campaign" => competency_core::campaign::wire::json_schema(),
        [which] if which == "serve" => crate::serve::json_schema(),
        _ => {
            return Err(Failure::Usage(
                "usage: competency schema [framework|result|config|campaign|serve]".into(),
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
    let args = Args::parse_with_flags(args, "verify", &["--framework"], &["--json"])?;
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
            printable::json(&serde_json::to_string_pretty(&list).expect("verdicts serialise"))
        )
    } else {
        verdicts
            .iter()
            .map(|v| match &v.outcome {
                Ok(result) => format!(
                    "{}: valid: assessment of {} ({}), completed {}, signed by {}, fingerprint {}\n",
                    printable(&v.file),
                    printable(&result.subject.name),
                    printable(&result.rater.role),
                    printable(&result.completed_at),
                    v.key.as_deref().unwrap_or_default(),
                    v.fingerprint.as_deref().unwrap_or_default()
                ),
                Err(reason) => format!("{}: INVALID: {}\n", printable(&v.file), printable(reason)),
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
pub(crate) struct Checked {
    pub(crate) result: ResultDocument,
    /// The signed document as read.
    pub(crate) value: serde_json::Value,
    /// The fingerprint of the key that signed.
    pub(crate) key: String,
}

/// Why a result file is not acceptable, and the fingerprint of the key that signed it when
/// the proof held.
pub(crate) struct Rejected {
    pub(crate) reason: String,
    pub(crate) key: Option<String>,
}

/// What `verify` checks of one file, and `aggregate` of every file before it counts: read,
/// parse, the eddsa-jcs-2022 proof, then [`check_verified`] (against `framework` when given).
fn check_file(file: &str, framework: Option<&FrameworkReference>) -> Result<Checked, Rejected> {
    let text = read_limited(file, result::MAX_RESULT_BYTES).map_err(|e| Rejected {
        reason: e.to_string(),
        key: None,
    })?;
    check_text(&text, framework)
}

/// [`check_file`] of a result's text (an upload's body, say).
pub(crate) fn check_text(
    text: &str,
    framework: Option<&FrameworkReference>,
) -> Result<Checked, Rejected> {
    let rejected = |reason, key| Rejected { reason, key };
    let value = result::parse(text).map_err(|e| {
        let at = e.path();
        let reason = if at == "$" {
            format!("not a result: {e}")
        } else {
            format!("not a result: {at}: {e}")
        };
        rejected(reason, None)
    })?;
    let expectations = Expectations {
        now: Some(now_millis()),
        ..Expectations::default()
    };
    let verified =
        native::verify(&value, &expectations).map_err(|e| rejected(e.to_string(), None))?;
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
        "aggregate",
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
                printable(&set_aside.source),
                printable(&set_aside_reason(
                    &set_aside.reason,
                    &expected,
                    campaign.as_ref(),
                    subject.as_deref()
                ))
            );
            match set_aside.reason {
                // Said, but not a fault (see below).
                SetAsideReason::OtherSubject { .. } => eprint!("{line}"),
                _ => diagnostics += &line,
            }
        }
        let language = args.option("--lang").unwrap_or(&framework.default_language);
        printable::csv(&report::to_csv(&report, &framework, language))
    } else {
        printable::json(&ReportDocument::new(&report).to_json())
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
    let campaign = Campaign::from_json(&read_input(path, campaign::MAX_CAMPAIGN_BYTES)?)
        .and_then(|c| c.check_framework(framework, expected).map(|()| c))
        .map_err(|e| {
            Failure::Invalid(format!(
                "{} is not a valid campaign:\n{}",
                printable(path),
                problem_lines(&e)
            ))
        })?;
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
            Err(rejected) => {
                diagnostics += &format!(
                    "{}: INVALID: {}\n",
                    printable(file),
                    printable(&rejected.reason)
                );
            }
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
        SetAsideReason::KeysConflict => "another result names the same rater (portal id and role) \
            but was signed with another key: without a campaign nothing says which is theirs, \
            so none counts"
            .into(),
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
