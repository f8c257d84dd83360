use competency_core::assessment::{
    Answer, Assessment, AssessmentError, MAX_NOTE_CHARS, MissingReason, Rating, Role,
};
use competency_core::{Competency, Framework};
use leptos::prelude::*;

use crate::i18n::*;
use crate::labels;
use crate::session::Session;

/// A change to one of an answer's notes (comment or evidence).
type SetNote = fn(&mut Assessment, &Framework, &str, &str, u64) -> Result<(), AssessmentError>;

/// The rating of one competency: a fieldset whose legend is the competency, one real radio
/// button per level (arrow keys move between them; each is described by the level's
/// behavioural indicators), "not observed", and an optional comment and example.
///
/// Drawn once per page and language; only the checked button, the notes and the reminder
/// follow the answer, so the keyboard focus stays where it is while the rater answers.
pub fn rating_fieldset(
    session: Session,
    framework: &Framework,
    assessment: &Assessment,
    competency: &Competency,
    locale: Locale,
) -> impl IntoView + use<> {
    let language = framework.display_language(locale.as_str()).to_owned();
    let text = |t: &competency_core::LocalizedText| t.get(&language).unwrap_or_default().to_owned();
    let id = competency.id.clone();
    let role = assessment.role;
    let read_only = !session.editable(assessment);
    // Shown to the person assessing themselves: the level their position asks for.
    let required = (role == Role::SelfAssessment)
        .then(|| {
            assessment
                .requirement(framework, &id)
                .map(|(level, _)| level.to_owned())
        })
        .flatten();

    let answer = {
        let id = id.clone();
        Memo::new(move |_| {
            session
                .assessment
                .with(|a| a.as_ref().and_then(|a| a.answer(&id).cloned()))
                .unwrap_or_default()
        })
    };
    // This competency's reason alone: a change costs each fieldset a lookup, not a pass over
    // the whole assessment.
    let missing_reason = {
        let id = id.clone();
        Memo::new(move |_| {
            let framework = session.framework();
            session
                .assessment
                .with(|a| a.as_ref().and_then(|a| a.missing_for(&framework, &id)))
        })
    };
    let rate = {
        let id = id.clone();
        move |rating: Rating| {
            session.apply(|a, f, now| a.rate(f, &id, Some(rating), now));
        }
    };

    let name = format!("rating-{id}");
    let definition_id = format!("{id}-definition");
    let options = framework
        .levels
        .iter()
        .zip(&competency.indicators)
        .map(|(level, indicators)| {
            let input_id = format!("{id}-{}", level.id);
            let described_by = format!("{input_id}-indicators");
            let level_id = level.id.clone();
            let checked = {
                let level_id = level_id.clone();
                move || answer.with(|a| a.rating == Some(Rating::Level(level_id.clone())))
            };
            let rate = rate.clone();
            let is_required = required.as_deref() == Some(level.id.as_str());
            view! {
                <div class="option">
                    <input
                        type="radio"
                        id=input_id.clone()
                        name=name.clone()
                        value=level.id.clone()
                        disabled=read_only
                        aria-describedby=described_by.clone()
                        prop:checked=checked
                        on:change=move |_| rate(Rating::Level(level_id.clone()))
                    />
                    <label for=input_id>
                        <strong>{text(&level.label)}</strong>
                        {is_required
                            .then(|| {
                                view! {
                                    " "
                                    <span class="tag">{td_string!(locale, rating_required_level)}</span>
                                }
                            })}
                    </label>
                    <ul id=described_by class="option-indicators">
                        {indicators.iter().map(|i| view! { <li>{text(i)}</li> }).collect_view()}
                    </ul>
                </div>
            }
        })
        .collect_view();
    let not_observed_id = format!("{id}-not-observed");
    let not_observed = {
        let rate = rate.clone();
        view! {
            <div class="option">
                <input
                    type="radio"
                    id=not_observed_id.clone()
                    name=name.clone()
                    value="not-observed"
                    disabled=read_only
                    prop:checked=move || answer.with(|a| a.rating == Some(Rating::NotObserved))
                    on:change=move |_| rate(Rating::NotObserved)
                />
                <label for=not_observed_id>{labels::not_observed(locale, role)}</label>
            </div>
        }
    };

    // A critical competency rated below the position's level asks for an explanation: the
    // notes then say they are required, and the fields point at what is asked.
    let needs_explanation =
        move || missing_reason.get() == Some(MissingReason::BelowRequiredUnexplained);
    let explain_id = format!("{id}-explain");
    // Typing in a note saves it, like any answer.
    let note = |suffix: &str, label: &'static str, get: fn(&Answer) -> String, set: SetNote| {
        let id = id.clone();
        let field = format!("{id}-{suffix}");
        let explain_id = explain_id.clone();
        view! {
            <p class="field">
                <label for=field.clone()>{label}</label>
                <textarea
                    id=field
                    rows="3"
                    maxlength=MAX_NOTE_CHARS
                    readonly=read_only
                    aria-describedby=move || needs_explanation().then(|| explain_id.clone())
                    prop:value=move || answer.with(get)
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        session.apply(|a, f, now| set(a, f, &id, &value, now));
                    }
                ></textarea>
            </p>
        }
    };
    let comment = note(
        "comment",
        td_string!(locale, comment_label),
        |a| a.comment.clone(),
        Assessment::set_comment,
    );
    let evidence = note(
        "evidence",
        labels::evidence_prompt(locale, role),
        |a| a.evidence.clone(),
        Assessment::set_evidence,
    );
    // The notes open by themselves when they hold text or an explanation is required; only
    // the rater closes them.
    let notes = NodeRef::<leptos::html::Details>::new();
    Effect::new(move |_| {
        let wanted =
            needs_explanation() || answer.with(|a| !a.comment.is_empty() || !a.evidence.is_empty());
        if let Some(details) = notes.get().filter(|_| wanted) {
            details.set_open(true);
        }
    });

    view! {
        <fieldset class="rating" id=format!("competency-{id}") aria-describedby=definition_id.clone()>
            <legend>{text(&competency.name)}</legend>
            <p id=definition_id.clone() class="definition">{text(&competency.definition)}</p>
            <div class="options">{options} {not_observed}</div>
            <details class="notes" node_ref=notes>
                <summary>
                    {move || {
                        if needs_explanation() {
                            td_string!(locale, notes_summary_required)
                        } else {
                            td_string!(locale, notes_summary)
                        }
                    }}
                </summary>
                {comment}
                {evidence}
            </details>
            {move || {
                needs_explanation()
                    .then(|| {
                        view! {
                            <p class="field-error" role="alert" id=explain_id.clone()>
                                {td_string!(locale, rating_explain_below_required)}
                            </p>
                        }
                    })
            }}
        </fieldset>
    }
}
