use crate::prelude::*;
use competency_core::assessment::{
    Answer, Assessment, AssessmentError, MAX_NOTE_CHARS, MissingReason, Rating, Role,
};
use competency_core::{Competency, Framework};
use wasm_bindgen::JsCast;

use crate::dom::{self, Attr, El, find};
use crate::i18n::*;
use crate::labels;
use crate::session::Session;

/// A change to one of an answer's notes (comment or evidence).
type SetNote = fn(&mut Assessment, &Framework, &str, &str, u64) -> Result<(), AssessmentError>;

/// The rating of one competency: a fieldset whose legend is the competency, one real radio
/// button per level (arrow keys move between them; each is described by the level's
/// behavioural indicators), "not observed", and an optional comment and example.
///
/// Drawn once per page and language with the DOM builder; an effect then sets what follows
/// the answer in place (the checked button, the notes, the reminder), so the keyboard focus
/// stays where it is while the rater answers, and a change costs each fieldset a lookup of
/// its own answer, not a pass over the whole assessment.
pub fn rating_fieldset(
    session: Session,
    framework: &Framework,
    assessment: &Assessment,
    competency: &Competency,
    locale: Locale,
) -> El {
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
        Derived::new(move || {
            session
                .assessment
                .with(|a| a.as_ref().and_then(|a| a.answer(&id).cloned()))
                .unwrap_or_default()
        })
    };
    // A critical competency rated below the position's level asks for an explanation: the
    // notes then say they are required, and the fields point at what is asked.
    let needs_explanation = {
        let id = id.clone();
        Derived::new(move || {
            let framework = session.framework();
            session.assessment.with(|a| {
                a.as_ref().and_then(|a| a.missing_for(&framework, &id))
                    == Some(MissingReason::BelowRequiredUnexplained)
            })
        })
    };
    let rate = {
        let id = id.clone();
        move |rating: Rating| {
            session.apply(|a, f, now| a.rate(f, &id, Some(rating), now));
        }
    };
    let option = |value: String, input_id: String, label: El, described_by: Option<String>| {
        let rating = match value.as_str() {
            NOT_OBSERVED => Rating::NotObserved,
            level => Rating::Level(level.to_owned()),
        };
        let rate = rate.clone();
        let mut input = El::new("input")
            .attr(Attr::Type, "radio")
            .attr(Attr::Id, input_id.clone())
            .attr(Attr::Name, format!("rating-{id}"))
            .attr(Attr::Value, value)
            .on("change", move |_| rate(rating.clone()));
        if let Some(described_by) = described_by {
            input = input.attr(Attr::AriaDescribedby, described_by);
        }
        if read_only {
            input = input.attr(Attr::Disabled, "");
        }
        El::new("div")
            .class("option")
            .child(input)
            .child(label.attr(Attr::For, input_id))
    };

    let options = framework
        .levels
        .iter()
        .zip(&competency.indicators)
        .map(|(level, indicators)| {
            let input_id = format!("{id}-{}", level.id);
            let described_by = format!("{input_id}-indicators");
            let mut label = El::new("label").child(El::new("strong").text(text(&level.label)));
            if required.as_deref() == Some(level.id.as_str()) {
                label = label.text(" ").child(
                    El::new("span")
                        .class("tag")
                        .text(td_string!(locale, rating_required_level)),
                );
            }
            option(
                level.id.clone(),
                input_id,
                label,
                Some(described_by.clone()),
            )
            .child(
                El::new("ul")
                    .attr(Attr::Id, described_by)
                    .class("option-indicators")
                    .children(indicators.iter().map(|i| El::new("li").text(text(i)))),
            )
        });
    let not_observed = option(
        NOT_OBSERVED.to_owned(),
        format!("{id}-not-observed"),
        El::new("label").text(labels::not_observed(locale, role)),
        None,
    );

    // Typing in a note saves it, like any answer.
    let note = |suffix: &str, label: &'static str, set: SetNote| {
        let id = id.clone();
        let field = format!("{id}-{suffix}");
        let mut textarea = El::new("textarea")
            .attr(Attr::Id, field.clone())
            .attr(Attr::Name, suffix.to_owned())
            .attr(Attr::Rows, "3")
            .attr(Attr::Maxlength, MAX_NOTE_CHARS.to_string())
            .on("input", move |ev| {
                let value = event_target_value(&ev);
                session.apply(|a, f, now| set(a, f, &id, &value, now));
            });
        if read_only {
            textarea = textarea.attr(Attr::Readonly, "");
        }
        El::new("p")
            .class("field")
            .child(El::new("label").attr(Attr::For, field).text(label))
            .child(textarea)
    };

    let drawn = dom::slot();
    let explain_id = format!("{id}-explain");
    dom::effect(move || {
        let explain = needs_explanation.get();
        answer.with(|answer| {
            if let Some(fieldset) = drawn.get_value() {
                follow(&fieldset, answer, explain, &explain_id, locale);
            }
        });
    });

    let definition_id = format!("{id}-definition");
    El::new("fieldset")
        .class("rating")
        .attr(Attr::Id, format!("competency-{id}"))
        .attr(Attr::AriaDescribedby, definition_id.clone())
        .keep(drawn)
        .child(El::new("legend").text(text(&competency.name)))
        .child(
            El::new("p")
                .attr(Attr::Id, definition_id)
                .class("definition")
                .text(text(&competency.definition)),
        )
        .child(
            El::new("div")
                .class("options")
                .children(options)
                .child(not_observed),
        )
        .child(
            El::new("details")
                .class("notes")
                .child(El::new("summary").text(td_string!(locale, notes_summary)))
                .child(note(
                    "comment",
                    td_string!(locale, comment_label),
                    Assessment::set_comment,
                ))
                .child(note(
                    "evidence",
                    labels::evidence_prompt(locale, role),
                    Assessment::set_evidence,
                )),
        )
}

