use crate::prelude::*;
use competency_core::LocalizedText;
use competency_core::assessment::{AssessmentError, MAX_NAME_CHARS, Role, Subject};
use competency_core::model::receipts::Out;
use competency_core::model::sealed::{self, UnlockError};
use competency_core::model::uploads::State;
use competency_core::model::{Cleared, Portal, Start};
use wasm_bindgen::JsCast;

use crate::chunk;
use crate::dom::{self, Attr, El, Slot};
use crate::i18n::*;
use crate::labels;
use crate::session::{LockedWhy, SealedStartError, Session};

thread_local! {
    /// What draws the first screen, once its chunk has arrived.
    static HOME_ARRIVED: std::cell::Cell<Option<chunk::Draw<()>>> = const { std::cell::Cell::new(None) };
}

/// The first screen: saved assessments to resume, a form to start a new one, and a way to
/// clear this browser for the next person on a shared computer.
///
/// With the `split` feature its code is a chunk of its own, fetched when it is first shown:
/// a portal's link opens its assessment, and a returning officer's last one is resumed,
/// without it.
pub fn home_screen() -> El {
    chunk::drawn(
        &HOME_ARRIVED,
        crate::chunk_loader!(home),
        (),
        |_| {},
        |locale| td_string!(locale, home_failed),
    )
}

/// What draws the first screen: a split point (see [`chunk`]).
#[cfg_attr(
    feature = "split",
    wasm_split_helpers::wasm_split(home, fallible, wasm_split_path = ::wasm_split_helpers)
)]
fn home() -> Result<chunk::Draw<()>, chunk::Unloaded> {
    Ok(|()| home_view())
}

/// The first screen, drawn.
fn home_view() -> El {
    let i18n = use_i18n();
    let session = expect_context::<Session>();
    El::group()
        .child(dom::dynamic(move || {
            El::new("h1").text(t_string!(i18n, home_heading))
        }))
        .child(out_notice())
        .child(locked_notice())
        .child(pending_start())
        .child(locked_list())
        .child(draft_list())
        .child(receipt_list())
        // A portal's start waiting for its code is whom the link is for: no other start then.
        .child(dom::keyed(
            move || session.pending_start().is_some(),
            |waiting| (!waiting).then(start_form),
        ))
        .child(clear_data())
}

/// Saved assessments, unfinished first, each to resume (or read) or discard.
fn draft_list() -> El {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    // Which draft asks "really discard?".
    let confirming = RwSignal::new(None::<String>);
    // A draft that could not be opened (removed or damaged in another tab since the list
    // was drawn).
    let unopened = RwSignal::new(false);
    // Drawn again whole at every change: a few static lines.
    dom::dynamic(move || {
        session.drafts_version();
        let (locale, asking, failed) = (i18n.get_locale(), confirming.get(), unopened.get());
        let framework = session.framework();
        let (saved, aside) = session.drafts();
        if saved.is_empty() && aside == 0 {
            return None;
        }
        let text = |t: &LocalizedText| {
            t.get(framework.display_language(locale.as_str()))
                .unwrap_or_default()
                .to_owned()
        };
        let rows = saved.iter().map(|a| {
            let progress = a.progress(&framework);
            let position = a
                .position
                .as_deref()
                .and_then(|p| framework.position(p))
                .map(|p| format!(" · {}", text(&p.title)))
                .unwrap_or_default();
            let status = if a.is_submitted() {
                td_string!(locale, draft_submitted).to_owned()
            } else {
                td_string!(
                    locale,
                    draft_progress,
                    answered = progress.answered,
                    required = progress.required
                )
                .to_string()
            };
            let changed = td_string!(
                locale,
                draft_changed,
                moment = labels::moment(locale, a.updated_at)
            )
            .to_string();
            let open_label = if a.is_submitted() {
                td_string!(locale, draft_view)
            } else {
                td_string!(locale, draft_resume)
            };
            let id = a.id.clone();
            let open = El::button("button", "", open_label)
                .on_click(move || unopened.set(session.open(&id).is_err()));
            let id = a.id.clone();
            let actions = El::new("p").class("actions").child(open);
            let actions = if asking.as_deref() == Some(a.id.as_str()) {
                confirm(
                    actions,
                    El::new("span").text(td_string!(locale, draft_discard_confirm)),
                    td_string!(locale, draft_discard_yes),
                    move || {
                        confirming.set(None);
                        session.discard(&id);
                    },
                    locale,
                    move || confirming.set(None),
                )
            } else {
                actions.child(
                    El::button("button", "secondary", td_string!(locale, draft_discard))
                        .on_click(move || confirming.set(Some(id.clone()))),
                )
            };
            El::new("li")
                .class("draft")
                .child(
                    El::new("p")
                        .child(El::new("strong").text(a.subject.name.clone()))
                        .text(format!(" · {}{position}", labels::role(locale, a.role))),
                )
                .child(
                    El::new("p")
                        .class("muted")
                        .text(format!("{status} · {changed}")),
                )
                .child(actions)
        });
        let aside = (aside > 0).then(|| {
            El::new("p")
                .class("notice notice-warning")
                .text(td_string!(locale, drafts_kept_aside, count = aside).to_string())
        });
        let unopened = El::alert(
            "field-error",
            if failed {
                td_string!(locale, draft_open_failed)
            } else {
                ""
            },
        );
        Some(
            El::section(
                "drafts",
                "h2",
                "drafts-heading",
                td_string!(locale, drafts_heading),
            )
            .children(aside)
            .child(unopened)
            .child(El::new("ul").class("draft-list").children(rows)),
        )
    })
}

