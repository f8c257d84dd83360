//! `competency campaign new` and `competency campaign status`: planning a 360 campaign from
//! HR's spreadsheet, and following who has answered.

use std::path::{Path, PathBuf};

use competency_core::campaign::{self, Campaign, plan};
use competency_core::proof::native;
use competency_core::report::{self, Options};
use competency_core::time::Moment;

use crate::Failure;
use crate::args::Args;
use crate::commands::{
    ReadError, framework_option, load_campaign, read_bytes_limited, set_aside_reason,
    verified_sources,
};
use crate::printable::{self, printable};
use crate::slips;

/// The files `campaign new` writes, in its output folder.
const CAMPAIGN_FILE: &str = "campaign.json";
const LINKS_FILE: &str = "invitations.csv";
const SLIPS_FILE: &str = "invitations.html";

pub fn run(args: &[String]) -> Result<String, Failure> {
    match args.split_first() {
        Some((command, rest)) if command == "new" => new(rest),
        Some((command, rest)) if command == "status" => status(rest),
        Some((help, _)) if help == "--help" || help == "-h" => {
            Err(Failure::Help(crate::help("campaign")))
        }
        _ => Err(Failure::Usage(
            "usage: competency campaign new|status … (see competency help)".into(),
        )),
    }
}

fn new(args: &[String]) -> Result<String, Failure> {
    const USAGE: &str = "usage: competency campaign new PLAN.csv --base-url URL [--framework FILE] \
                         [--id ID] [--title TITLE] [--min-raters N] [--closes DATE] \
                         [--lang fr|en] [--upload URL] [--out DIR]";
    let args = Args::parse(
        args,
        "campaign new",
        &[
            "--base-url",
            "--framework",
            "--id",
            "--title",
            "--min-raters",
            "--closes",
            "--lang",
            "--upload",
            "--out",
        ],
    )?;
    let [plan_path] = args.exactly(USAGE)?;
    let base_url = args
        .option("--base-url")
        .ok_or_else(|| Failure::Usage(format!("--base-url is required\n{USAGE}")))?;
    if !campaign::is_base_url(base_url) {
        return Err(Failure::Usage(format!(
            "--base-url must be the widget's absolute http:// or https:// address, without a \
             fragment, not `{base_url}`"
        )));
    }
    // Where the widget sends each result: the intake service's `/results`, say.
    let upload = args.option("--upload");
    if let Some(url) = upload
        && !campaign::is_base_url(url)
    {
        return Err(Failure::Usage(format!(
            "--upload must be an absolute http:// or https:// address, without a fragment, \
             not `{}`",
            printable(url)
        )));
    }
    let language = args.option("--lang").unwrap_or("fr");
    if !["fr", "en"].contains(&language) {
        return Err(Failure::Usage(format!(
            "--lang must be `fr` or `en`, not `{language}`"
        )));
    }
    // At least two: the slips promise raters that their answers are never shown alone.
    let min_raters = match args.option("--min-raters") {
        None => report::DEFAULT_MIN_RATERS,
        Some(text) => match text.parse::<usize>() {
            Ok(n) if (2..=50).contains(&n) => n,
            _ => {
                return Err(Failure::Usage(format!(
                    "--min-raters must be a whole number from 2 to 50 (the slips promise \
                     raters they are never shown alone), not `{text}`"
                )));
            }
        },
    };
    let closes = match args.option("--closes") {
        None => None,
        Some(text) => Some(closing(text).ok_or_else(|| {
            Failure::Usage(format!(
                "--closes must be a day (2027-01-31, meaning its end in UTC) or an RFC 3339 \
                 date and time, not `{text}`"
            ))
        })?),
    };
    let id = match args.option("--id") {
        Some(id) if campaign::is_id(id) => id.to_owned(),
        Some(id) => {
            return Err(Failure::Usage(format!(
                "--id must be 1 to 100 ASCII letters, digits, `.`, `_` and `-`, not `{id}`"
            )));
        }
        None => {
            let day = &crate::commands::now_rfc3339()[..10];
            let mut bytes = [0; 3];
            random(&mut bytes)?;
            format!("360-{day}-{}", competency_core::proof::hex(&bytes))
        }
    };
    let title = args.option("--title").unwrap_or(&id).to_owned();
    if title.trim().is_empty() || title.chars().count() > campaign::MAX_TITLE_CHARS {
        return Err(Failure::Usage(format!(
            "--title must be 1 to {} characters",
            campaign::MAX_TITLE_CHARS
        )));
    }
    let out = PathBuf::from(args.option("--out").unwrap_or("."));
    let targets = [CAMPAIGN_FILE, LINKS_FILE, SLIPS_FILE].map(|name| out.join(name));
    // A campaign whose links were handed out must never be replaced by another.
    if let Some(existing) = targets.iter().find(|t| t.exists()) {
        return Err(Failure::Usage(format!(
            "{} exists: choose another --out folder (a campaign whose links were handed out \
             must not be replaced)",
            existing.display()
        )));
    }

    let framework = framework_option(&args)?;
    let bytes = read_bytes(plan_path)?;
    let rows = plan::read(&bytes, &framework).map_err(|e| {
        let mut lines = format!("{} cannot be planned:\n", printable(plan_path));
        for problem in &e.problems {
            lines += &printable(&problem.to_string());
            lines.push('\n');
        }
        if e.truncated {
            lines += "(more problems were found and left out)\n";
        }
        Failure::Invalid(lines)
    })?;
    let mut failure = None;
    let planned = plan::campaign(
        &rows,
        plan::Settings {
            id,
            title,
            framework: native::framework_reference(&framework),
            min_raters,
            closes,
        },
        || {
            let mut bytes = [0; campaign::TOKEN_BYTES];
            if let Err(e) = random(&mut bytes) {
                failure = Some(e);
            }
            campaign::token_from_bytes(&bytes)
        },
        native::sha256,
    );
    if let Some(failure) = failure {
        return Err(failure);
    }
    let campaign = &planned.campaign;
    let subjects = campaign.subject_index();
    let links: Vec<String> = campaign
        .invitations
        .iter()
        .zip(&planned.tokens)
        .map(|(invitation, token)| {
            let subject = subjects.get(invitation.subject.as_str()).copied();
            campaign::invitation_link(
                base_url,
                language,
                &campaign.id,
                subject,
                invitation,
                token,
                upload,
            )
        })
        .collect();
    // Never hand out links to a campaign that its own reader would refuse.
    let json = campaign.to_json();
    if let Err(e) = Campaign::from_json(&json) {
        return Err(Failure::Invalid(format!(
            "{} makes a campaign that cannot be read back ({}): split it into smaller \
             campaigns\n",
            printable(plan_path),
            printable(&e.to_string())
        )));
    }
    let slips = slips::page(campaign, &framework, &links, language)?;
    let files = [
        (&targets[0], json),
        (&targets[1], links_csv(campaign, &links, language)),
        (&targets[2], slips),
    ];
    write_all(&out, &files)?;
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    Ok(format!(
        "planned campaign {} ({}, {}):\n  \
         {}  the campaign: no token, keep it with the results\n  \
         {}  each invitation's link: secret, hand each to its rater only\n  \
         {}  one slip per rater with a QR code, to print\n",
        campaign.id,
        count(campaign.subjects.len(), "person", "people"),
        count(campaign.invitations.len(), "invitation", "invitations"),
        targets[0].display(),
        targets[1].display(),
        targets[2].display(),
    ))
}

