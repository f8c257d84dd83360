use crate::prelude::*;
use competency_core::assessment::Role;
use competency_core::campaign::{self, CampaignProblemKind, Completion};
use competency_core::proof::ProofError;
use competency_core::report::{self, Report, ReportDocument, SetAsideReason};
use competency_core::result::{CheckError, FrameworkReference};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::components::table;
use crate::dom::{self, Attr, El};
use crate::i18n::*;
use crate::labels;
use crate::session::Session;
use competency_core::model::checking::{self, Reason, Verdict};
use competency_core::model::results::{self, CampaignFile, Results};

use crate::crypto::WebCrypto;

/// "Check results": pick or drop signed result files, and the campaign file they answer, see
/// for each result whether it is valid and, if not, why; then the 360 report on each person
/// from the valid ones (only invited answers count when a campaign is given), the campaign's
/// completion, to export (CSV, JSON) or print. Nothing leaves the browser.
pub fn check_results() -> El {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    // HR's session: the files checked, the campaign, the reports (the app model's).
    let results = RwSignal::new(Results::new(
        session.framework(),
        session.min_raters.get_value(),
    ));
    let check_files = move |files: web_sys::FileList| {
        let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
        crate::web::spawn_local(async move {
            let framework = session.framework();
            let reference = checking::reference(&WebCrypto, &framework).await;
            if let Ok(reference) = &reference {
                results.update(|r| r.set_expected(reference.clone()));
            }
            for file in files {
                let text = JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|t| t.as_string());
                let now = js_sys::Date::now() as i64;
                let name = file.name();
                let read = results::check_file(
                    &WebCrypto,
                    &framework,
                    &reference,
                    &name,
                    text.as_deref(),
                    now,
                )
                .await;
                results.update(|r| r.add(&name, read));
            }
        });
    };
    let on_pick = move |ev: web_sys::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(files) = input.files() {
            check_files(files);
        }
        input.set_value("");
    };
    let on_drop = move |ev: web_sys::Event| {
        ev.prevent_default();
        if let Some(files) = ev
            .dyn_ref::<web_sys::DragEvent>()
            .and_then(|d| d.data_transfer())
            .and_then(|d| d.files())
        {
            check_files(files);
        }
    };

    let report = Derived::new(move || results.with(Results::report));

    let reports = move || {
        let locale = i18n.get_locale();
        report.with(|r| {
            r.as_ref()
                .map(|(r, completion)| reports_view(session, r, completion.as_deref(), locale))
        })
    };

    let campaign_view = move || {
        let locale = i18n.get_locale();
        results.with(|r| r.campaign().map(|c| campaign_notice(c, locale)))
    };

    // The verdicts follow the files checked; the rest is drawn again only in another
    // language (the file input keeps the focus).
    let verdicts = move || {
        let locale = i18n.get_locale();
        let rows = results
            .with(|r| r.checked().to_vec())
            .into_iter()
            .map(|(name, verdict)| {
                let (valid, text) = match &verdict {
                    Verdict::Valid {
                        result,
                        key_fingerprint,
                        ..
                    } => (
                        true,
                        td_string!(
                            locale,
                            check_valid,
                            subject = result.subject.name.clone(),
                            role = labels::role(
                                locale,
                                Role::from_id(&result.rater.role).unwrap_or(Role::Other)
                            ),
                            date = result.completed_at.get(..10).unwrap_or_default().to_owned(),
                            key = key_fingerprint.clone()
                        )
                        .to_string(),
                    ),
                    Verdict::Invalid(reason) => (false, reason_text(locale, reason)),
                };
                El::new("li")
                    .class(if valid { "valid" } else { "invalid" })
                    .child(
                        El::new("strong")
                            .text(if valid { "✓ " } else { "✗ " })
                            .text(name),
                    )
                    .text(" — ")
                    .child(El::new("span").text(if valid {
                        td_string!(locale, check_valid_label)
                    } else {
                        td_string!(locale, check_invalid_label)
                    }))
                    .text(" ")
                    .text(text)
            });
        El::group().children(rows)
    };
    dom::keyed(
        move || i18n.get_locale(),
        move |locale| {
            let zone = El::new("div")
                .class("drop-zone")
                .on("dragover", |ev| ev.prevent_default())
                .on("drop", on_drop)
                .child(
                    El::new("label")
                        .attr(Attr::For, "result-files")
                        .text(td_string!(locale, check_pick)),
                )
                .child(
                    El::new("input")
                        .attr(Attr::Id, "result-files")
                        .attr(Attr::Type, "file")
                        .attr(Attr::Multiple, "")
                        .attr(Attr::Accept, "application/json,.json")
                        .on("change", on_pick),
                )
                .child(
                    El::new("p")
                        .class("muted")
                        .text(td_string!(locale, check_drop)),
                );
            let section = El::section(
                "check",
                "h1",
                "check-heading",
                td_string!(locale, check_heading),
            )
            .child(El::new("p").text(td_string!(locale, check_intro)))
            .child(zone)
            .child(dom::dynamic(campaign_view))
            .child(
                El::new("ul")
                    .class("verdicts")
                    .attr(Attr::AriaLive, "polite")
                    .child(dom::dynamic(verdicts)),
            );
            El::group()
                .child(section)
                .child(dom::dynamic(reports))
                .child(super::live_completion::section(locale))
        },
    )
}