/// Says that the rating just sent (or whose link was opened again) left only its receipt.
fn out_notice() -> El {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    dom::dynamic(move || {
        let locale = i18n.get_locale();
        session.out().map(|receipt| {
            let text = td_string!(locale, receipt_out, name = receipt.subject_name).to_string();
            El::status("notice upload-sent out-notice", text)
        })
    })
}

/// What is left of the ratings of others that went out: their receipts, without answers.
fn receipt_list() -> El {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    // Drawn again whole at every change of the lists: a few static lines.
    dom::dynamic(move || {
        session.drafts_version();
        let locale = i18n.get_locale();
        let receipts = session.receipts();
        if receipts.is_empty() {
            return None;
        }
        let framework = session.framework();
        let language = framework.display_language(locale.as_str()).to_owned();
        let list = El::new("ul").class("draft-list receipts");
        let list = receipts.into_iter().fold(list, |list, receipt| {
            let position = receipt
                .position
                .as_deref()
                .and_then(|p| framework.position(p))
                .map(|p| format!(" · {}", p.title.get(&language).unwrap_or_default()))
                .unwrap_or_default();
            let how = match receipt.out {
                Some(Out::Uploaded { at }) => td_string!(
                    locale,
                    receipt_uploaded,
                    moment = labels::moment(locale, at)
                )
                .to_string(),
                Some(Out::Saved { at }) => {
                    td_string!(locale, receipt_saved, moment = labels::moment(locale, at))
                        .to_string()
                }
                None => String::new(),
            };
            // A file saved while its upload still waits: where the upload stands.
            let upload = crate::uploads::get(&receipt.result_id)
                .filter(|_| matches!(receipt.out, Some(Out::Saved { .. })))
                .map(|upload| match upload.state {
                    State::Queued | State::Sending => td_string!(locale, upload_queued).to_owned(),
                    State::Sent { .. } => td_string!(locale, upload_sent).to_owned(),
                    State::Failed { message, .. } => {
                        td_string!(locale, upload_failed, message).to_string()
                    }
                });
            list.child(
                El::new("li")
                    .class("draft receipt")
                    .child(
                        El::new("p")
                            .child(El::new("strong").text(receipt.subject_name))
                            .text(format!(
                                " · {}{position}",
                                labels::role(locale, receipt.role)
                            )),
                    )
                    .child(
                        El::new("p")
                            .class("muted")
                            .text(format!(
                                "{how} · {} ",
                                td_string!(locale, receipt_fingerprint)
                            ))
                            .child(El::new("code").text(receipt.fingerprint)),
                    )
                    .children(upload.map(|text| El::new("p").class("muted").text(text))),
            )
        });
        Some(
            El::section(
                "drafts receipts-section",
                "h2",
                "receipts-heading",
                td_string!(locale, receipts_heading),
            )
            .child(list),
        )
    })
}

