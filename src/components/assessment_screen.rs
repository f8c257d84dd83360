use crate::prelude::*;
use competency_core::assessment::{Assessment, MissingReason, Page, PlanGap, Rating, Role, Step};
use competency_core::{Framework, LocalizedText};
use wasm_bindgen::JsCast;

use crate::chunk;
use crate::components::export_panel;
use crate::components::profile_plan::{gap_field, plan_editor, plan_list, profile_view};
use crate::components::rating::rating_fieldset;
use crate::components::table;
use crate::dom::{self, Attr, El, Slot};
use crate::i18n::*;
use crate::labels;
use crate::session::Session;

/// The open assessment: whom it is about and the rater's role, progress and the parts of the
/// form, then the current page, the review, or the submitted assessment.
pub fn assessment_screen() -> El {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    // What the frame depends on: it is drawn again only when one of these changes, never on a
    // mere answer (which would take the keyboard focus away).
    let frame = Derived::new(move || {
        session
            .assessment
            .with(|a| a.as_ref().map(|a| (a.id.clone(), a.step, a.is_submitted())))
    });
    // The heading of the step shown: a page of the form, the plan, the review, or the
    // submitted assessment. A step drawn once its code has arrived (the `split` feature)
    // takes the focus then, if it was asked for.
    let heading = dom::slot();
    let pending_focus = StoredValue::new(false);
    // A new page (and the form when it opens) takes the focus to its heading, so keyboard and
    // screen-reader users start at its top.
    Effect::new(move |previous: Option<Option<(String, Step, bool)>>| {
        let current = frame.get();
        if previous.is_none_or(|p| p != current) {
            match heading
                .get_value()
                .filter(|h| h.is_connected())
                .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
            {
                Some(h) => {
                    let _ = h.focus();
                }
                None => pending_focus.set_value(true),
            }
        }
        current
    });

    // A change the domain refused (an answer to an assessment submitted in another tab, say)
    // is said here, whichever part of the form asked for it.
    let refusal = dom::dynamic(move || {
        session.refused().map(|error| {
            El::new("p")
                .class("field-error")
                .text(labels::change_error(i18n.get_locale(), &error))
        })
    });
    let body = dom::keyed(
        move || (frame.get(), i18n.get_locale()),
        move |(frame, locale)| {
            let (_, step, submitted) = frame?;
            let framework = session.framework();
            let assessment = session.assessment.get_untracked()?;
            let pages = assessment.pages(&framework);

            let body = match step {
                Step::Page(n) if !submitted => page_view(
                    session,
                    &framework,
                    &assessment,
                    &pages[n.min(pages.len().saturating_sub(1))],
                    n,
                    locale,
                    heading,
                ),
                _ => later(Later {
                    session,
                    framework: framework.clone(),
                    assessment: assessment.clone(),
                    locale,
                    heading,
                    submitted,
                    step,
                    pending_focus,
                }),
            };

            Some(
                El::group()
                    .child(header(&framework, &assessment, locale))
                    .child(updates_notice(session, locale))
                    .children(
                        (!submitted)
                            .then(|| contents(session, &framework, &assessment, locale, step))
                            .into_iter()
                            .flatten(),
                    )
                    .child(body),
            )
        },
    );
    El::group()
        .child(El::new("div").attr(Attr::Role, "alert").child(refusal))
        .child(body)
}

/// What a step after the form's pages is drawn from.
#[derive(Clone)]
struct Later {
    session: Session,
    framework: std::sync::Arc<Framework>,
    assessment: Assessment,
    locale: Locale,
    heading: Slot,
    submitted: bool,
    step: Step,
    /// Set when the step's heading should take the focus once it is drawn.
    pending_focus: StoredValue<bool>,
}

thread_local! {
    /// What draws the later steps, once their chunk has arrived.
    static LATER_ARRIVED: std::cell::Cell<Option<chunk::Draw<Later>>> = const { std::cell::Cell::new(None) };
}

/// The review, the plan or the submitted assessment. With the `split` feature their code is
/// in a chunk of its own, fetched when the rater first reaches one of them: "Loading…" until
/// then, and the focus on the step's heading once it is drawn, if it was asked for.
fn later(later: Later) -> El {
    chunk::drawn(
        &LATER_ARRIVED,
        crate::chunk_loader!(later_steps),
        later,
        |later| {
            if later.pending_focus.try_get_value() == Some(true) {
                later.pending_focus.set_value(false);
                if let Some(h) = later
                    .heading
                    .try_get_value()
                    .flatten()
                    .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = h.focus();
                }
            }
        },
        |locale| td_string!(locale, later_failed),
    )
}