/// The campaign the results are counted against, or why its file cannot be used (drawn
/// again whole when the file or the language changes).
fn campaign_notice(file: &CampaignFile, locale: Locale) -> El {
    match file {
        CampaignFile::Loaded { name, campaign } => El::new("div")
            .class("notice campaign-loaded")
            .attr(Attr::Role, "status")
            .child(
                El::new("p")
                    .child(El::new("strong").text(name.clone()))
                    .text(" — ")
                    .text(
                        td_string!(
                            locale,
                            check_campaign_loaded,
                            title = campaign.title.clone(),
                            count = campaign.invitations.len()
                        )
                        .to_string(),
                    ),
            ),
        CampaignFile::Refused { name, error } => {
            let problems = error.problems.iter().map(|p| {
                El::new("li")
                    .child(El::new("code").text(p.path.clone()))
                    .text(" ")
                    .text(campaign_problem_text(locale, &p.kind))
            });
            El::new("div")
                .class("notice notice-error campaign-refused")
                .attr(Attr::Role, "alert")
                .child(
                    El::new("p")
                        .child(El::new("strong").text(name.clone()))
                        .text(" — ")
                        .text(td_string!(locale, check_campaign_refused)),
                )
                .child(El::new("ul").children(problems))
        }
    }
}

/// Every person's report, with the campaign's completion, the exports and what was set aside.
fn reports_view(
    session: Session,
    report: &Report,
    completion: Option<&[Completion]>,
    locale: Locale,
) -> El {
    let framework = session.framework();
    let json = ReportDocument::new(report).to_json();
    let csv = report::to_csv(report, &framework, locale.as_str());
    let set_aside = report.set_aside.iter().map(|s| {
        El::new("li")
            .child(El::new("strong").text(s.source.clone()))
            .text(" — ")
            .text(set_aside_text(locale, &s.reason))
    });
    let set_aside = (!report.set_aside.is_empty()).then(|| {
        El::new("div")
            .class("notice no-print set-aside")
            .child(El::new("p").text(td_string!(locale, report_set_aside)))
            .child(El::new("ul").children(set_aside))
    });
    let subjects = report.subjects.iter().map(|s| {
        super::report_view::subject_report_view(
            &framework,
            s,
            &report.binding,
            report.min_raters,
            locale,
        )
    });
    let button = |class, label| El::button("button", class, label);
    El::section(
        "reports",
        "h1",
        "reports-heading",
        td_string!(locale, report_heading),
    )
    .child(super::report_view::binding_notice(&report.binding, locale))
    .child(El::new("p").text(td_string!(locale, report_intro, min = report.min_raters).to_string()))
    .child(
        El::new("p")
            .class("actions no-print")
            .child(
                button("secondary", td_string!(locale, report_export_csv)).on_click(move || {
                    crate::files::download("rapport-360.csv", &csv, "text/csv");
                }),
            )
            .child(
                button("secondary", td_string!(locale, report_export_json)).on_click(move || {
                    crate::files::download("rapport-360.json", &json, "application/json");
                }),
            )
            .child(
                button("primary", td_string!(locale, report_print)).on_click(|| {
                    let _ = window().print();
                }),
            ),
    )
    .children(completion.map(|rows| completion_view(rows, locale)))
    .children(set_aside)
    .children(subjects)
}

/// The campaign's completion per person and role, naming who has not answered: for HR, so it
/// is never printed with the reports a person may be shown.
fn completion_view(rows: &[Completion], locale: Locale) -> El {
    El::section(
        "completion no-print",
        "h2",
        "completion-heading",
        td_string!(locale, completion_heading),
    )
    .child(El::new("p").text(td_string!(locale, completion_intro)))
    .child(completion_table(rows, locale))
}