/// The code a rater chooses to seal an assessment: typed twice, with the warning that a
/// forgotten code costs that assessment. Drawn with [`El`] (plain inputs, read when the form
/// is sent), as the rest of the lock's screens are: they weigh on every rater's download.
#[derive(Clone, Copy)]
struct Code {
    problem: RwSignal<Option<CodeProblem>>,
    busy: RwSignal<bool>,
}

#[derive(Debug, Clone, PartialEq)]
enum CodeProblem {
    /// The model's refusal of the code.
    Refused(sealed::CodeProblem),
    /// The browser could not derive its key.
    Failed(String),
}

/// The value of the input named `name` in the form an event came from.
fn input_value(event: &web_sys::Event, name: &str) -> String {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|form| {
            form.query_selector(&format!("[name={name}]"))
                .ok()
                .flatten()
        })
        .and_then(|input| input.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.value())
        .unwrap_or_default()
}

/// A password input named `name`, labelled `label`, described by `described`.
fn secret_field(name: &'static str, label: String, described: &'static str) -> El {
    El::new("p")
        .class("field")
        .child(El::new("label").attr(Attr::For, name).text(label))
        .child(
            El::new("input")
                .attr(Attr::Id, name)
                .attr(Attr::Name, name)
                .attr(Attr::Type, "password")
                .attr(Attr::Autocomplete, "off")
                .attr(Attr::AriaDescribedby, described),
        )
}

impl Code {
    fn new() -> Self {
        Code {
            problem: RwSignal::new(None),
            busy: RwSignal::new(false),
        }
    }

    /// Starts `start` sealed with the code the form of `event` holds, once it is long enough
    /// and typed the same twice; a refusal of the start goes to `refused`.
    fn start_sealed(
        self,
        session: Session,
        start: Start,
        event: &web_sys::Event,
        // Boxed: one copy of the code for both forms.
        refused: Box<dyn Fn(Option<AssessmentError>)>,
    ) {
        let secret = input_value(event, "lock-code");
        let problem = sealed::check_code(&secret, &input_value(event, "lock-code-again"))
            .err()
            .map(CodeProblem::Refused);
        self.problem.set(problem.clone());
        if problem.is_some() || self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        crate::web::spawn_local(async move {
            let outcome = session.start_sealed(start, secret).await;
            self.busy.try_set(false);
            match outcome {
                Ok(()) => refused(None),
                Err(SealedStartError::Refused(error)) => refused(Some(error)),
                Err(SealedStartError::Crypto(error)) => {
                    self.problem
                        .try_set(Some(CodeProblem::Failed(error.to_string())));
                }
            }
        });
    }

    /// The code, twice, and the warning: drawn once, so that what is typed stays when a
    /// problem is said ([`Code::problem_view`], which the inputs name).
    fn fields_el(self, locale: Locale) -> El {
        let label = td_string!(locale, lock_code, min = sealed::MIN_CODE_CHARS).to_string();
        El::new("div")
            .class("code-fields")
            .child(
                El::new("p")
                    .class("notice notice-warning")
                    .attr(Attr::Role, "note")
                    .text(td_string!(locale, lock_forget_warning)),
            )
            .child(secret_field("lock-code", label, "lock-code-error"))
            .child(secret_field(
                "lock-code-again",
                td_string!(locale, lock_code_again).to_owned(),
                "lock-code-error",
            ))
    }

    /// What is wrong with the code, if anything.
    fn problem_view(self, locale: Locale) -> El {
        dom::dynamic(move || {
            let said = self.problem.get().map(|problem| match problem {
                CodeProblem::Refused(sealed::CodeProblem::Short) => {
                    td_string!(locale, lock_code_short, min = sealed::MIN_CODE_CHARS).to_string()
                }
                CodeProblem::Refused(sealed::CodeProblem::Mismatch) => {
                    td_string!(locale, lock_code_mismatch).to_owned()
                }
                CodeProblem::Failed(message) => {
                    td_string!(locale, lock_failed, message).to_string()
                }
            });
            El::alert("field-error", said.unwrap_or_default()).attr(Attr::Id, "lock-code-error")
        })
    }