/// What draws the later steps: a split point (see [`chunk`]).
#[cfg_attr(
    feature = "split",
    wasm_split_helpers::wasm_split(later_steps, fallible, wasm_split_path = ::wasm_split_helpers)
)]
fn later_steps() -> Result<chunk::Draw<Later>, chunk::Unloaded> {
    Ok(later_step)
}

/// Draws `later`'s step.
fn later_step(later: Later) -> El {
    let Later {
        session,
        framework,
        assessment,
        locale,
        heading,
        submitted,
        step,
        pending_focus: _,
    } = later;
    if submitted {
        submitted_view(session, &framework, &assessment, locale, heading)
    } else if step == Step::Review {
        review_view(session, &framework, &assessment, locale, heading)
    } else {
        plan_page(session, &framework, &assessment, locale, heading)
    }
}

/// Page `n` of the form: its group's competencies, each rated in its fieldset, then the way
/// back and on. Moving on with answers missing is allowed, after a word: the first click says
/// how many are missing, the second goes on.
fn page_view(
    session: Session,
    framework: &Framework,
    assessment: &Assessment,
    page: &Page,
    n: usize,
    locale: Locale,
    heading: Slot,
) -> El {
    let language = framework.display_language(locale.as_str());
    let next = assessment
        .next_step(framework, Step::Page(n))
        .unwrap_or(Step::Review);
    let next_label = match next {
        Step::Review => td_string!(locale, page_to_review),
        Step::Plan => td_string!(locale, page_to_plan),
        Step::Page(_) => td_string!(locale, page_next),
    };
    let on_page: Vec<String> = page.competencies.iter().map(|c| c.id.clone()).collect();
    let (notice, button) = (dom::slot(), dom::slot());
    let warned = StoredValue::new(false);
    let on_next = move || {
        let missing = session.assessment.with_untracked(|a| {
            a.as_ref()
                .map_or(0, |a| a.unrated(on_page.iter().map(String::as_str)))
        });
        if missing == 0 || warned.get_value() {
            session.go_to(next);
            return;
        }
        warned.set_value(true);
        let said = match missing {
            1 => td_string!(locale, page_unanswered_one).to_owned(),
            count => td_string!(locale, page_unanswered_many, count).to_string(),
        };
        if let Some(notice) = notice.get_value() {
            notice.set_text_content(Some(&said));
        }
        if let Some(button) = button.get_value() {
            button.set_text_content(Some(td_string!(locale, page_continue_anyway)));
        }
    };
    let previous = (n > 0).then(|| {
        El::button("button", "secondary", td_string!(locale, page_previous))
            .on_click(move || session.go_to(Step::Page(n - 1)))
    });
    El::new("section")
        .class("page")
        .attr(Attr::AriaLabelledby, "page-heading")
        .child(
            El::new("h2")
                .attr(Attr::Id, "page-heading")
                .attr(Attr::Tabindex, "-1")
                .keep(heading)
                .text(page.group.name.get(language).unwrap_or_default().to_owned()),
        )
        .children(
            page.competencies
                .iter()
                .map(|c| rating_fieldset(session, framework, assessment, c, locale)),
        )
        .child(
            El::new("p")
                .class("notice unanswered")
                .attr(Attr::Role, "status")
                .keep(notice),
        )
        .child(
            El::new("nav")
                .class("page-nav")
                .attr(Attr::AriaLabel, td_string!(locale, page_nav_label))
                .children(previous)
                .child(
                    El::button("button", "primary", next_label)
                        .keep(button)
                        .on_click(on_next),
                ),
        )
}

