use competency_core::LocalizedText;
use competency_core::assessment::{AssessmentError, MAX_NAME_CHARS, Role, Subject};
use competency_core::model::{Cleared, Portal, Start};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::redraw_on;
use crate::dom::El;
use crate::i18n::*;
use crate::labels;
use crate::session::Session;

/// The first screen: saved assessments to resume, a form to start a new one, and a way to
/// clear this browser for the next person on a shared computer.
#[component]
pub fn HomeScreen() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, home_heading)}</h1>
        <DraftList />
        <StartForm />
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

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let subject = Subject {
            id: subject_id.get_untracked(),
            name: name.get_untracked(),
        };
        let position = Some(position.get_untracked()).filter(|p| !p.is_empty());
        let refused = session
            .start(Start {
                subject,
                position,
                role: role.get_untracked(),
                portal: Portal::default(),
            })
            .err();
        let shown = refused.is_some();
        error.set(refused);
        // The summary of what to correct takes the focus, so that the refusal is seen (and
        // heard) where the user is, not only beside a field scrolled out of view.
        if shown {
            request_animation_frame(move || {
                if let Some(summary) = summary.get_untracked() {
                    let _ = summary.focus();
                }
            });
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
                        <button type="submit" class="primary">{td_string!(locale, start_button)}</button>
                    </form>
                </section>
            }
        },
    )
}

/// What stopped the form, first thing in it, with a link to the field to correct (the GOV.UK
/// error summary). It takes the focus when shown.
fn error_summary(
    locale: Locale,
    error: &AssessmentError,
    summary: NodeRef<leptos::html::Div>,
) -> impl IntoView + use<> {
    let (message, field) = match error {
        AssessmentError::MissingName => (
            td_string!(locale, start_name_missing).to_owned(),
            "subject-name",
        ),
        AssessmentError::TooLong { limit } => (
            td_string!(locale, start_too_long, limit = *limit).to_string(),
            "subject-name",
        ),
        AssessmentError::UnknownPosition(_) => (
            td_string!(locale, start_unknown_position).to_owned(),
            "position",
        ),
        other => (other.to_string(), "subject-name"),
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