    /// "Protecting…" while the key is derived.
    fn working(self, locale: Locale) -> El {
        dom::dynamic(move || {
            self.busy
                .get()
                .then(|| El::status("", td_string!(locale, lock_working)))
        })
    }
}

/// A portal's start on a shared device, waiting for its rater to choose a code.
fn pending_start() -> El {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let code = Code::new();
    let refused = RwSignal::new(None::<AssessmentError>);
    dom::dynamic(move || {
        let locale = i18n.get_locale();
        session.pending_start().map(|start| {
            let intro =
                td_string!(locale, pending_intro, name = start.subject.name.trim()).to_string();
            let form = El::new("form")
                .attr(Attr::Novalidate, "")
                .on("submit", move |event| {
                    event.prevent_default();
                    code.start_sealed(
                        session,
                        start.clone(),
                        &event,
                        Box::new(move |r| {
                            refused.try_set(r);
                        }),
                    );
                })
                .child(El::new("p").text(intro))
                .child(code.fields_el(locale))
                .child(El::button(
                    "submit",
                    "primary",
                    td_string!(locale, pending_button),
                ));
            El::section(
                "start pending-start",
                "h2",
                "pending-heading",
                td_string!(locale, pending_heading),
            )
            .child(form)
            .child(code.problem_view(locale))
            .child(code.working(locale))
            .child(El::alert("field-error", "").child(dom::dynamic(move || {
                refused
                    .get()
                    .map(|e| El::group().text(refusal_text(locale, &e)))
            })))
        })
    })
}

/// Why the home screen asks for a code: the open assessment was locked for want of
/// activity, or the portal's link has a locked draft.
fn locked_notice() -> El {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    dom::dynamic(move || {
        let locale = i18n.get_locale();
        session.locked_why().map(|why| {
            let text = match why {
                LockedWhy::Idle => td_string!(locale, locked_idle),
                LockedWhy::Link => td_string!(locale, locked_link),
            };
            El::status("notice locked-notice", text)
        })
    })
}

/// Sealed assessments: no name until the code is given. Each opens with its code, or, its
/// code forgotten, is deleted alone.
fn locked_list() -> El {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    // Which entry asks for its code, and which asks "really delete?".
    let opening = RwSignal::new(None::<String>);
    let forgetting = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<UnlockError>);
    let busy = RwSignal::new(false);
    let unlock = move |id: String, secret: String| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        crate::web::spawn_local(async move {
            let outcome = session.unlock(&id, &secret).await;
            busy.try_set(false);
            match outcome {
                Ok(()) => {
                    opening.try_set(None);
                }
                Err(error) => {
                    problem.try_set(Some(error));
                }
            }
        });
    };
    // Drawn again whole at every change: a few static lines (the code typed so far goes,
    // which a wrong code wants anyway).
    dom::dynamic(move || {
        session.drafts_version();
        let (locale, opening_id, forgetting_id) =
            (i18n.get_locale(), opening.get(), forgetting.get());
        let (refusal, busy) = (problem.get(), busy.get());
        let locked = session.locked();
        if locked.is_empty() {
            return None;
        }
        let rows = locked.into_iter().map(|entry| {
            let id = entry.id;
            let moment = labels::moment(locale, entry.updated_at);
            let title = td_string!(locale, locked_item, moment).to_string();
            let row = El::new("li")
                .class("draft locked")
                .child(El::new("p").child(El::new("strong").text(title)));
            let row = if opening_id.as_deref() == Some(id.as_str()) {
                let said = refusal.as_ref().map(|error| match error {
                    UnlockError::WrongCode => td_string!(locale, locked_wrong).to_owned(),
                    other => {
                        let message = other.to_string();
                        td_string!(locale, locked_unreadable, message).to_string()
                    }
                });
                let which = id.clone();
                let label = td_string!(locale, locked_code).to_owned();
                row.child(
                    El::new("form")
                        .class("unlock")
                        .on("submit", move |event| {
                            event.prevent_default();
                            unlock(which.clone(), input_value(&event, "unlock-code"));
                        })
                        .child(secret_field("unlock-code", label, "unlock-error"))
                        .child(
                            El::alert("field-error", said.unwrap_or_default())
                                .attr(Attr::Id, "unlock-error"),
                        )
                        .child(
                            El::new("p")
                                .class("actions")
                                .child(El::button(
                                    "submit",
                                    "primary",
                                    td_string!(locale, locked_submit),
                                ))
                                .child(
                                    El::button("button", "secondary", td_string!(locale, cancel))
                                        .on_click(move || {
                                            problem.set(None);
                                            opening.set(None);
                                        }),
                                ),
                        )
                        .children(busy.then(|| El::status("", td_string!(locale, locked_working)))),
                )
            } else {
                let which = id.clone();
                row.child(El::new("p").class("actions").child(
                    El::button("button", "", td_string!(locale, locked_open)).on_click(move || {
                        problem.set(None);
                        opening.set(Some(which.clone()));
                    }),
                ))
            };
            let forget = if forgetting_id.as_deref() == Some(id.as_str()) {
                confirm(
                    El::new("p").class("actions"),
                    El::new("span").text(td_string!(locale, locked_forgotten_confirm)),
                    td_string!(locale, draft_discard_yes),
                    move || {
                        forgetting.set(None);
                        session.discard(&id);
                    },
                    locale,
                    move || forgetting.set(None),
                )
            } else {
                El::new("p").class("actions").child(
                    El::button("button", "secondary", td_string!(locale, locked_forgotten))
                        .on_click(move || forgetting.set(Some(id.clone()))),
                )
            };
            row.child(forget)
        });
        Some(
            El::section(
                "drafts locked-section",
                "h2",
                "locked-heading",
                td_string!(locale, locked_heading),
            )
            .child(El::new("ul").class("draft-list").children(rows)),
        )
    })
}

