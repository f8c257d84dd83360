use competency_core::LocalizedText;
use competency_core::assessment::{AssessmentError, MAX_NAME_CHARS, Role, Subject};
use competency_core::model::receipts::Out;
use competency_core::model::sealed::{self, UnlockError};
use competency_core::model::uploads::State;
use competency_core::model::{Cleared, Portal, Start};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::redraw_on;
use crate::dom::El;
use crate::i18n::*;
use crate::labels;
use crate::session::{LockedWhy, SealedStartError, Session};

/// The first screen: saved assessments to resume, a form to start a new one, and a way to
/// clear this browser for the next person on a shared computer.
#[component]
pub fn HomeScreen() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<Session>();
    // A portal's start waiting for its code is whom the link is for: no other start then.
    let waiting = Memo::new(move |_| session.pending_start().is_some());
    view! {
        <h1>{t!(i18n, home_heading)}</h1>
        <OutNotice />
        <LockedNotice />
        <PendingStart />
        <LockedList />
        <DraftList />
        <ReceiptList />
        {move || (!waiting.get()).then(|| view! { <StartForm /> })}
        <ClearData />
    }
}

/// Saved assessments, unfinished first, each to resume (or read) or discard.
#[component]
fn DraftList() -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    // Which draft asks "really discard?".
    let confirming = RwSignal::new(None::<String>);
    // A draft that could not be opened (removed or damaged in another tab since the list
    // was drawn).
    let unopened = RwSignal::new(false);
    redraw_on(
        move || (session.drafts_version(), i18n.get_locale()),
        move |(_, locale)| {
            let framework = session.framework();
            let (saved, aside) = session.drafts();
            let text = |t: &LocalizedText| {
                t.get(framework.display_language(locale.as_str()))
                    .unwrap_or_default()
                    .to_owned()
            };
            let rows = saved
            .iter()
            .map(|a| {
                let progress = a.progress(&framework);
                let position = a
                    .position
                    .as_deref()
                    .and_then(|p| framework.position(p))
                    .map(|p| format!(" · {}", text(&p.title)));
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
                let (id_open, id_ask, id_yes) = (a.id.clone(), a.id.clone(), a.id.clone());
                let asking = {
                    let id = a.id.clone();
                    move || confirming.get().as_deref() == Some(id.as_str())
                };
                let open_label = if a.is_submitted() {
                    td_string!(locale, draft_view)
                } else {
                    td_string!(locale, draft_resume)
                };
                view! {
                    <li class="draft">
                        <p>
                            <strong>{a.subject.name.clone()}</strong>
                            " · "
                            {labels::role(locale, a.role)}
                            {position}
                        </p>
                        <p class="muted">{status} " · " {changed}</p>
                        <p class="actions">
                            <button type="button" on:click=move |_| {
                                unopened.set(session.open(&id_open).is_err());
                            }>{open_label}</button>
                            <Show
                                when=asking
                                fallback=move || {
                                    let id = id_ask.clone();
                                    view! {
                                        <button
                                            type="button"
                                            class="secondary"
                                            on:click=move |_| confirming.set(Some(id.clone()))
                                        >
                                            {td_string!(locale, draft_discard)}
                                        </button>
                                    }
                                }
                            >
                                {
                                    let id = id_yes.clone();
                                    view! {
                                        <span role="alert">{td_string!(locale, draft_discard_confirm)}</span>
                                        " "
                                        <button
                                            type="button"
                                            class="danger"
                                            on:click=move |_| {
                                                confirming.set(None);
                                                session.discard(&id);
                                            }
                                        >
                                            {td_string!(locale, draft_discard_yes)}
                                        </button>
                                        " "
                                        <button
                                            type="button"
                                            class="secondary"
                                            on:click=move |_| confirming.set(None)
                                        >
                                            {td_string!(locale, cancel)}
                                        </button>
                                    }
                                }
                            </Show>
                        </p>
                    </li>
                }
            })
            .collect_view();
            let aside = (aside > 0).then(|| {
                view! {
                    <p class="notice notice-warning">
                        {td_string!(locale, drafts_kept_aside, count = aside).to_string()}
                    </p>
                }
            });
            (!saved.is_empty() || aside.is_some()).then(|| {
                view! {
                    <section class="drafts" aria-labelledby="drafts-heading">
                        <h2 id="drafts-heading">{td_string!(locale, drafts_heading)}</h2>
                        {aside}
                        <p role="alert" class="field-error">
                            {move || unopened.get().then(|| td_string!(locale, draft_open_failed))}
                        </p>
                        <ul class="draft-list">{rows}</ul>
                    </section>
                }
            })
        },
    )
}

