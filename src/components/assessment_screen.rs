use competency_core::assessment::{Assessment, MissingReason, PlanGap, Rating, Role, Step};
use competency_core::{Framework, LocalizedText};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::ExportPanel;
use crate::components::profile_plan::{plan_editor, plan_list, profile_view};
use crate::components::rating::rating_fieldset;
use crate::components::redraw_on;
use crate::components::table;
use crate::i18n::*;
use crate::labels;
use crate::session::Session;

/// The open assessment: whom it is about and the rater's role, progress and the parts of the
/// form, then the current page, the review, or the submitted assessment.
#[component]
pub fn AssessmentScreen() -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    // What the frame depends on: it is drawn again only when one of these changes, never on a
    // mere answer (which would take the keyboard focus away).
    let frame = Memo::new(move |_| {
        session
            .assessment
            .with(|a| a.as_ref().map(|a| (a.id.clone(), a.step, a.is_submitted())))
    });
    let heading = NodeRef::<leptos::html::H2>::new();
    // A new page (and the form when it opens) takes the focus to its heading, so keyboard and
    // screen-reader users start at its top.
    Effect::new(move |previous: Option<Option<(String, Step, bool)>>| {
        let current = frame.get();
        if previous.is_none_or(|p| p != current)
            && let Some(h) = heading.get()
        {
            let _ = h.focus();
        }
        current
    });

    // A change the domain refused (an answer to an assessment submitted in another tab, say)
    // is said here, whichever part of the form asked for it.
    let refusal = move || {
        session.refused().map(|error| {
            view! { <p class="field-error">{labels::change_error(i18n.get_locale(), &error)}</p> }
        })
    };
    let body = redraw_on(
        move || (frame.get(), i18n.get_locale()),
        move |(frame, locale)| {
            let (_, step, submitted) = frame?;
            let framework = session.framework();
            let assessment = session.assessment.get_untracked()?;
            let language = framework.display_language(locale.as_str()).to_owned();
            let text = |t: &LocalizedText| t.get(&language).unwrap_or_default().to_owned();
            let pages = assessment.pages(&framework);

            let body = match step {
                _ if submitted => {
                    submitted_view(session, &framework, &assessment, locale, heading).into_any()
                }
                Step::Review => {
                    review_view(session, &framework, &assessment, locale, heading).into_any()
                }
                Step::Plan => {
                    plan_page(session, &framework, &assessment, locale, heading).into_any()
                }
                Step::Page(n) => {
                    let page = &pages[n.min(pages.len().saturating_sub(1))];
                    let fieldsets = page
                        .competencies
                        .iter()
                        .map(|c| rating_fieldset(session, &framework, &assessment, c, locale))
                        .collect_view();
                    let next = assessment
                        .next_step(&framework, Step::Page(n))
                        .unwrap_or(Step::Review);
                    // Moving on with answers missing is allowed, after a word: the first
                    // click says how many are missing, the second goes on.
                    let unanswered_here = RwSignal::new(0usize);
                    let on_page: Vec<String> =
                        page.competencies.iter().map(|c| c.id.clone()).collect();
                    let on_next = move |_| {
                        let missing = session.assessment.with_untracked(|a| {
                            a.as_ref().map_or(0, |a| {
                                on_page
                                    .iter()
                                    .filter(|id| a.answer(id).is_none_or(|a| a.rating.is_none()))
                                    .count()
                            })
                        });
                        if missing > 0 && unanswered_here.get_untracked() == 0 {
                            unanswered_here.set(missing);
                        } else {
                            session.go_to(next);
                        }
                    };
                    view! {
                        <section class="page" aria-labelledby="page-heading">
                            <h2 id="page-heading" tabindex="-1" node_ref=heading>
                                {text(&page.group.name)}
                            </h2>
                            {fieldsets}
                            <p class="notice unanswered" role="status">
                                {move || match unanswered_here.get() {
                                    0 => String::new(),
                                    1 => td_string!(locale, page_unanswered_one).to_owned(),
                                    count => {
                                        td_string!(locale, page_unanswered_many, count).to_string()
                                    }
                                }}
                            </p>
                            <nav class="page-nav" aria-label=td_string!(locale, page_nav_label)>
                                {(n > 0)
                                    .then(|| {
                                        view! {
                                            <button
                                                type="button"
                                                class="secondary"
                                                on:click=move |_| session.go_to(Step::Page(n - 1))
                                            >
                                                {td_string!(locale, page_previous)}
                                            </button>
                                        }
                                    })}
                                <button type="button" class="primary" on:click=on_next>
                                    {move || match (unanswered_here.get() > 0, next) {
                                        (true, _) => td_string!(locale, page_continue_anyway),
                                        (false, Step::Review) => td_string!(locale, page_to_review),
                                        (false, Step::Plan) => td_string!(locale, page_to_plan),
                                        (false, Step::Page(_)) => td_string!(locale, page_next),
                                    }}
                                </button>
                            </nav>
                        </section>
                    }
                    .into_any()
                }
            };

            Some(view! {
                {header(&framework, &assessment, locale)}
                {updates_notice(session, locale)}
                {(!submitted).then(|| contents(session, &framework, &assessment, locale, step))}
                {body}
            })
        },
    );
    view! {
        <div role="alert">{refusal}</div>
        {body}
    }
}