/// The radio button's value for "not observed".
const NOT_OBSERVED: &str = "not-observed";

/// Makes the drawn `fieldset` show `answer`: the button checked, the notes' text (left alone
/// when it is already there, so the caret stays where the rater types), the notes opened when
/// they hold text or an explanation is required (only the rater closes them), and, when
/// `explain`, the reminder that the notes point at.
fn follow(
    fieldset: &web_sys::Element,
    answer: &Answer,
    explain: bool,
    explain_id: &str,
    locale: Locale,
) {
    let checked = match &answer.rating {
        Some(Rating::Level(level)) => Some(level.as_str()),
        Some(Rating::NotObserved) => Some(NOT_OBSERVED),
        None => None,
    };
    if let Ok(radios) = fieldset.query_selector_all("input[type=radio]") {
        for n in 0..radios.length() {
            if let Some(radio) = radios
                .item(n)
                .and_then(|r| r.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                let wanted = checked == Some(radio.value().as_str());
                if radio.checked() != wanted {
                    radio.set_checked(wanted);
                }
            }
        }
    }
    for (name, value) in [("comment", &answer.comment), ("evidence", &answer.evidence)] {
        let Some(field) =
            find::<web_sys::HtmlTextAreaElement>(fieldset, &format!("textarea[name={name}]"))
        else {
            continue;
        };
        if field.value() != *value {
            field.set_value(value);
        }
        let _ = if explain {
            field.set_attribute("aria-describedby", explain_id)
        } else {
            field.remove_attribute("aria-describedby")
        };
    }
    if let Some(details) = find::<web_sys::HtmlDetailsElement>(fieldset, "details")
        && (explain || !answer.comment.is_empty() || !answer.evidence.is_empty())
    {
        details.set_open(true);
    }
    if let Some(summary) = find::<web_sys::Element>(fieldset, "summary") {
        summary.set_text_content(Some(if explain {
            td_string!(locale, notes_summary_required)
        } else {
            td_string!(locale, notes_summary)
        }));
    }
    // Drawn when it is needed, so that an assistive technology announces it (role alert).
    let shown = find::<web_sys::Element>(fieldset, ":scope > .field-error");
    match (explain, shown) {
        (true, None) => {
            let reminder = dom::ElState::new(
                El::alert(
                    "field-error",
                    td_string!(locale, rating_explain_below_required),
                )
                .attr(Attr::Id, explain_id.to_owned()),
            );
            let _ = fieldset.append_child(reminder.element());
        }
        (false, Some(reminder)) => reminder.remove(),
        _ => {}
    }
}