/// The completion table and its export: from the files HR checked, or read live from the
/// intake service ([`super::live_completion`]).
pub fn completion_table(rows: &[Completion], locale: Locale) -> El {
    let csv = campaign::completion_csv(rows, locale.as_str());
    let cell = |label: &'static str, text: String| table::cell(locale, label).text(text);
    let body = rows.iter().map(|row| {
        let mut waiting = row.pending.join(", ");
        if !row.conflicts.is_empty() {
            if !waiting.is_empty() {
                waiting.push_str(" · ");
            }
            waiting.push_str(
                &td_string!(
                    locale,
                    completion_conflicts,
                    names = row.conflicts.join(", ")
                )
                .to_string(),
            );
        }
        El::new("tr")
            .child(
                El::new("th")
                    .attr(Attr::Scope, "row")
                    .text(format!("{} ({})", row.name, row.subject)),
            )
            .child(cell(
                td_string!(locale, completion_role),
                labels::role_group(locale, row.role).to_owned(),
            ))
            .child(cell(
                td_string!(locale, completion_answered_heading),
                td_string!(
                    locale,
                    completion_answered,
                    answered = row.answered,
                    invited = row.invited
                )
                .to_string(),
            ))
            .child(cell(
                td_string!(locale, completion_pending),
                if waiting.is_empty() {
                    "—".to_owned()
                } else {
                    waiting
                },
            ))
    });
    El::new("div")
        .class("completion-body")
        .child(
            table::headed(
                "summary completion-table",
                td_string!(locale, completion_caption),
                &[
                    td_string!(locale, completion_person),
                    td_string!(locale, completion_role),
                    td_string!(locale, completion_answered_heading),
                    td_string!(locale, completion_pending),
                ],
            )
            .child(El::new("tbody").children(body)),
        )
        .child(El::new("p").class("actions").child(
            El::button("button", "secondary", td_string!(locale, completion_export)).on_click(
                move || {
                    crate::files::download("avancement-campagne.csv", &csv, "text/csv");
                },
            ),
        ))
}

/// Why a valid result does not count, in words.
fn set_aside_text(locale: Locale, reason: &SetAsideReason) -> String {
    let l = locale;
    match reason {
        SetAsideReason::OtherFramework { id, version } => td_string!(
            l,
            report_set_aside_framework,
            found = format!("{id} {version}")
        )
        .to_string(),
        SetAsideReason::OtherSubject { name } => {
            td_string!(l, report_set_aside_subject, name = name.clone()).to_string()
        }
        SetAsideReason::NotInFramework { what } => {
            td_string!(l, report_set_aside_unknown, what = what.clone()).to_string()
        }
        SetAsideReason::BadDate => td_string!(l, report_set_aside_bad_date).to_owned(),
        SetAsideReason::Superseded { by } => {
            td_string!(l, report_set_aside_superseded, by = by.clone()).to_string()
        }
        SetAsideReason::Repeated { of } => {
            td_string!(l, report_set_aside_repeated, of = of.clone()).to_string()
        }
        SetAsideReason::KeysConflict => td_string!(l, report_set_aside_keys_conflict).to_owned(),
        SetAsideReason::NotInvited => td_string!(l, report_set_aside_not_invited).to_owned(),
        SetAsideReason::OtherCampaign { id } => {
            td_string!(l, report_set_aside_other_campaign, id = id.clone()).to_string()
        }
        SetAsideReason::UnknownInvitation => {
            td_string!(l, report_set_aside_unknown_invitation).to_owned()
        }
        SetAsideReason::InvitationMismatch { invitation, field } => {
            let invitation = invitation.clone();
            match *field {
                "subject" => td_string!(l, report_set_aside_other_person, invitation).to_string(),
                "role" => td_string!(l, report_set_aside_other_role, invitation).to_string(),
                _ => td_string!(l, report_set_aside_other_position, invitation).to_string(),
            }
        }
        SetAsideReason::AfterClosing { invitation, closes } => td_string!(
            l,
            report_set_aside_after_closing,
            invitation = invitation.clone(),
            closes = closes.clone()
        )
        .to_string(),
        SetAsideReason::Conflict { invitation } => td_string!(
            l,
            report_set_aside_conflict,
            invitation = invitation.clone()
        )
        .to_string(),
    }
}