/// Who is assessed, for which position, by whom: then the form.
fn start_form() -> El {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    // What is typed, kept when the form is drawn again in another language.
    let name = StoredValue::new(String::new());
    let subject_id = StoredValue::new(String::new());
    let position = StoredValue::new(String::new());
    let role = RwSignal::new(Role::SelfAssessment);
    let error = RwSignal::new(None::<AssessmentError>);
    let summary = dom::slot();
    // Sealed with a code: always on a shared device, else when the rater asks.
    let protect = RwSignal::new(session.shared.get_value());
    let code = Code::new();

    // The summary of what to correct takes the focus, so that the refusal is seen (and heard)
    // where the user is, not only beside a field scrolled out of view.
    let show_refusal = move |refused: Option<AssessmentError>| {
        let shown = refused.is_some();
        error.try_set(refused);
        if shown {
            request_animation_frame(move || {
                if let Some(summary) = summary
                    .try_get_value()
                    .flatten()
                    .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = summary.focus();
                }
            });
        }
    };
    let submit = move |ev: web_sys::Event| {
        ev.prevent_default();
        let subject = Subject {
            id: subject_id.get_value(),
            name: name.get_value(),
        };
        let position = Some(position.get_value()).filter(|p| !p.is_empty());
        let start = Start {
            subject,
            position,
            role: role.get_untracked(),
            portal: Portal::default(),
        };
        if protect.get_untracked() {
            code.start_sealed(session, start, &ev, Box::new(show_refusal));
        } else {
            show_refusal(session.start(start).err());
        }
    };

    dom::keyed(
        move || i18n.get_locale(),
        move |locale| {
            let framework = session.framework();
            let language = framework.display_language(locale.as_str()).to_owned();
            let chosen = position.get_value();
            let option = |value: &str, label: String| {
                let option = El::new("option")
                    .attr(Attr::Value, value.to_owned())
                    .text(label);
                if chosen == value {
                    option.attr(Attr::Selected, "")
                } else {
                    option
                }
            };
            let positions = framework
                .positions
                .iter()
                .map(|p| option(&p.id, p.title.get(&language).unwrap_or_default().to_owned()));
            let current = role.get_untracked();
            let roles = Role::ALL.into_iter().map(|r| {
                let id = format!("role-{}", r.id());
                let input = El::new("input")
                    .attr(Attr::Type, "radio")
                    .attr(Attr::Name, "role")
                    .attr(Attr::Id, id.clone())
                    .attr(Attr::Value, r.id())
                    .on("change", move |_| role.set(r));
                El::new("div")
                    .class("choice")
                    .child(if r == current {
                        input.attr(Attr::Checked, "")
                    } else {
                        input
                    })
                    .child(
                        El::new("label")
                            .attr(Attr::For, id)
                            .text(labels::role_choice(locale, r)),
                    )
            });
            let (name_input, name_error) = (dom::slot(), dom::slot());
            // A refused name is marked on its field, and said beside it.
            dom::effect(move || {
                let missing = matches!(error.get(), Some(AssessmentError::MissingName));
                if let Some(input) = name_input.get_value() {
                    let _ =
                        input.set_attribute("aria-invalid", if missing { "true" } else { "false" });
                }
                if let Some(said) = name_error.get_value() {
                    said.set_text_content(missing.then(|| td_string!(locale, start_name_missing)));
                }
            });
            let field =
                |label: El, input: El| El::new("p").class("field").child(label).child(input);
            let text_input = |id: &'static str, kept: StoredValue<String>| {
                El::new("input")
                    .attr(Attr::Id, id)
                    .attr(Attr::Type, "text")
                    .attr(Attr::Maxlength, MAX_NAME_CHARS.to_string())
                    .attr(Attr::Value, kept.get_value())
                    .on("input", move |ev| kept.set_value(event_target_value(&ev)))
            };
            let fields = [
                field(
                    El::new("label")
                        .attr(Attr::For, "subject-name")
                        .text(td_string!(locale, start_name)),
                    text_input("subject-name", name)
                        .attr(Attr::Autocomplete, "name")
                        .attr(Attr::Required, "")
                        .attr(Attr::AriaInvalid, "false")
                        .attr(Attr::AriaDescribedby, "subject-name-error")
                        .keep(name_input),
                )
                .child(
                    El::new("span")
                        .attr(Attr::Id, "subject-name-error")
                        .class("field-error")
                        .keep(name_error),
                ),
                field(
                    El::new("label")
                        .attr(Attr::For, "subject-id")
                        .text(td_string!(locale, start_subject_id)),
                    text_input("subject-id", subject_id),
                ),
                field(
                    El::new("label")
                        .attr(Attr::For, "position")
                        .text(td_string!(locale, start_position)),
                    El::new("select")
                        .attr(Attr::Id, "position")
                        .on("change", move |ev| {
                            position.set_value(event_target_value(&ev))
                        })
                        .child(option(
                            "",
                            td_string!(locale, start_position_none).to_owned(),
                        ))
                        .children(positions),
                ),
                El::new("fieldset")
                    .class("roles")
                    .child(El::new("legend").text(td_string!(locale, start_role)))
                    .children(roles),
            ];
            let protection = if session.shared.get_value() {
                El::new("p")
                    .class("notice")
                    .text(td_string!(locale, lock_shared_device))
            } else {
                let input = El::new("input")
                    .attr(Attr::Type, "checkbox")
                    .attr(Attr::Id, "protect")
                    .on("change", move |ev| protect.set(event_target_checked(&ev)));
                El::new("div")
                    .class("choice protect")
                    .child(if protect.get_untracked() {
                        input.attr(Attr::Checked, "")
                    } else {
                        input
                    })
                    .child(
                        El::new("label")
                            .attr(Attr::For, "protect")
                            .text(td_string!(locale, lock_choice)),
                    )
            };
            let instructions = dom::dynamic(move || {
                El::new("p")
                    .class("muted")
                    .text(labels::role_instructions(locale, role.get()))
            });
            let form = El::new("form")
                .attr(Attr::Novalidate, "")
                .on("submit", submit)
                .child(dom::dynamic(move || {
                    error.get().map(|e| error_summary(locale, &e, summary))
                }))
                .children(fields)
                .child(instructions)
                .child(protection)
                .child(dom::dynamic(move || {
                    protect.get().then(|| code.fields_el(locale))
                }))
                .child(code.problem_view(locale))
                .child(El::button(
                    "submit",
                    "primary",
                    td_string!(locale, start_button),
                ))
                .child(code.working(locale));
            El::section(
                "start",
                "h2",
                "start-heading",
                td_string!(locale, start_heading),
            )
            .child(form)
        },
    )
}

