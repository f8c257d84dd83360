use competency_core::proof::ProofError;
use competency_core::report::{self, Options, Report, ReportDocument, SetAsideReason, Source};
use competency_core::result::{CheckError, FrameworkReference};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::*;
use crate::labels;
use crate::session::Session;
use crate::verification::{self, Reason, Verdict};

/// "Check results": pick or drop signed result files, see for each whether it is valid and,
/// if not, why; then the 360 report on each person from the valid ones, to export (CSV,
/// JSON) or print. Nothing leaves the browser.
#[component]
pub fn CheckResults() -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    // (file name, verdict) in the order the files were given.
    let checked = RwSignal::new(Vec::<(String, Verdict)>::new());
    // What the valid results must have been made against (known once hashed).
    let expected = RwSignal::new(None::<FrameworkReference>);

    let check_files = move |files: web_sys::FileList| {
        let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
        leptos::task::spawn_local(async move {
            let framework = session.framework();
            let reference = verification::reference(&framework).await.ok();
            if reference.is_some() && expected.get_untracked().is_none() {
                expected.set(reference.clone());
            }
            for file in files {
                let text = JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|t| t.as_string());
                let verdict = match (text, &reference) {
                    (Some(text), Some(reference)) => verification::check(&text, reference).await,
                    (None, _) => Verdict::Invalid(Reason::NotJson),
                    (Some(_), None) => Verdict::Invalid(Reason::Crypto(
                        crate::crypto::CryptoError::Unavailable("SHA-256".into()),
                    )),
                };
                checked.update(|list| list.push((file.name(), verdict)));
            }
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(files) = input.files() {
            check_files(files);
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
            check_files(files);
        }
    };

    let report = Memo::new(move |_| {
        let expected = expected.get()?;
        let sources: Vec<Source> = checked.with(|list| {
            list.iter()
                .filter_map(|(name, verdict)| match verdict {
                    Verdict::Valid { result, .. } => Some(Source {
                        name: name.clone(),
                        result: (**result).clone(),
                    }),
                    Verdict::Invalid(_) => None,
                })
                .collect()
        });
        (!sources.is_empty()).then(|| {
            let options = Options {
                min_raters: session.min_raters.get_value(),
                subject: None,
            };
            report::aggregate(&session.framework(), &expected, sources, &options)
        })
    });

    let reports = move || {
        let locale = i18n.get_locale();
        report.with(|r| r.as_ref().map(|r| reports_view(session, r, locale)))
    };

    move || {
        let locale = i18n.get_locale();
        let rows = checked
            .get()
            .into_iter()
            .map(|(name, verdict)| {
                let (valid, text) = match &verdict {
                    Verdict::Valid {
                        result,
                        key_fingerprint,
                    } => (
                        true,
                        td_string!(
                            locale,
                            check_valid,
                            subject = result.subject.name.clone(),
                            role = labels::role(
                                locale,
                                competency_core::assessment::Role::from_id(&result.rater.role)
                                    .unwrap_or(competency_core::assessment::Role::Other)
                            ),
                            date = result.completed_at.get(..10).unwrap_or_default().to_owned(),
                            key = key_fingerprint.clone()
                        )
                        .to_string(),
                    ),
                    Verdict::Invalid(reason) => (false, reason_text(locale, reason)),
                };
                view! {
                    <li class:valid=valid class:invalid=!valid>
                        <strong>{if valid { "✓ " } else { "✗ " }} {name}</strong>
                        " — "
                        <span>{if valid {
                            td_string!(locale, check_valid_label)
                        } else {
                            td_string!(locale, check_invalid_label)
                        }}</span>
                        " "
                        {text}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="check" aria-labelledby="check-heading">
                <h1 id="check-heading">{td_string!(locale, check_heading)}</h1>
                <p>{td_string!(locale, check_intro)}</p>
                <div
                    class="drop-zone"
                    on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
                    on:drop=on_drop
                >
                    <label for="result-files">{td_string!(locale, check_pick)}</label>
                    <input
                        id="result-files"
                        type="file"
                        multiple
                        accept="application/json,.json"
                        on:change=on_pick
                    />
                    <p class="muted">{td_string!(locale, check_drop)}</p>
                </div>
                <ul class="verdicts" aria-live="polite">{rows}</ul>
            </section>
            {reports}
        }
    }
}

/// Every person's report, with the exports and what was set aside.
fn reports_view(session: Session, report: &Report, locale: Locale) -> crate::dom::El {
    use crate::dom::El;
    let framework = session.framework();
    let json = ReportDocument::new(report).to_json();
    let csv = report::to_csv(report, &framework, locale.as_str());
    let set_aside = report.set_aside.iter().map(|s| {
        let why = match &s.reason {
            SetAsideReason::OtherFramework { id, version } => td_string!(
                locale,
                report_set_aside_framework,
                found = format!("{id} {version}")
            )
            .to_string(),
            SetAsideReason::OtherSubject { name } => {
                td_string!(locale, report_set_aside_subject, name = name.clone()).to_string()
            }
            SetAsideReason::NotInFramework { what } => {
                td_string!(locale, report_set_aside_unknown, what = what.clone()).to_string()
            }
            SetAsideReason::Superseded { by } => {
                td_string!(locale, report_set_aside_superseded, by = by.clone()).to_string()
            }
            SetAsideReason::Repeated { of } => {
                td_string!(locale, report_set_aside_repeated, of = of.clone()).to_string()
            }
        };
        El::new("li")
            .child(El::new("strong").text(s.source.clone()))
            .text(" — ")
            .text(why)
    });
    let set_aside = (!report.set_aside.is_empty()).then(|| {
        El::new("div")
            .class("notice no-print")
            .child(El::new("p").text(td_string!(locale, report_set_aside)))
            .child(El::new("ul").children(set_aside))
    });
    let subjects = report
        .subjects
        .iter()
        .map(|s| super::report_view::subject_report_view(&framework, s, report.min_raters, locale));
    let button = |class: &'static str, label: &'static str| {
        El::new("button")
            .attr("type", "button")
            .class(class)
            .text(label)
    };
    El::new("section")
        .class("reports")
        .attr("aria-labelledby", "reports-heading")
        .child(
            El::new("h1")
                .attr("id", "reports-heading")
                .text(td_string!(locale, report_heading)),
        )
        .child(
            El::new("p")
                .text(td_string!(locale, report_intro, min = report.min_raters).to_string()),
        )
        .child(
            El::new("p")
                .class("actions no-print")
                .child(
                    button("secondary", td_string!(locale, report_export_csv)).on_click(
                        move || crate::files::download("rapport-360.csv", &csv, "text/csv"),
                    ),
                )
                .child(
                    button("secondary", td_string!(locale, report_export_json)).on_click(
                        move || {
                            crate::files::download("rapport-360.json", &json, "application/json")
                        },
                    ),
                )
                .child(
                    button("primary", td_string!(locale, report_print)).on_click(|| {
                        let _ = window().print();
                    }),
                ),
        )
        .children(set_aside)
        .children(subjects)
}

/// Why a file is not a valid result, in words.
fn reason_text(locale: Locale, reason: &Reason) -> String {
    match reason {
        Reason::NotJson => td_string!(locale, reason_not_json).to_owned(),
        Reason::Crypto(e) => td_string!(locale, reason_crypto, detail = e.to_string()).to_string(),
        Reason::Check(CheckError::KeyMismatch) => {
            td_string!(locale, reason_key_mismatch).to_owned()
        }
        Reason::Check(CheckError::FrameworkMismatch { found, .. }) => framework_text(locale, found),
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

/// The element an event happened on, as `T`.
fn event_target<T: JsCast>(ev: &leptos::ev::Event) -> T {
    ev.target().expect("an event has a target").unchecked_into()
}