/// Says that the rating just sent (or whose link was opened again) left only its receipt.
#[component]
fn OutNotice() -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    move || {
        let locale = i18n.get_locale();
        session.out().map(|receipt| {
            let text = td_string!(locale, receipt_out, name = receipt.subject_name).to_string();
            El::new("p")
                .class("notice upload-sent out-notice")
                .attr("role", "status")
                .text(text)
        })
    }
}

/// What is left of the ratings of others that went out: their receipts, without answers.
#[component]
fn ReceiptList() -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    // Drawn again whole at every change of the lists: a few static lines.
    move || {
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
    }
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
        .child(El::new("label").attr("for", name).text(label))
        .child(
            El::new("input")
                .attr("id", name)
                .attr("name", name)
                .attr("type", "password")
                .attr("autocomplete", "off")
                .attr("aria-describedby", described),
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
        leptos::task::spawn_local(async move {
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
                    .attr("role", "note")
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
    fn problem_view(self, locale: Locale) -> impl IntoView {
        move || {
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
            El::new("p")
                .attr("id", "lock-code-error")
                .class("field-error")
                .attr("role", "alert")
                .text(said.unwrap_or_default())
        }
    }

    /// "Protecting…" while the key is derived.
    fn working(self, locale: Locale) -> impl IntoView {
        move || {
            self.busy.get().then(|| {
                El::new("p")
                    .attr("role", "status")
                    .text(td_string!(locale, lock_working))
            })
        }
    }
}

/// A portal's start on a shared device, waiting for its rater to choose a code.
#[component]
fn PendingStart() -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let code = Code::new();
    let refused = RwSignal::new(None::<AssessmentError>);
    move || {
        let locale = i18n.get_locale();
        session.pending_start().map(|start| {
            let intro =
                td_string!(locale, pending_intro, name = start.subject.name.trim()).to_string();
            let form = El::new("form")
                .attr("novalidate", "")
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
            view! {
                <section class="start pending-start" aria-labelledby="pending-heading">
                    <h2 id="pending-heading">{td_string!(locale, pending_heading)}</h2>
                    {form}
                    {code.problem_view(locale)}
                    {code.working(locale)}
                    <p role="alert" class="field-error">
                        {move || refused.get().map(|e| refusal_text(locale, &e))}
                    </p>
                </section>
            }
        })
    }
}

/// Why the home screen asks for a code: the open assessment was locked for want of
/// activity, or the portal's link has a locked draft.
#[component]
fn LockedNotice() -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    move || {
        let locale = i18n.get_locale();
        session.locked_why().map(|why| {
            let text = match why {
                LockedWhy::Idle => td_string!(locale, locked_idle),
                LockedWhy::Link => td_string!(locale, locked_link),
            };
            El::new("p")
                .class("notice locked-notice")
                .attr("role", "status")
                .text(text)
        })
    }
}