/// Why a start was refused, in the user's language.
fn refusal_text(locale: Locale, error: &AssessmentError) -> String {
    match error {
        AssessmentError::MissingName => td_string!(locale, start_name_missing).to_owned(),
        AssessmentError::TooLong { limit } => {
            td_string!(locale, start_too_long, limit = *limit).to_string()
        }
        AssessmentError::UnknownPosition(_) => {
            td_string!(locale, start_unknown_position).to_owned()
        }
        other => other.to_string(),
    }
}

/// What stopped the form, first thing in it, with a link to the field to correct (the GOV.UK
/// error summary). It takes the focus when shown (it is kept in `summary`).
fn error_summary(locale: Locale, error: &AssessmentError, summary: Slot) -> El {
    let message = refusal_text(locale, error);
    let field = match error {
        AssessmentError::UnknownPosition(_) => "position",
        _ => "subject-name",
    };
    let go_to_field = move |ev: web_sys::Event| {
        // Within the page, whether the widget is in a portal's shadow root or not.
        ev.prevent_default();
        let field = summary
            .get_value()
            .and_then(|s| s.closest("form").ok().flatten())
            .and_then(|form| form.query_selector(&format!("#{field}")).ok().flatten())
            .and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(field) = field {
            let _ = field.focus();
        }
    };
    El::new("div")
        .class("error-summary")
        .attr(Attr::Tabindex, "-1")
        .attr(Attr::AriaLabelledby, "start-problem")
        .keep(summary)
        .child(
            El::new("h3")
                .attr(Attr::Id, "start-problem")
                .text(td_string!(locale, error_summary_heading)),
        )
        .child(
            El::new("ul").child(
                El::new("li").child(
                    El::new("a")
                        .fragment(field)
                        .on("click", go_to_field)
                        .text(message),
                ),
            ),
        )
}