/// `--closes`: a day means its last second in UTC; else an RFC 3339 date and time.
fn closing(text: &str) -> Option<Moment> {
    if text.len() == 10 {
        return Moment::parse(&format!("{text}T23:59:59Z"));
    }
    Moment::parse(text)
}

/// Fills `bytes` from the operating system's random source.
fn random(bytes: &mut [u8]) -> Result<(), Failure> {
    getrandom::fill(bytes)
        .map_err(|e| Failure::Usage(format!("no random source to make tokens with: {e}")))
}

fn read_bytes(path: &str) -> Result<Vec<u8>, Failure> {
    read_bytes_limited(path, plan::MAX_PLAN_BYTES).map_err(|e| match e {
        ReadError::Io(e) => Failure::Usage(format!("cannot read {}: {e}", printable(path))),
        other => Failure::Invalid(format!(
            "{} cannot be planned:\nline 1: {other}\n",
            printable(path)
        )),
    })
}

/// The invitations' links for HR to hand out (a mail merge, say): UTF-8 with a byte order
/// mark, separated as the language's spreadsheets expect (`;` in French).
fn links_csv(campaign: &Campaign, links: &[String], language: &str) -> String {
    let separator = if language == "fr" { ';' } else { ',' };
    let line = |cells: &[String]| report::csv_line(cells, separator);
    let mut out = String::from('\u{feff}');
    out += &line(
        &[
            "invitation",
            "subject_id",
            "subject_name",
            "role",
            "rater_name",
            "rater_id",
            "closes",
            "link",
        ]
        .map(str::to_owned),
    );
    let subjects = campaign.subject_index();
    for (invitation, link) in campaign.invitations.iter().zip(links) {
        let subject = subjects.get(invitation.subject.as_str());
        out += &line(&[
            invitation.id.clone(),
            invitation.subject.clone(),
            subject.map_or_else(String::new, |s| s.name.clone()),
            invitation.role.id().to_owned(),
            invitation.rater_name.clone().unwrap_or_default(),
            invitation.rater_id.clone().unwrap_or_default(),
            invitation
                .closes
                .as_ref()
                .map_or_else(String::new, |c| c.text.clone()),
            link.clone(),
        ]);
    }
    out
}