/// Sealed assessments: no name until the code is given. Each opens with its code, or, its
/// code forgotten, is deleted alone.
#[component]
fn LockedList() -> impl IntoView {
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
        leptos::task::spawn_local(async move {
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
    move || {
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
                            El::new("p")
                                .attr("id", "unlock-error")
                                .class("field-error")
                                .attr("role", "alert")
                                .text(said.unwrap_or_default()),
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
                        .children(busy.then(|| {
                            El::new("p")
                                .attr("role", "status")
                                .text(td_string!(locale, locked_working))
                        })),
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
                El::new("p")
                    .class("actions")
                    .child(
                        El::new("span")
                            .attr("role", "alert")
                            .text(td_string!(locale, locked_forgotten_confirm)),
                    )
                    .child(
                        El::button("button", "danger", td_string!(locale, draft_discard_yes))
                            .on_click(move || {
                                forgetting.set(None);
                                session.discard(&id);
                            }),
                    )
                    .child(
                        El::button("button", "secondary", td_string!(locale, cancel))
                            .on_click(move || forgetting.set(None)),
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
    }
}

/// Who is assessed, for which position, by whom: then the form.
#[component]
fn StartForm() -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let subject_id = RwSignal::new(String::new());
    let position = RwSignal::new(String::new());
    let role = RwSignal::new(Role::SelfAssessment);
    let error = RwSignal::new(None::<AssessmentError>);
    let summary = NodeRef::<leptos::html::Div>::new();
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
                if let Some(summary) = summary.get_untracked() {
                    let _ = summary.focus();
                }
            });
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let subject = Subject {
            id: subject_id.get_untracked(),
            name: name.get_untracked(),
        };
        let position = Some(position.get_untracked()).filter(|p| !p.is_empty());
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

    redraw_on(
        move || i18n.get_locale(),
        move |locale| {
            let framework = session.framework();
            let language = framework.display_language(locale.as_str()).to_owned();
            let positions = framework
                .positions
                .iter()
                .map(|p| {
                    let title = p.title.get(&language).unwrap_or_default().to_owned();
                    view! {
                        <option value=p.id.clone() selected=position.get_untracked() == p.id>
                            {title}
                        </option>
                    }
                })
                .collect_view();
            let roles = Role::ALL
                .into_iter()
                .map(|r| {
                    let id = format!("role-{}", r.id());
                    view! {
                        <div class="choice">
                            <input
                                type="radio"
                                name="role"
                                id=id.clone()
                                value=r.id()
                                prop:checked=move || role.get() == r
                                on:change=move |_| role.set(r)
                            />
                            <label for=id>{labels::role_choice(locale, r)}</label>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <section class="start" aria-labelledby="start-heading">
                    <h2 id="start-heading">{td_string!(locale, start_heading)}</h2>
                    <form on:submit=submit novalidate>
                        {move || error.get().map(|e| error_summary(locale, &e, summary))}
                        <p class="field">
                            <label for="subject-name">{td_string!(locale, start_name)}</label>
                            <input
                                id="subject-name"
                                type="text"
                                autocomplete="name"
                                required
                                maxlength=MAX_NAME_CHARS
                                aria-invalid=move || {
                                    matches!(error.get(), Some(AssessmentError::MissingName)).to_string()
                                }
                                aria-describedby="subject-name-error"
                                prop:value=move || name.get()
                                on:input=move |ev| name.set(event_target_value(&ev))
                            />
                            <span id="subject-name-error" class="field-error">
                                {move || {
                                    matches!(error.get(), Some(AssessmentError::MissingName))
                                        .then(|| td_string!(locale, start_name_missing))
                                }}
                            </span>
                        </p>
                        <p class="field">
                            <label for="subject-id">{td_string!(locale, start_subject_id)}</label>
                            <input
                                id="subject-id"
                                type="text"
                                maxlength=MAX_NAME_CHARS
                                prop:value=move || subject_id.get()
                                on:input=move |ev| subject_id.set(event_target_value(&ev))
                            />
                        </p>
                        <p class="field">
                            <label for="position">{td_string!(locale, start_position)}</label>
                            <select id="position" on:change=move |ev| position.set(event_target_value(&ev))>
                                <option value="" selected=position.get_untracked().is_empty()>
                                    {td_string!(locale, start_position_none)}
                                </option>
                                {positions}
                            </select>
                        </p>
                        <fieldset class="roles">
                            <legend>{td_string!(locale, start_role)}</legend>
                            {roles}
                        </fieldset>
                        <p class="muted">{move || labels::role_instructions(locale, role.get())}</p>
                        {if session.shared.get_value() {
                            view! { <p class="notice">{td_string!(locale, lock_shared_device)}</p> }.into_any()
                        } else {
                            view! {
                                <div class="choice protect">
                                    <input
                                        type="checkbox"
                                        id="protect"
                                        prop:checked=move || protect.get()
                                        on:change=move |ev| protect.set(event_target_checked(&ev))
                                    />
                                    <label for="protect">{td_string!(locale, lock_choice)}</label>
                                </div>
                            }
                            .into_any()
                        }}
                        {move || protect.get().then(|| code.fields_el(locale))}
                        {code.problem_view(locale)}
                        <button type="submit" class="primary">{td_string!(locale, start_button)}</button>
                        {code.working(locale)}
                    </form>
                </section>
            }
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
/// error summary). It takes the focus when shown.
fn error_summary(
    locale: Locale,
    error: &AssessmentError,
    summary: NodeRef<leptos::html::Div>,
) -> impl IntoView + use<> {
    let message = refusal_text(locale, error);
    let field = match error {
        AssessmentError::UnknownPosition(_) => "position",
        _ => "subject-name",
    };
    let go_to_field = move |ev: leptos::ev::MouseEvent| {
        // Within the page, whether the widget is in a portal's shadow root or not.
        ev.prevent_default();
        let field = summary
            .get_untracked()
            .and_then(|s| s.closest("form").ok().flatten())
            .and_then(|form| form.query_selector(&format!("#{field}")).ok().flatten())
            .and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(field) = field {
            let _ = field.focus();
        }
    };
    view! {
        <div class="error-summary" tabindex="-1" aria-labelledby="start-problem" node_ref=summary>
            <h3 id="start-problem">{td_string!(locale, error_summary_heading)}</h3>
            <ul>
                <li>
                    <a href=format!("#{field}") on:click=go_to_field>
                        {message}
                    </a>
                </li>
            </ul>
        </div>
    }
}

/// "Clear my data from this browser", for shared computers, with a confirmation.
#[component]
fn ClearData() -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let cleared = RwSignal::new(None::<Cleared>);
    redraw_on(
        move || i18n.get_locale(),
        move |locale| {
            view! {
                <section class="clear-data" aria-labelledby="clear-heading">
                    <h2 id="clear-heading">{td_string!(locale, clear_heading)}</h2>
                    <p class="muted">{td_string!(locale, clear_explanation)}</p>
                    <Show
                        when=move || confirming.get()
                        fallback=move || {
                            view! {
                                <button
                                    type="button"
                                    class="secondary"
                                    on:click=move |_| {
                                        cleared.set(None);
                                        confirming.set(true);
                                    }
                                >
                                    {td_string!(locale, clear_button)}
                                </button>
                            }
                        }
                    >
                        <p role="alert">{td_string!(locale, clear_confirm)}</p>
                        <button
                            type="button"
                            class="danger"
                            on:click=move |_| {
                                cleared.set(Some(session.clear_all()));
                                confirming.set(false);
                            }
                        >
                            {td_string!(locale, clear_yes)}
                        </button>
                        " "
                        <button type="button" class="secondary" on:click=move |_| confirming.set(false)>
                            {td_string!(locale, cancel)}
                        </button>
                    </Show>
                    {move || cleared.get().map(|c| removed(locale, c))}
                </section>
            }
        },
    )
}

/// What "clear my data" removed, said once it is done.
fn removed(locale: Locale, cleared: Cleared) -> El {
    let item = |text: String| El::new("li").text(text);
    El::new("div")
        .attr("role", "status")
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