/// Whom the assessment is about, in which role, and what that role is asked to do.
fn header(framework: &Framework, a: &Assessment, locale: Locale) -> impl IntoView + use<> {
    let language = framework.display_language(locale.as_str());
    let position = a
        .position
        .as_deref()
        .and_then(|p| framework.position(p))
        .and_then(|p| p.title.get(language))
        .map(|title| td_string!(locale, assessment_position, position = title).to_string());
    let title = if a.role == Role::SelfAssessment {
        td_string!(locale, assessment_title_self, name = a.subject.name.clone()).to_string()
    } else {
        td_string!(
            locale,
            assessment_title_other,
            name = a.subject.name.clone()
        )
        .to_string()
    };
    let role = td_string!(locale, assessment_role, role = labels::role(locale, a.role)).to_string();
    let subject_id = (!a.subject.id.is_empty())
        .then(|| td_string!(locale, assessment_subject_id, id = a.subject.id.clone()).to_string());
    // An invitation fixes whom, in which role: the rater sees it before the first answer.
    let invitation = a.invitation.as_ref().map(|_| {
        let name = a.subject.name.clone();
        if a.role == Role::SelfAssessment {
            td_string!(locale, invitation_notice_self, name).to_string()
        } else {
            let role = labels::role_as(locale, a.role);
            td_string!(locale, invitation_notice_other, name, role).to_string()
        }
    });
    view! {
        <header class="assessment-header">
            <h1>{title}</h1>
            <p class="who">
                <span class="tag">{role}</span>
                {position.map(|p| view! { " " <span>{p}</span> })}
                {subject_id.map(|s| view! { " " <span class="muted">{s}</span> })}
            </p>
            {invitation.map(|text| view! { <p class="invitation notice">{text}</p> })}
            <p class="instructions">{labels::role_instructions(locale, a.role)}</p>
        </header>
    }
}

/// Tells the rater when their draft was brought up to date with a changed framework.
fn updates_notice(session: Session, locale: Locale) -> impl IntoView + use<> {
    move || {
        let count = session.updates.with(Vec::len);
        let set_aside = session
            .assessment
            .with(|a| a.as_ref().map_or(0, |a| a.set_aside.len()));
        (count > 0).then(|| {
            view! {
                <div class="notice" role="status">
                    <p>{td_string!(locale, draft_updated, count = set_aside).to_string()}</p>
                </div>
            }
        })
    }
}