/// Whom the assessment is about, in which role, and what that role is asked to do.
fn header(framework: &Framework, a: &Assessment, locale: Locale) -> El {
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
    let mut who = El::new("p")
        .class("who")
        .child(El::new("span").class("tag").text(role));
    if let Some(position) = position {
        who = who.text(" ").child(El::new("span").text(position));
    }
    if let Some(subject_id) = subject_id {
        who = who
            .text(" ")
            .child(El::new("span").class("muted").text(subject_id));
    }
    El::new("header")
        .class("assessment-header")
        .child(El::new("h1").text(title))
        .child(who)
        .children(invitation.map(|text| El::new("p").class("invitation notice").text(text)))
        .child(
            El::new("p")
                .class("instructions")
                .text(labels::role_instructions(locale, a.role)),
        )
}

/// Tells the rater when their draft was brought up to date with a changed framework.
fn updates_notice(session: Session, locale: Locale) -> El {
    dom::dynamic(move || {
        let count = session.updates.with(Vec::len);
        let set_aside = session
            .assessment
            .with(|a| a.as_ref().map_or(0, |a| a.set_aside.len()));
        (count > 0).then(|| {
            El::new("div")
                .class("notice")
                .attr(Attr::Role, "status")
                .child(
                    El::new("p")
                        .text(td_string!(locale, draft_updated, count = set_aside).to_string()),
                )
        })
    })
}

/// Overall progress and the parts of the form, each with its own progress: drawn once per
/// step, the counts then follow the answers in place.
fn contents(
    session: Session,
    framework: &Framework,
    a: &Assessment,
    locale: Locale,
    step: Step,
) -> Vec<El> {
    let language = framework.display_language(locale.as_str());
    let pages = a.pages(framework);
    let counts: Vec<Slot> = pages.iter().map(|_| dom::slot()).collect();
    let (bar, overall) = (dom::slot(), dom::slot());
    let link = |target: Step, label: String| {
        let mut button =
            El::button("button", "link", label).on_click(move || session.go_to(target));
        if target == step {
            button = button.attr(Attr::AriaCurrent, "step");
        }
        button
    };
    let mut items: Vec<El> = pages
        .iter()
        .zip(&counts)
        .enumerate()
        .map(|(n, (page, count))| {
            let name = page.group.name.get(language).unwrap_or_default().to_owned();
            El::new("li")
                .child(link(Step::Page(n), name))
                .text(" ")
                .child(El::new("span").class("count").keep(*count))
        })
        .collect();
    if a.has_plan() {
        items.push(El::new("li").child(link(Step::Plan, td_string!(locale, plan_step).to_owned())));
    }
    items.push(El::new("li").child(link(
        Step::Review,
        td_string!(locale, review_heading).to_owned(),
    )));

    let progress = Derived::new(move || {
        let framework = session.framework();
        session
            .assessment
            .with(|a| a.as_ref().map(|a| a.progress(&framework)))
    });
    dom::effect(move || {
        progress.with(|p| {
            let Some(p) = p else { return };
            for (count, (_, answered, required)) in counts.iter().zip(&p.pages) {
                let done = if answered == required { " ✓" } else { "" };
                if let Some(count) = count.get_value() {
                    count.set_text_content(Some(&format!("{answered}/{required}{done}")));
                }
            }
            if let Some(bar) = bar.get_value() {
                let _ = bar.set_attribute("max", &p.required.to_string());
                let _ = bar.set_attribute("value", &p.answered.to_string());
            }
            if let Some(overall) = overall.get_value() {
                let text = td_string!(
                    locale,
                    progress_overall,
                    answered = p.answered,
                    required = p.required
                );
                overall.set_text_content(Some(&text.to_string()));
            }
        });
    });
    vec![
        El::new("nav")
            .class("contents")
            .attr(Attr::AriaLabel, td_string!(locale, contents_label))
            .child(El::new("ol").children(items)),
        // Stays in view while the rater scrolls through a page (a sibling of the page, so
        // that it sticks all along it).
        El::new("p")
            .class("progress")
            .child(El::new("progress").attr(Attr::AriaHidden, "true").keep(bar))
            .text(" ")
            .child(El::new("span").keep(overall)),
    ]
}

/// A step's heading (the focus goes there when the step opens), kept in `slot`.
fn step_heading(text: &'static str, slot: Slot) -> El {
    El::new("h2")
        .attr(Attr::Id, "page-heading")
        .attr(Attr::Tabindex, "-1")
        .keep(slot)
        .text(text)
}

