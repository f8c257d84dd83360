use competency_core::assessment::Role;
use competency_core::result::KeyProtection;
use leptos::prelude::*;

use crate::dom::El;
use crate::events;
use crate::i18n::*;
use crate::keys::KeyOrigin;
use crate::session::Session;
use crate::signing::{self, Signed};
use crate::uploads::{self, State};

/// Where signing stands.
#[derive(Clone, PartialEq)]
enum Signing {
    Working,
    Done(Box<Signed>, Option<KeyOrigin>),
    Failed(String),
}

/// The signed result of the submitted assessment: signed here (once), with its fingerprint,
/// the rater's key, download and copy, and the upload's progress when the portal gave an
/// upload address.
#[component]
pub fn ExportPanel() -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let state = RwSignal::new(Signing::Working);
    // Whether the last copy reached the clipboard (None before any).
    let copied = RwSignal::new(None::<bool>);
    let uploads_changed = RwSignal::new(0u32);
    // Storage refused the upload queue: the result cannot be sent, only handed over.
    let not_queued = RwSignal::new(false);
    // Whichever pass sends the result (this one, a retry, the network coming back), the panel
    // shows where it stands.
    let listening = uploads::on_change(move |_| uploads_changed.update(|n| *n += 1));
    on_cleanup(move || uploads::stop_listening(listening));

    let run = move || {
        state.set(Signing::Working);
        leptos::task::spawn_local(async move {
            let Some(assessment) = session.assessment.get_untracked() else {
                return;
            };
            let kept = match session.kept_result(&assessment.id).await {
                Some(json) => signing::describe_kept(json).await,
                None => Ok(None),
            };
            let outcome = match kept {
                Ok(Some(signed)) => Ok((signed, None)),
                Err(error) => Err(error),
                Ok(None) => {
                    let locale = i18n.get_locale_untracked().as_str();
                    let framework = session.framework_json();
                    let made =
                        signing::sign(&assessment, &framework, locale, js_sys::Date::now() as u64)
                            .await;
                    if let Ok((signed, _)) = &made {
                        session.keep_result(&assessment.id, &signed.json).await;
                    }
                    made.map(|(signed, origin)| (signed, Some(origin)))
                }
            };
            match outcome {
                Ok((signed, origin)) => {
                    // A rating of someone else leaves a receipt once it is out.
                    session.signed(&assessment, &signed);
                    // Queued when the portal gave an upload address; announced when signed now.
                    let upload = session.upload.get_value();
                    let delivery = uploads::deliver(upload.as_ref(), &signed, origin.is_some());
                    if let Some(queued) = delivery.queued {
                        not_queued.set(queued.is_err());
                        leptos::task::spawn_local(uploads::work(|| ()));
                    }
                    if let Some(detail) = delivery.completed {
                        session.emit(events::COMPLETED, detail);
                    }
                    state.set(Signing::Done(Box::new(signed), origin));
                }
                Err(error) => {
                    session.error("signing-failed", &error.to_string(), serde_json::json!({}));
                    state.set(Signing::Failed(error.to_string()));
                }
            }
        });
    };
    run();

    move || {
        let locale = i18n.get_locale();
        let body = match state.get() {
            Signing::Working => view! {
                <p role="status">{td_string!(locale, export_signing)}</p>
            }
            .into_any(),
            Signing::Failed(detail) => view! {
                <div role="alert" class="notice notice-error">
                    <p>{td_string!(locale, export_failed)}</p>
                    <p class="muted"><code>{detail}</code></p>
                    <button type="button" on:click=move |_| run()>{td_string!(locale, export_retry)}</button>
                </div>
            }
            .into_any(),
            Signing::Done(signed, origin) => {
                let key_note = match origin {
                    Some(KeyOrigin::New) => Some(td_string!(locale, key_new)),
                    Some(KeyOrigin::Replaced) => Some(td_string!(locale, key_replaced)),
                    _ => None,
                };
                let protection = match signed.key_protection {
                    KeyProtection::NonExtractable => td_string!(locale, key_non_extractable),
                    KeyProtection::Software => td_string!(locale, key_software),
                };
                let (json, name) = (signed.json.clone(), signed.file_name.clone());
                let json_copy = signed.json.clone();
                let result_id = signed.result_id.clone();
                let assessment_id = session
                    .assessment
                    .with_untracked(|a| a.as_ref().map(|a| a.id.clone()))
                    .unwrap_or_default();
                // A rating of someone else: once out, only its receipt stays here.
                let leaves = session
                    .assessment
                    .with_untracked(|a| a.as_ref().is_some_and(|a| a.role != Role::SelfAssessment));
                view! {
                    {key_note.map(|note| view! { <p class="notice" role="status">{note}</p> })}
                    <dl class="facts">
                        <dt>{td_string!(locale, export_fingerprint)}</dt>
                        <dd><code>{signed.fingerprint.clone()}</code></dd>
                        <dt>{td_string!(locale, export_key)}</dt>
                        <dd><code>{signed.key_fingerprint.clone()}</code> " " <span class="muted">{protection}</span></dd>
                    </dl>
                    <p class="actions">
                        <button type="button" class="primary" on:click=move |_| {
                            if crate::files::download(&name, &json, "application/json") {
                                session.saved(&assessment_id);
                            }
                        }>
                            {td_string!(locale, export_download)}
                        </button>
                        <button type="button" on:click=move |_| {
                            let json = json_copy.clone();
                            leptos::task::spawn_local(async move {
                                copied.set(Some(copy(&json).await));
                            });
                        }>{td_string!(locale, export_copy)}</button>
                        <span role="status">
                            {move || copied.get().map(|done| {
                                if done {
                                    td_string!(locale, export_copied)
                                } else {
                                    td_string!(locale, export_copy_failed)
                                }
                            })}
                        </span>
                    </p>
                    {leaves.then(|| El::new("p").class("muted receipt-note").text(td_string!(locale, export_leaves_receipt)))}
                    {session
                        .upload
                        .with_value(Option::is_none)
                        .then(|| view! { <p class="notice notice-warning hand-over" role="note">{td_string!(locale, export_hand_over)}</p> })}
                    {move || not_queued.get().then(|| view! { <p class="notice notice-warning" role="alert">{td_string!(locale, upload_not_queued)}</p> })}
                    {move || {
                        uploads_changed.track();
                        uploads::get(&result_id).map(|upload| {
                            let (class, text) = match upload.state {
                                State::Queued => ("muted", td_string!(locale, upload_queued).to_owned()),
                                State::Sending => ("muted", td_string!(locale, upload_sending).to_owned()),
                                State::Sent { .. } => ("upload-sent", td_string!(locale, upload_sent).to_owned()),
                                State::Failed { message, .. } => (
                                    "field-error",
                                    td_string!(locale, upload_failed, message).to_string(),
                                ),
                            };
                            view! { <p class=class role="status">{text}</p> }
                        })
                    }}
                }
                .into_any()
            }
        };
        view! {
            <section class="export" aria-labelledby="export-heading">
                <h3 id="export-heading">{td_string!(locale, export_heading)}</h3>
                {body}
            </section>
        }
    }
}

/// Puts `json` on the clipboard; whether the browser took it (it may refuse: no permission,
/// a page not in focus, an insecure origin).
async fn copy(json: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let written = window.navigator().clipboard().write_text(json);
    wasm_bindgen_futures::JsFuture::from(written).await.is_ok()
}