/// "Clear my data from this browser", for shared computers, with a confirmation.
fn clear_data() -> El {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let cleared = RwSignal::new(None::<Cleared>);
    // Drawn again whole at every change: a few static lines.
    dom::dynamic(move || {
        let (locale, asking, done) = (i18n.get_locale(), confirming.get(), cleared.get());
        let section = El::section(
            "clear-data",
            "h2",
            "clear-heading",
            td_string!(locale, clear_heading),
        )
        .child(
            El::new("p")
                .class("muted")
                .text(td_string!(locale, clear_explanation)),
        );
        let section = if asking {
            confirm(
                section,
                El::new("p").text(td_string!(locale, clear_confirm)),
                td_string!(locale, clear_yes),
                move || {
                    cleared.set(Some(session.clear_all()));
                    confirming.set(false);
                },
                locale,
                move || confirming.set(false),
            )
        } else {
            section.child(
                El::button("button", "secondary", td_string!(locale, clear_button)).on_click(
                    move || {
                        cleared.set(None);
                        confirming.set(true);
                    },
                ),
            )
        };
        section.children(done.map(|c| removed(locale, c)))
    })
}

/// "Really?" appended to `within`: the `question` (announced: role alert), the `yes` button
/// (a danger: it removes something) and one to cancel.
fn confirm(
    within: El,
    question: El,
    yes: &'static str,
    on_yes: impl Fn() + Send + 'static,
    locale: Locale,
    on_cancel: impl Fn() + Send + 'static,
) -> El {
    within
        .child(question.attr(Attr::Role, "alert"))
        .text(" ")
        .child(El::button("button", "danger", yes).on_click(on_yes))
        .text(" ")
        .child(El::button("button", "secondary", td_string!(locale, cancel)).on_click(on_cancel))
}

/// What "clear my data" removed, said once it is done.
fn removed(locale: Locale, cleared: Cleared) -> El {
    let item = |text: String| El::new("li").text(text);
    El::new("div")
        .attr(Attr::Role, "status")
        .child(El::new("p").text(td_string!(locale, clear_done)))
        .child(
            El::new("ul")
                .class("cleared")
                .child(item(
                    td_string!(locale, clear_assessments, count = cleared.assessments).to_string(),
                ))
                .child(item(
                    td_string!(locale, clear_results, count = cleared.results).to_string(),
                ))
                .child(item(
                    td_string!(locale, clear_unsent, count = cleared.unsent).to_string(),
                ))
                .child(item(td_string!(locale, clear_keys).to_owned())),
        )
}