/// A campaign file's problem in `locale`; values quoted from the file end up in a text node.
fn campaign_problem_text(locale: Locale, kind: &CampaignProblemKind) -> String {
    use CampaignProblemKind::*;
    let l = locale;
    match kind {
        TooLarge { limit } => td_string!(l, config_too_large, limit).to_string(),
        Strict(error) => super::framework_problems::json_problem_text(l, error),
        Unreadable(detail) => {
            td_string!(l, campaign_unreadable, detail = detail.clone()).to_string()
        }
        NotACampaign => td_string!(l, campaign_not_a_campaign).to_owned(),
        UnsupportedVersion(found) => {
            td_string!(l, campaign_version, found = found.clone()).to_string()
        }
        BadId => td_string!(l, campaign_bad_id).to_owned(),
        Empty => td_string!(l, config_empty).to_owned(),
        TooLong { limit } => td_string!(l, config_too_long, limit).to_string(),
        TooMany { limit } => td_string!(l, config_too_many, limit).to_string(),
        OutOfRange { min, max } => td_string!(l, config_out_of_range, min, max).to_string(),
        BadSha256 => td_string!(l, campaign_bad_sha256).to_owned(),
        BadDate => td_string!(l, campaign_bad_date).to_owned(),
        UnknownRole(value) => td_string!(l, config_unknown_role, value = value.clone()).to_string(),
        DuplicateSubject(value) => {
            td_string!(l, campaign_duplicate_subject, value = value.clone()).to_string()
        }
        DuplicateInvitation(value) => {
            td_string!(l, campaign_duplicate_invitation, value = value.clone()).to_string()
        }
        DuplicateToken => td_string!(l, campaign_duplicate_token).to_owned(),
        UnknownSubject(value) => {
            td_string!(l, campaign_unknown_subject, value = value.clone()).to_string()
        }
        SecondSelf => td_string!(l, campaign_second_self).to_owned(),
        DuplicateRater(value) => {
            td_string!(l, campaign_duplicate_rater, value = value.clone()).to_string()
        }
        OtherFramework { id, version } => td_string!(
            l,
            campaign_other_framework,
            found = format!("{id} {version}")
        )
        .to_string(),
        UnknownPosition(value) => {
            td_string!(l, campaign_unknown_position, value = value.clone()).to_string()
        }
    }
}

/// Why a file is not a valid result, in words.
fn reason_text(locale: Locale, reason: &Reason) -> String {
    match reason {
        Reason::NotJson => td_string!(locale, reason_not_json).to_owned(),
        Reason::Json(error) => super::framework_problems::json_problem_text(locale, error),
        Reason::Crypto(e) => td_string!(locale, reason_crypto, detail = e.to_string()).to_string(),
        Reason::Check(CheckError::KeyMismatch) => {
            td_string!(locale, reason_key_mismatch).to_owned()
        }
        Reason::Check(CheckError::FrameworkMismatch { found, .. }) => framework_text(locale, found),
        Reason::Check(CheckError::CompletedAfterSigning) => {
            td_string!(locale, reason_completed_after_signing).to_owned()
        }
        Reason::Check(CheckError::Result(e)) => {
            td_string!(locale, reason_not_a_result, detail = e.to_string()).to_string()
        }
        Reason::Proof(e) => match e {
            ProofError::SignatureMismatch => td_string!(locale, reason_content_changed).to_owned(),
            ProofError::MissingProof | ProofError::ProofSet => {
                td_string!(locale, reason_not_signed).to_owned()
            }
            ProofError::MalformedSignature | ProofError::MalformedMultibase => {
                td_string!(locale, reason_signature_malformed).to_owned()
            }
            ProofError::KeyNotEd25519(_)
            | ProofError::MalformedKey
            | ProofError::UnsupportedVerificationMethod(_) => {
                td_string!(locale, reason_key_not_ed25519).to_owned()
            }
            ProofError::WeakKey => td_string!(locale, reason_weak_key).to_owned(),
            ProofError::CreatedInFuture => td_string!(locale, reason_created_in_future).to_owned(),
            ProofError::Expired => td_string!(locale, reason_expired).to_owned(),
            ProofError::UnknownCryptosuite(name) | ProofError::UnsupportedType(name) => {
                td_string!(locale, reason_unknown_cryptosuite, name = name.clone()).to_string()
            }
            other => td_string!(locale, reason_malformed, detail = other.to_string()).to_string(),
        },
    }
}

fn framework_text(locale: Locale, found: &FrameworkReference) -> String {
    let found = format!("{} {}", found.id, found.version);
    td_string!(locale, reason_framework, found).to_string()
}
