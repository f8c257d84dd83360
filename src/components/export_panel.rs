use crate::prelude::*;
use competency_core::assessment::Role;
use competency_core::result::KeyProtection;

use crate::dom::{self, Attr, El};
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
pub fn export_panel() -> El {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let state = RwSignal::new(Signing::Working);
    let uploads_changed = RwSignal::new(0u32);
    // Storage refused the upload queue: the result cannot be sent, only handed over.
    let not_queued = RwSignal::new(false);
    // Whichever pass sends the result (this one, a retry, the network coming back), the panel
    // shows where it stands.
    let listening = uploads::on_change(move |_| uploads_changed.update(|n| *n += 1));
    on_cleanup(move || uploads::stop_listening(listening));

    let run = move || {
        state.set(Signing::Working);
        crate::web::spawn_local(async move {
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
                    let made = match session.framework_json().await {
                        Ok(framework) => {
                            let now = js_sys::Date::now() as u64;
                            signing::sign(&assessment, &framework, locale, now).await
                        }
                        Err(error) => Err(error.into()),
                    };
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
                        crate::web::spawn_local(uploads::work(|| ()));
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

    dom::dynamic(move || {
        let locale = i18n.get_locale();
        let body = match state.get() {
            Signing::Working => El::status("", td_string!(locale, export_signing)),
            Signing::Failed(detail) => El::failure(td_string!(locale, export_failed), detail)
                .child(El::button("button", "", td_string!(locale, export_retry)).on_click(run)),
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
                // Whether the copy reached the clipboard, said beside the buttons.
                let copied = dom::slot();
                let copy_button = El::button("button", "", td_string!(locale, export_copy))
                    .on_click(move || {
                        let json = json_copy.clone();
                        crate::web::spawn_local(async move {
                            let said = if copy(&json).await {
                                td_string!(locale, export_copied)
                            } else {
                                td_string!(locale, export_copy_failed)
                            };
                            if let Some(status) = copied.try_get_value().flatten() {
                                status.set_text_content(Some(said));
                            }
                        });
                    });
                let download = El::button("button", "primary", td_string!(locale, export_download))
                    .on_click(move || {
                        if crate::files::download(&name, &json, "application/json") {
                            session.saved(&assessment_id);
                        }
                    });
                let mut drawn: Vec<El> = key_note
                    .map(|note| El::status("notice", note))
                    .into_iter()
                    .collect();
                drawn.push(
                    El::new("dl")
                        .class("facts")
                        .child(El::new("dt").text(td_string!(locale, export_fingerprint)))
                        .child(
                            El::new("dd").child(El::new("code").text(signed.fingerprint.clone())),
                        )
                        .child(El::new("dt").text(td_string!(locale, export_key)))
                        .child(
                            El::new("dd")
                                .child(El::new("code").text(signed.key_fingerprint.clone()))
                                .text(" ")
                                .child(El::new("span").class("muted").text(protection)),
                        ),
                );
                drawn.push(
                    El::new("p")
                        .class("actions")
                        .child(download)
                        .child(copy_button)
                        .child(El::new("span").attr(Attr::Role, "status").keep(copied)),
                );
                if leaves {
                    drawn.push(
                        El::new("p")
                            .class("muted receipt-note")
                            .text(td_string!(locale, export_leaves_receipt)),
                    );
                }
                if session.upload.with_value(Option::is_none) {
                    drawn.push(
                        El::new("p")
                            .class("notice notice-warning hand-over")
                            .attr(Attr::Role, "note")
                            .text(td_string!(locale, export_hand_over)),
                    );
                }
                let refused = dom::dynamic(move || {
                    not_queued.get().then(|| {
                        El::alert(
                            "notice notice-warning",
                            td_string!(locale, upload_not_queued),
                        )
                    })
                });
                let upload = dom::dynamic(move || {
                    uploads_changed.track();
                    uploads::get(&result_id).map(|upload| {
                        let (class, text) = match upload.state {
                            State::Queued => {
                                ("muted", td_string!(locale, upload_queued).to_owned())
                            }
                            State::Sending => {
                                ("muted", td_string!(locale, upload_sending).to_owned())
                            }
                            State::Sent { .. } => {
                                ("upload-sent", td_string!(locale, upload_sent).to_owned())
                            }
                            State::Failed { message, .. } => (
                                "field-error",
                                td_string!(locale, upload_failed, message).to_string(),
                            ),
                        };
                        El::status(class, text)
                    })
                });
                El::group().children(drawn).child(refused).child(upload)
            }
        };
        El::section(
            "export",
            "h3",
            "export-heading",
            td_string!(locale, export_heading),
        )
        .child(body)
    })
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