/// Overall progress and the parts of the form, each with its own progress.
fn contents(
    session: Session,
    framework: &Framework,
    a: &Assessment,
    locale: Locale,
    step: Step,
) -> impl IntoView + use<> {
    let language = framework.display_language(locale.as_str());
    let progress = Memo::new(move |_| {
        let framework = session.framework();
        session
            .assessment
            .with(|a| a.as_ref().map(|a| a.progress(&framework)))
    });
    let overall = move || {
        progress.with(|p| {
            p.as_ref().map(|p| {
                let text = td_string!(
                    locale,
                    progress_overall,
                    answered = p.answered,
                    required = p.required
                )
                .to_string();
                view! {
                    <progress max=p.required value=p.answered aria-hidden="true"></progress>
                    " "
                    <span>{text}</span>
                }
            })
        })
    };
    let items = a
        .pages(framework)
        .into_iter()
        .enumerate()
        .map(|(n, page)| {
            let name = page.group.name.get(language).unwrap_or_default().to_owned();
            let counts = move || {
                progress.with(|p| {
                    p.as_ref()
                        .and_then(|p| p.pages.get(n))
                        .map(|(_, answered, required)| {
                            let done = if answered == required { " ✓" } else { "" };
                            format!("{answered}/{required}{done}")
                        })
                })
            };
            view! {
                <li>
                    {step_link(session, step, Step::Page(n), name)}
                    " "
                    <span class="count">{counts}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="contents" aria-label=td_string!(locale, contents_label)>
            <ol>
                {items}
                {a.has_plan().then(|| view! {
                    <li>{step_link(session, step, Step::Plan, td_string!(locale, plan_step).to_owned())}</li>
                })}
                <li>{step_link(session, step, Step::Review, td_string!(locale, review_heading).to_owned())}</li>
            </ol>
        </nav>
        // Stays in view while the rater scrolls through a page.
        <p class="progress">{overall}</p>
    }
}

/// A part of the form in its table of contents: marked when it is the `current` step.
fn step_link(session: Session, current: Step, target: Step, label: String) -> impl IntoView {
    view! {
        <button
            type="button"
            class="link"
            aria-current=(current == target).then_some("step")
            on:click=move |_| session.go_to(target)
        >
            {label}
        </button>
    }
}

/// Every answer at a glance, the missing ones flagged and one click away; submission once
/// nothing is missing.
fn review_view(
    session: Session,
    framework: &Framework,
    a: &Assessment,
    locale: Locale,
    heading: NodeRef<leptos::html::H2>,
) -> impl IntoView + use<> {
    let missing = a.missing(framework);
    let summary = summary(session, framework, a, locale, &missing);
    let plan_missing = missing
        .iter()
        .filter(|m| matches!(m.reason, MissingReason::Plan(_)))
        .count();
    let plan = a.has_plan().then(|| {
        let language = framework.display_language(locale.as_str());
        let records = competency_core::result::plan_records(a, framework, language);
        // The entries still to complete are listed with what they lack: the complete ones
        // alone would say "no competency in the plan" beside "3 parts to complete".
        let mut gaps: Vec<(String, Vec<&'static str>)> = Vec::new();
        let mut first_gap = None;
        for m in &missing {
            let MissingReason::Plan(gap) = m.reason else {
                continue;
            };
            let (part, field) = match gap {
                PlanGap::NoTargetLevel => (td_string!(locale, plan_gap_level), "level"),
                PlanGap::NoTargetDate => (td_string!(locale, plan_gap_date), "date"),
                PlanGap::NoAction => (td_string!(locale, plan_gap_action), "own"),
            };
            first_gap.get_or_insert_with(|| format!("plan-{}-{field}", m.competency));
            match gaps.iter_mut().find(|(c, _)| *c == m.competency) {
                Some((_, parts)) => parts.push(part),
                None => gaps.push((m.competency.clone(), vec![part])),
            }
        }
        let list = (!records.is_empty() || gaps.is_empty())
            .then(|| plan_list(framework, &records, locale));
        let incomplete = gaps
            .into_iter()
            .map(|(competency, parts)| {
                let name = framework
                    .competency(&competency)
                    .and_then(|c| c.name.get(language))
                    .unwrap_or(&competency)
                    .to_owned();
                let parts = parts.join(", ");
                view! {
                    <li>
                        <strong>{name}</strong>
                        {td_string!(locale, review_plan_lacks, parts).to_string()}
                    </li>
                }
            })
            .collect_view();
        view! {
            <h3>{td_string!(locale, plan_heading)}</h3>
            {list}
            {(plan_missing > 0).then(|| view! {
                <ul class="plan-incomplete">{incomplete}</ul>
                <p class="flag">
                    "⚠ " {td_string!(locale, review_plan_incomplete, count = plan_missing).to_string()}
                    " "
                    <button
                        type="button"
                        class="link"
                        on:click=move |ev| {
                            let root = root_of(&ev);
                            session.go_to(Step::Plan);
                            if let Some(field) = first_gap.clone() {
                                focus_later(root, field, None);
                            }
                        }
                    >
                        {td_string!(locale, review_plan_complete)}
                    </button>
                </p>
            })}
        }
    });
    let complete = missing.is_empty();
    let remaining = missing.len();
    // "Send" only where something is sent: with no upload address, the rater hands the file
    // over themselves (the finished screen says so).
    let submit_label = if a.role == Role::SelfAssessment {
        td_string!(locale, submit_self)
    } else if session.upload.with_value(Option::is_some) {
        td_string!(locale, submit_other_upload)
    } else {
        td_string!(locale, submit_other)
    };
    let submit = move |_| {
        session.apply(|a, f, now| a.submit(f, now));
    };
    view! {
        <section class="review" aria-labelledby="page-heading">
            <h2 id="page-heading" tabindex="-1" node_ref=heading>
                {td_string!(locale, review_heading)}
            </h2>
            {summary}
            {plan}
            <div class="submit">
                {(!complete)
                    .then(|| {
                        view! {
                            <p id="submit-blocked" class="field-error">
                                {td_string!(locale, review_remaining, count = remaining).to_string()}
                            </p>
                        }
                    })}
                <button
                    type="button"
                    class="primary"
                    disabled=!complete
                    aria-describedby=(!complete).then_some("submit-blocked")
                    on:click=submit
                >
                    {submit_label}
                </button>
            </div>
        </section>
    }
}

/// The submitted assessment, read-only, and what to do next.
fn submitted_view(
    session: Session,
    framework: &Framework,
    a: &Assessment,
    locale: Locale,
    heading: NodeRef<leptos::html::H2>,
) -> impl IntoView + use<> {
    let summary = summary(session, framework, a, locale, &[]);
    let own = a.has_plan().then(|| {
        let language = framework.display_language(locale.as_str());
        let records = competency_core::result::plan_records(a, framework, language);
        let list = plan_list(framework, &records, locale);
        view! {
            {profile_view(framework, a, locale)}
            <h3>{td_string!(locale, plan_heading)}</h3>
            {list}
        }
    });
    let done = if a.role == Role::SelfAssessment {
        td_string!(locale, submitted_self)
    } else {
        td_string!(locale, submitted_other)
    };
    view! {
        <section class="submitted" aria-labelledby="page-heading">
            <h2 id="page-heading" tabindex="-1" node_ref=heading>
                {td_string!(locale, submitted_heading)}
            </h2>
            <p class="notice notice-success" role="status">{done}</p>
            <ExportPanel />
            <p class="actions">
                <button type="button" class="primary" on:click=move |_| session.close()>
                    {td_string!(locale, submitted_another)}
                </button>
            </p>
            {own}
            {summary}
        </section>
    }
}

/// The person's profile against the position, and the development plan they build from it.
fn plan_page(
    session: Session,
    framework: &Framework,
    a: &Assessment,
    locale: Locale,
    heading: NodeRef<leptos::html::H2>,
) -> impl IntoView + use<> {
    let previous = a.previous_step(framework, Step::Plan);
    view! {
        <section class="plan-page" aria-labelledby="page-heading">
            <h2 id="page-heading" tabindex="-1" node_ref=heading>
                {td_string!(locale, plan_step)}
            </h2>
            {profile_view(framework, a, locale)}
            {plan_editor(session, framework, a, locale)}
            <nav class="page-nav" aria-label=td_string!(locale, page_nav_label)>
                {previous.map(|step| view! {
                    <button type="button" class="secondary" on:click=move |_| session.go_to(step)>
                        {td_string!(locale, page_previous)}
                    </button>
                })}
                <button type="button" class="primary" on:click=move |_| session.go_to(Step::Review)>
                    {td_string!(locale, page_to_review)}
                </button>
            </nav>
        </section>
    }
}

/// Each page's competencies with their answers; a missing one is flagged, with a button that
/// leads to it.
fn summary(
    session: Session,
    framework: &Framework,
    a: &Assessment,
    locale: Locale,
    missing: &[competency_core::assessment::Missing],
) -> impl IntoView + use<> {
    let language = framework.display_language(locale.as_str());
    let text = |t: &LocalizedText| t.get(language).unwrap_or_default().to_owned();
    a.pages(framework)
        .into_iter()
        .enumerate()
        .map(|(n, page)| {
            let rating_label = table::column_label(locale, td_string!(locale, review_rating));
            let notes_label = table::column_label(locale, td_string!(locale, review_notes));
            let rows = page
                .competencies
                .iter()
                .map(|c| {
                    let answer = a.answer(&c.id);
                    let rating = match answer.and_then(|a| a.rating.as_ref()) {
                        Some(Rating::Level(level)) => framework
                            .level(level)
                            .map(|(_, l)| text(&l.label))
                            .unwrap_or_default(),
                        Some(Rating::NotObserved) => {
                            labels::not_observed(locale, a.role).to_owned()
                        }
                        None => String::new(),
                    };
                    let problem = missing
                        .iter()
                        .find(|m| {
                            m.competency == c.id && !matches!(m.reason, MissingReason::Plan(_))
                        })
                        .map(|m| {
                            // "Answer" goes to the levels, "Explain" to the comment it asks for.
                            let (flag, action, focus) = match m.reason {
                                MissingReason::Unrated => (
                                    td_string!(locale, review_unrated),
                                    td_string!(locale, review_answer),
                                    "input",
                                ),
                                MissingReason::BelowRequiredUnexplained
                                | MissingReason::Plan(_) => (
                                    td_string!(locale, review_unexplained),
                                    td_string!(locale, review_explain),
                                    "textarea",
                                ),
                            };
                            let target = format!("competency-{}", c.id);
                            view! {
                                <span class="flag">"⚠ " {flag}</span>
                                " "
                                <button
                                    type="button"
                                    class="link"
                                    on:click=move |ev| {
                                        let root = root_of(&ev);
                                        session.go_to(Step::Page(n));
                                        focus_later(root, target.clone(), Some(focus));
                                    }
                                >
                                    {action}
                                </button>
                            }
                        });
                    let comment = answer
                        .map(|a| {
                            [a.comment.trim(), a.evidence.trim()]
                                .join(" ")
                                .trim()
                                .to_owned()
                        })
                        .filter(|s| !s.is_empty());
                    let is_missing = problem.is_some();
                    let no_comment = comment.is_none();
                    view! {
                        <tr class:missing=is_missing>
                            <th scope="row">{text(&c.name)}</th>
                            <td data-label=rating_label.clone()>{rating} " " {problem}</td>
                            <td class="muted" class:empty=no_comment data-label=notes_label.clone()>
                                {comment}
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="summary answers">
                    <caption>{text(&page.group.name)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{td_string!(locale, review_competency)}</th>
                            <th scope="col">{td_string!(locale, review_rating)}</th>
                            <th scope="col">{td_string!(locale, review_notes)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
        .collect_view()
}

/// The document, or the shadow root of a widget in a portal's page, that `ev` happened in.
fn root_of(ev: &web_sys::Event) -> Option<web_sys::Node> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        .map(|node| node.get_root_node())
}

/// Once the page that holds it is drawn, scrolls to the element `id` and focuses it, or
/// (`field`) the first field of that kind inside it, opening the notes it may be in. `root` is
/// the document, or the shadow root of a widget in a portal's page (both have `getElementById`).
fn focus_later(root: Option<web_sys::Node>, id: String, field: Option<&'static str>) {
    request_animation_frame(move || {
        let element = root.and_then(|root| {
            let find: js_sys::Function = js_sys::Reflect::get(&root, &"getElementById".into())
                .ok()?
                .dyn_into()
                .ok()?;
            find.call1(&root, &id.into())
                .ok()?
                .dyn_into::<web_sys::Element>()
                .ok()
        });
        if let Some(element) = element {
            element.scroll_into_view();
            // A field in closed notes is opened first, or it could not take the focus.
            if let Some(details) = element
                .query_selector("details")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                .filter(|_| field == Some("textarea"))
            {
                details.set_open(true);
            }
            let target = match field {
                Some(field) => element.query_selector(field).ok().flatten(),
                None => Some(element),
            };
            if let Some(input) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = input.focus();
            }
        }
    });
}