/// Writes every file under a temporary name first, then gives each its name: a failure
/// half-way leaves no campaign without its links.
fn write_all(out: &Path, files: &[(&PathBuf, String)]) -> Result<(), Failure> {
    std::fs::create_dir_all(out)
        .map_err(|e| Failure::Usage(format!("cannot create {}: {e}", out.display())))?;
    let temporary = |path: &Path| {
        let mut name = path.file_name().unwrap_or_default().to_owned();
        name.push(".partial");
        path.with_file_name(name)
    };
    for (path, text) in files {
        std::fs::write(temporary(path), text)
            .map_err(|e| Failure::Usage(format!("cannot write {}: {e}", path.display())))?;
    }
    for (path, _) in files {
        std::fs::rename(temporary(path), path)
            .map_err(|e| Failure::Usage(format!("cannot write {}: {e}", path.display())))?;
    }
    Ok(())
}

fn status(args: &[String]) -> Result<String, Failure> {
    const USAGE: &str = "usage: competency campaign status CAMPAIGN [--framework FILE] \
                         [--format text|csv] [--lang LANG] [RESULT...]";
    let args = Args::parse(
        args,
        "campaign status",
        &["--framework", "--format", "--lang"],
    )?;
    let Some((campaign_path, results)) = args.positional.split_first() else {
        return Err(Failure::Usage(USAGE.into()));
    };
    let csv = match args.option("--format") {
        None | Some("text") => false,
        Some("csv") => true,
        Some(other) => {
            return Err(Failure::Usage(format!(
                "--format must be `text` or `csv`, not `{other}`"
            )));
        }
    };
    let framework = framework_option(&args)?;
    let expected = native::framework_reference(&framework);
    let campaign = load_campaign(campaign_path, &framework, &expected)?;
    let (sources, diagnostics) = verified_sources(results, &expected);
    let report = report::aggregate(
        &framework,
        &expected,
        Some(&campaign),
        sources,
        &Options::default(),
    );
    // Results that do not count are HR's to chase: each with its reason, on standard error.
    eprint!("{diagnostics}");
    for set_aside in &report.set_aside {
        eprintln!(
            "{}: set aside: {}",
            printable(&set_aside.source),
            printable(&set_aside_reason(
                &set_aside.reason,
                &expected,
                Some(&campaign),
                None
            ))
        );
    }
    let rows = campaign.completion(&report.invitations);
    if csv {
        let language = args.option("--lang").unwrap_or(&framework.default_language);
        return Ok(printable::csv(&campaign::completion_csv(&rows, language)));
    }
    let (invited, answered) = rows
        .iter()
        .fold((0, 0), |(i, a), r| (i + r.invited, a + r.answered));
    let mut out = format!(
        "{} ({}): {answered} of {invited} invitations answered\n",
        printable(&campaign.title),
        printable(&campaign.id)
    );
    let mut last = "";
    for row in &rows {
        if row.subject != last {
            out += &format!("\n{} ({})\n", printable(&row.name), printable(&row.subject));
            last = &row.subject;
        }
        out += &format!(
            "  {:<14}{}/{} answered",
            row.role.id(),
            row.answered,
            row.invited
        );
        if !row.pending.is_empty() {
            out += &format!("; pending: {}", printable(&row.pending.join(", ")));
        }
        if !row.conflicts.is_empty() {
            out += &format!(
                "; token used by two keys (issue a new invitation): {}",
                printable(&row.conflicts.join(", "))
            );
        }
        out.push('\n');
    }
    Ok(out)
}