/// Every answer at a glance, the missing ones flagged and one click away; submission once
/// nothing is missing.
fn review_view(
    session: Session,
    framework: &Framework,
    a: &Assessment,
    locale: Locale,
    heading: Slot,
) -> El {
    let missing = a.missing(framework);
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
            let part = match gap {
                PlanGap::NoTargetLevel => td_string!(locale, plan_gap_level),
                PlanGap::NoTargetDate => td_string!(locale, plan_gap_date),
                PlanGap::NoAction => td_string!(locale, plan_gap_action),
            };
            first_gap.get_or_insert_with(|| format!("plan-{}-{}", m.competency, gap_field(gap)));
            match gaps.iter_mut().find(|(c, _)| *c == m.competency) {
                Some((_, parts)) => parts.push(part),
                None => gaps.push((m.competency.clone(), vec![part])),
            }
        }
        let list = (!records.is_empty() || gaps.is_empty())
            .then(|| plan_list(framework, &records, locale));
        let incomplete = gaps.into_iter().map(|(competency, parts)| {
            let name = framework
                .competency(&competency)
                .and_then(|c| c.name.get(language))
                .unwrap_or(&competency)
                .to_owned();
            let parts = parts.join(", ");
            El::new("li")
                .child(El::new("strong").text(name))
                .text(td_string!(locale, review_plan_lacks, parts).to_string())
        });
        let mut part = vec![El::new("h3").text(td_string!(locale, plan_heading))];
        part.extend(list);
        if plan_missing > 0 {
            part.push(El::new("ul").class("plan-incomplete").children(incomplete));
            part.push(
                El::new("p")
                    .class("flag")
                    .text("⚠ ")
                    .text(
                        td_string!(locale, review_plan_incomplete, count = plan_missing)
                            .to_string(),
                    )
                    .text(" ")
                    .child(
                        El::button("button", "link", td_string!(locale, review_plan_complete)).on(
                            "click",
                            move |ev| {
                                let root = root_of(&ev);
                                session.go_to(Step::Plan);
                                if let Some(field) = first_gap.clone() {
                                    focus_later(root, field, None);
                                }
                            },
                        ),
                    ),
            );
        }
        part
    });
    let complete = missing.is_empty();
    // "Send" only where something is sent: with no upload address, the rater hands the file
    // over themselves (the finished screen says so).
    let submit_label = if a.role == Role::SelfAssessment {
        td_string!(locale, submit_self)
    } else if session.upload.with_value(Option::is_some) {
        td_string!(locale, submit_other_upload)
    } else {
        td_string!(locale, submit_other)
    };
    let mut submit = El::button("button", "primary", submit_label)
        .on_click(move || session.apply(|a, f, now| a.submit(f, now)));
    let mut blocked = None;
    if !complete {
        submit = submit
            .attr(Attr::Disabled, "")
            .attr(Attr::AriaDescribedby, "submit-blocked");
        blocked = Some(
            El::new("p")
                .attr(Attr::Id, "submit-blocked")
                .class("field-error")
                .text(td_string!(locale, review_remaining, count = missing.len()).to_string()),
        );
    }
    El::new("section")
        .class("review")
        .attr(Attr::AriaLabelledby, "page-heading")
        .child(step_heading(td_string!(locale, review_heading), heading))
        .children(summary(session, framework, a, locale, &missing))
        .children(plan.into_iter().flatten())
        .child(
            El::new("div")
                .class("submit")
                .children(blocked)
                .child(submit),
        )
}

/// The submitted assessment, read-only, and what to do next.
fn submitted_view(
    session: Session,
    framework: &Framework,
    a: &Assessment,
    locale: Locale,
    heading: Slot,
) -> El {
    let done = if a.role == Role::SelfAssessment {
        td_string!(locale, submitted_self)
    } else {
        td_string!(locale, submitted_other)
    };
    let before = [
        step_heading(td_string!(locale, submitted_heading), heading),
        El::status("notice notice-success", done),
    ];
    let mut after = vec![
        El::new("p").class("actions").child(
            El::button("button", "primary", td_string!(locale, submitted_another))
                .on_click(move || session.close()),
        ),
    ];
    if a.has_plan() {
        let language = framework.display_language(locale.as_str());
        let records = competency_core::result::plan_records(a, framework, language);
        after.push(profile_view(framework, a, locale));
        after.push(El::new("h3").text(td_string!(locale, plan_heading)));
        after.push(plan_list(framework, &records, locale));
    }
    after.extend(summary(session, framework, a, locale, &[]));
    El::new("section")
        .class("submitted")
        .attr(Attr::AriaLabelledby, "page-heading")
        .children(before)
        .child(export_panel())
        .children(after)
}

/// The person's profile against the position, and the development plan they build from it.
fn plan_page(
    session: Session,
    framework: &Framework,
    a: &Assessment,
    locale: Locale,
    heading: Slot,
) -> El {
    let previous = a.previous_step(framework, Step::Plan).map(|step| {
        El::button("button", "secondary", td_string!(locale, page_previous))
            .on_click(move || session.go_to(step))
    });
    let nav = El::new("nav")
        .class("page-nav")
        .attr(Attr::AriaLabel, td_string!(locale, page_nav_label))
        .children(previous)
        .child(
            El::button("button", "primary", td_string!(locale, page_to_review))
                .on_click(move || session.go_to(Step::Review)),
        );
    El::new("section")
        .class("plan-page")
        .attr(Attr::AriaLabelledby, "page-heading")
        .child(step_heading(td_string!(locale, plan_step), heading))
        .child(profile_view(framework, a, locale))
        .child(plan_editor(session, framework, a, locale))
        .child(nav)
}

/// Each page's competencies with their answers; a missing one is flagged, with a button that
/// leads to it.
fn summary(
    session: Session,
    framework: &Framework,
    a: &Assessment,
    locale: Locale,
    missing: &[competency_core::assessment::Missing],
) -> Vec<El> {
    let language = framework.display_language(locale.as_str());
    let text = |t: &LocalizedText| t.get(language).unwrap_or_default().to_owned();
    let (competency, rating, notes) = (
        td_string!(locale, review_competency),
        td_string!(locale, review_rating),
        td_string!(locale, review_notes),
    );
    a.pages(framework)
        .into_iter()
        .enumerate()
        .map(|(n, page)| {
            let rows = page.competencies.iter().map(|c| {
                let answer = a.answer(&c.id);
                let label = match answer.and_then(|a| a.rating.as_ref()) {
                    Some(Rating::Level(level)) => framework
                        .level(level)
                        .map(|(_, l)| text(&l.label))
                        .unwrap_or_default(),
                    Some(Rating::NotObserved) => labels::not_observed(locale, a.role).to_owned(),
                    None => String::new(),
                };
                let mut rated = table::cell(locale, rating).text(label).text(" ");
                let problem = missing
                    .iter()
                    .find(|m| m.competency == c.id && !matches!(m.reason, MissingReason::Plan(_)));
                if let Some(m) = problem {
                    // "Answer" goes to the levels, "Explain" to the comment it asks for.
                    let (flag, action, focus) = match m.reason {
                        MissingReason::Unrated => (
                            td_string!(locale, review_unrated),
                            td_string!(locale, review_answer),
                            "input",
                        ),
                        MissingReason::BelowRequiredUnexplained | MissingReason::Plan(_) => (
                            td_string!(locale, review_unexplained),
                            td_string!(locale, review_explain),
                            "textarea",
                        ),
                    };
                    let target = format!("competency-{}", c.id);
                    rated = rated
                        .child(El::new("span").class("flag").text("⚠ ").text(flag))
                        .text(" ")
                        .child(El::button("button", "link", action).on("click", move |ev| {
                            let root = root_of(&ev);
                            session.go_to(Step::Page(n));
                            focus_later(root, target.clone(), Some(focus));
                        }));
                }
                let comment = answer
                    .map(|a| {
                        [a.comment.trim(), a.evidence.trim()]
                            .join(" ")
                            .trim()
                            .to_owned()
                    })
                    .filter(|s| !s.is_empty());
                let notes = match comment {
                    Some(comment) => table::cell(locale, notes).class("muted").text(comment),
                    None => El::new("td").class("muted empty"),
                };
                let row = El::new("tr");
                if problem.is_some() {
                    row.class("missing")
                } else {
                    row
                }
                .child(El::new("th").attr(Attr::Scope, "row").text(text(&c.name)))
                .child(rated)
                .child(notes)
            });
            table::headed(
                "summary answers",
                text(&page.group.name),
                &[competency, rating, notes],
            )
            .child(El::new("tbody").children(rows))
        })
        .collect()
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
