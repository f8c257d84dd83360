use crate::prelude::*;
use competency_core::assessment::plan::MAX_ACTION_CHARS;
use competency_core::assessment::{Assessment, AssessmentError, PlanAction, PlanGap, PlanItem};
use competency_core::profile::{Profile, ProfileRow};
use competency_core::result::{ActionSource, PlanRecord};
use competency_core::{Competency, Framework, LocalizedText};
use wasm_bindgen::JsCast;

use crate::components::chart::{ChartRow, bar_chart};
use crate::components::table;
use crate::dom::{self, Attr, El, find};
use crate::i18n::*;
use crate::labels;
use crate::session::Session;

/// The self-assessment against the position: a chart, the same figures as a table, the
/// strengths and the gaps to work on first.
pub fn profile_view(framework: &Framework, a: &Assessment, locale: Locale) -> El {
    let language = framework.display_language(locale.as_str());
    let text = |t: &LocalizedText| t.get(language).unwrap_or_default().to_owned();
    let profile = Profile::of(framework, a);
    let level = |rank: Option<usize>| {
        rank.and_then(|r| framework.levels.get(r))
            .map(|l| format!("{} ({})", text(&l.label), rank.unwrap_or(0) + 1))
            .unwrap_or_else(|| "—".to_owned())
    };
    let chart = bar_chart(
        td_string!(locale, profile_required).to_owned(),
        vec![td_string!(locale, profile_mine).to_owned()],
        profile
            .rows
            .iter()
            .map(|row| ChartRow {
                label: text(&row.competency.name),
                values: vec![row.level.map(|l| l as f64 + 1.0)],
                required: row.required.map(|r| r as f64 + 1.0),
            })
            .collect(),
        profile.scale,
    );
    // The competency's name, and "critical" after it when it is.
    let name = |el: El, row: &ProfileRow| {
        let el = el.text(text(&row.competency.name));
        if row.critical {
            critical_tag(el, locale)
        } else {
            el
        }
    };
    let rows = profile.rows.iter().map(|row| {
        let required = if row.required.is_some() {
            level(row.required)
        } else {
            "—".to_owned()
        };
        let cell = |column: &'static str| table::cell(locale, column);
        El::new("tr")
            .child(name(El::new("th").attr(Attr::Scope, "row"), row))
            .child(cell(td_string!(locale, profile_mine)).text(level(row.level)))
            .child(cell(td_string!(locale, profile_required)).text(required))
            .child(
                cell(td_string!(locale, profile_gap))
                    .text(row.gap().map_or_else(|| "—".to_owned(), signed)),
            )
    });
    // The names as a list (`ul` or `ol`), or `none` (worded to agree with what is listed).
    let names = |list: &'static str, rows: Vec<&ProfileRow>, none: &'static str| {
        if rows.is_empty() {
            El::new("p").class("muted").text(none)
        } else {
            El::new(list).children(rows.into_iter().map(|row| name(El::new("li"), row)))
        }
    };
    El::section(
        "profile",
        "h3",
        "profile-heading",
        td_string!(locale, profile_heading),
    )
    .child(chart)
    .child(
        table::headed(
            "summary",
            td_string!(locale, profile_table_caption),
            &[
                td_string!(locale, review_competency),
                td_string!(locale, profile_mine),
                td_string!(locale, profile_required),
                td_string!(locale, profile_gap),
            ],
        )
        .child(El::new("tbody").children(rows)),
    )
    .child(
        El::new("div")
            .class("columns")
            .child(
                El::new("div")
                    .child(El::new("h4").text(td_string!(locale, profile_strengths)))
                    .child(names(
                        "ul",
                        profile.strengths(),
                        td_string!(locale, profile_no_strength),
                    )),
            )
            .child(
                El::new("div")
                    .child(El::new("h4").text(td_string!(locale, profile_priority_gaps)))
                    .child(names(
                        "ol",
                        profile.priority_gaps(),
                        td_string!(locale, profile_no_priority_gap),
                    )),
            ),
    )
}

/// `el`, then " " and the "critical" tag.
fn critical_tag(el: El, locale: Locale) -> El {
    el.text(" ").child(
        El::new("span")
            .class("tag critical")
            .text(td_string!(locale, profile_critical)),
    )
}

/// A difference of levels with its sign: "+1", "−2", "0".
pub fn signed(gap: i64) -> String {
    match gap {
        g if g > 0 => format!("+{g}"),
        g if g < 0 => format!("−{}", -g),
        _ => "0".to_owned(),
    }
}

/// The development plan being built: every competency assessed, the priority gaps first; a
/// chosen one opens its target level, target date and actions.
///
/// Drawn with the DOM builder once per page; an effect per entry then follows the plan in
/// place (the box checked, the details opened or closed, the fields' values, what each
/// still lacks), so that the focus stays where the person is.
pub fn plan_editor(session: Session, framework: &Framework, a: &Assessment, locale: Locale) -> El {
    El::section(
        "plan",
        "h3",
        "plan-heading",
        td_string!(locale, plan_heading),
    )
    .child(El::new("p").text(td_string!(locale, plan_intro)))
    .children(
        Profile::of(framework, a)
            .plan_order()
            .into_iter()
            .map(|c| plan_entry(session, framework, c, locale)),
    )
}

/// What an entry's details are drawn from: its competency's id, levels and resources.
struct Choices {
    id: String,
    /// Each level's id and label.
    levels: Vec<(String, String)>,
    /// Each resource's index and label.
    resources: Vec<(usize, String)>,
}

fn plan_entry(
    session: Session,
    framework: &Framework,
    competency: &Competency,
    locale: Locale,
) -> El {
    let language = framework.display_language(locale.as_str());
    let text = |t: &LocalizedText| t.get(language).unwrap_or_default().to_owned();
    let id = competency.id.clone();
    let item = Derived::new({
        let id = id.clone();
        move || {
            session
                .assessment
                .with(|a| a.as_ref().and_then(|a| a.plan.get(&id).cloned()))
                .unwrap_or_default()
        }
    });
    let entry = dom::slot();
    // Applies a change; whether it was taken. A refusal is said under the entry until the
    // next change is taken.
    let apply = move |change: Change| {
        let refused = session
            .change(change)
            .err()
            .map(|e| labels::plan_error(locale, &e));
        let taken = refused.is_none();
        if let Some(entry) = entry.get_value() {
            say_refusal(&entry, refused);
        }
        taken
    };
    let choices = Choices {
        id: id.clone(),
        levels: framework
            .levels
            .iter()
            .enumerate()
            .map(|(n, l)| (l.id.clone(), format!("{} ({})", text(&l.label), n + 1)))
            .collect(),
        resources: competency
            .resources
            .iter()
            .enumerate()
            .map(|(n, r)| {
                let mut label = format!(
                    "{} — {}",
                    text(&r.title),
                    labels::resource_kind(locale, r.kind)
                );
                if let Some(hours) = r.duration_hours {
                    label.push_str(&format!(
                        ", {}",
                        td_string!(locale, resource_duration, hours)
                    ));
                }
                (n, label)
            })
            .collect(),
    };
    // The details drawn while the entry is chosen, and the own actions' list drawn last
    // (their handlers live as long as these are kept).
    let details = StoredValue::new_local(None::<dom::ElState>);
    let own = StoredValue::new_local(None::<dom::ElState>);
    dom::effect(move || {
        let Some(entry) = entry.get_value() else {
            return;
        };
        item.with(|item| {
            if let Some(chosen) = find::<web_sys::HtmlInputElement>(&entry, "input.chosen")
                && chosen.checked() != item.chosen
            {
                chosen.set_checked(item.chosen);
            }
            match (item.chosen, details.with_value(Option::is_some)) {
                (true, false) => {
                    let drawn = dom::ElState::new(entry_details(&choices, locale, apply));
                    let _ = entry
                        .query_selector(".choice")
                        .ok()
                        .flatten()
                        .map(|choice| choice.after_with_node_1(drawn.element()));
                    details.set_value(Some(drawn));
                }
                (false, true) => {
                    details.update_value(|d| {
                        if let Some(d) = d.take() {
                            d.element().remove();
                        }
                    });
                    own.set_value(None);
                }
                _ => {}
            }
            details.with_value(|drawn| {
                if let Some(drawn) = drawn {
                    follow_item(drawn.element(), &choices, item, locale, apply, own);
                }
            });
        });
    });

    let box_id = format!("plan-{id}-box");
    let label_id = format!("plan-{id}");
    El::new("div")
        .class("plan-entry")
        .attr(Attr::Role, "group")
        .attr(Attr::AriaLabelledby, label_id.clone())
        .keep(entry)
        .child(
            El::new("p")
                .class("choice")
                .child(
                    El::new("input")
                        .attr(Attr::Type, "checkbox")
                        .class("chosen")
                        .attr(Attr::Id, box_id.clone())
                        .on("change", move |ev| {
                            let chosen = event_target_checked(&ev);
                            let id = id.clone();
                            apply(Box::new(move |a, f, now| {
                                a.choose_for_plan(f, &id, chosen, now)
                            }));
                        }),
                )
                .child(
                    El::new("label")
                        .attr(Attr::For, box_id)
                        .attr(Attr::Id, label_id)
                        .text(text(&competency.name)),
                ),
        )
}

type Change = Box<dyn FnOnce(&mut Assessment, &Framework, u64) -> Result<(), AssessmentError>>;

/// Says `refused` (or nothing) at the end of `entry`, where an assistive technology
/// announces it (role alert).
fn say_refusal(entry: &web_sys::Element, refused: Option<String>) {
    let shown = find::<web_sys::Element>(entry, ":scope > .field-error");
    match (refused, shown) {
        (Some(said), Some(shown)) => shown.set_text_content(Some(&said)),
        (Some(said), None) => {
            let drawn = dom::ElState::new(El::alert("field-error", said));
            let _ = entry.append_child(drawn.element());
        }
        (None, Some(shown)) => shown.remove(),
        (None, None) => {}
    }
}

/// A chosen entry's fields: target level, target date, the competency's resources and the
/// person's own actions. Their values are set by [`follow_item`].
fn entry_details<A: Fn(Change) -> bool + Copy + Send + Sync + 'static>(
    choices: &Choices,
    locale: Locale,
    apply: A,
) -> El {
    let id = &choices.id;
    // Each field's id, which the review's links to a missing part of the plan name.
    let field_id = |gap: PlanGap| format!("plan-{id}-{}", gap_field(gap));
    let on_level = {
        let id = id.clone();
        move |ev: web_sys::Event| {
            let value = event_target_value(&ev);
            let id = id.clone();
            apply(Box::new(move |a, f, now| {
                a.set_plan_level(f, &id, (!value.is_empty()).then_some(value.as_str()), now)
            }));
        }
    };
    let on_date = {
        let id = id.clone();
        move |ev: web_sys::Event| {
            let value = event_target_value(&ev);
            let id = id.clone();
            apply(Box::new(move |a, f, now| {
                a.set_plan_date(f, &id, (!value.is_empty()).then_some(value.as_str()), now)
            }));
        }
    };
    let resources = (!choices.resources.is_empty()).then(|| {
        let boxes = choices.resources.iter().map(|(n, label)| {
            let n = *n;
            let box_id = format!("plan-{id}-resource-{n}");
            let id = id.clone();
            El::new("li")
                .child(
                    El::new("input")
                        .attr(Attr::Type, "checkbox")
                        .attr(Attr::Id, box_id.clone())
                        .attr(Attr::Value, n.to_string())
                        .on("change", move |ev| {
                            let included = event_target_checked(&ev);
                            let id = id.clone();
                            apply(Box::new(move |a, f, now| {
                                a.set_plan_resource(f, &id, n, included, now)
                            }));
                        }),
                )
                .child(El::new("label").attr(Attr::For, box_id).text(label.clone()))
        });
        El::new("fieldset")
            .class("resources")
            .child(El::new("legend").text(td_string!(locale, plan_resources)))
            .child(El::new("ul").children(boxes))
    });
    // Refused (too long, too many), the text stays for the person to fix.
    let add_own = {
        let id = id.clone();
        move |input: Option<web_sys::HtmlInputElement>| {
            let Some(input) = input else { return };
            let value = input.value();
            let id = id.clone();
            if apply(Box::new(move |a, f, now| {
                a.add_plan_action(f, &id, &value, now)
            })) {
                input.set_value("");
            }
        }
    };
    let add_on_enter = add_own.clone();
    // The field that fills `gap`, its label and where it says it is missing.
    let field = |gap: PlanGap, label: &'static str| {
        El::new("p")
            .class("field")
            .attr(Attr::DataLacks, gap_field(gap))
            .child(El::new("label").attr(Attr::For, field_id(gap)).text(label))
            .child(El::new("span").class("field-hint"))
    };
    El::new("div")
        .class("plan-details")
        .child(
            field(
                PlanGap::NoTargetLevel,
                td_string!(locale, plan_target_level),
            )
            .child(
                El::new("select")
                    .attr(Attr::Id, field_id(PlanGap::NoTargetLevel))
                    .on("change", on_level)
                    .child(El::new("option").attr(Attr::Value, "").text("—"))
                    .children(choices.levels.iter().map(|(value, label)| {
                        El::new("option")
                            .attr(Attr::Value, value.clone())
                            .text(label.clone())
                    })),
            ),
        )
        .child(
            field(PlanGap::NoTargetDate, td_string!(locale, plan_target_date)).child(
                El::new("input")
                    .attr(Attr::Type, "date")
                    .attr(Attr::Id, field_id(PlanGap::NoTargetDate))
                    .on("change", on_date),
            ),
        )
        .children(resources)
        .child(El::new("ul").class("own-actions"))
        .child(
            field(PlanGap::NoAction, td_string!(locale, plan_own_action)).child(
                El::new("span")
                    .class("inline")
                    .child(
                        El::new("input")
                            .attr(Attr::Type, "text")
                            .attr(Attr::Id, field_id(PlanGap::NoAction))
                            .attr(Attr::Maxlength, MAX_ACTION_CHARS.to_string())
                            .on("keydown", move |ev| {
                                let Some(key) = ev.dyn_ref::<web_sys::KeyboardEvent>() else {
                                    return;
                                };
                                if key.key() == "Enter" {
                                    ev.prevent_default();
                                    add_on_enter(ev.target().and_then(|t| t.dyn_into().ok()));
                                }
                            }),
                    )
                    .child(
                        El::button("button", "secondary", td_string!(locale, plan_add)).on(
                            "click",
                            move |ev| {
                                // The field beside the button.
                                let input = ev
                                    .target()
                                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                                    .and_then(|b| b.previous_element_sibling())
                                    .and_then(|i| i.dyn_into().ok());
                                add_own(input);
                            },
                        ),
                    ),
            ),
        )
}

/// Makes the drawn `details` show `item`: the target level chosen, the date, the resources
/// ticked, the own actions listed (drawn again, kept in `own`), and on each field whether it
/// still lacks what the review will ask for.
fn follow_item<A: Fn(Change) -> bool + Copy + Send + Sync + 'static>(
    details: &web_sys::Element,
    choices: &Choices,
    item: &PlanItem,
    locale: Locale,
    apply: A,
    own: StoredValue<Option<dom::ElState>, LocalStorage>,
) {
    let id = &choices.id;
    if let Some(select) = find::<web_sys::HtmlSelectElement>(details, "select") {
        let wanted = item.target_level.as_deref().unwrap_or_default();
        if select.value() != wanted {
            select.set_value(wanted);
        }
    }
    if let Some(date) = find::<web_sys::HtmlInputElement>(details, "input[type=date]") {
        let wanted = item.target_date.as_deref().unwrap_or_default();
        if date.value() != wanted {
            date.set_value(wanted);
        }
    }
    for (n, _) in &choices.resources {
        if let Some(tick) =
            find::<web_sys::HtmlInputElement>(details, &format!("input[value=\"{n}\"]"))
        {
            let wanted = item.actions.contains(&PlanAction::Resource(*n));
            if tick.checked() != wanted {
                tick.set_checked(wanted);
            }
        }
    }
    let gaps = item.gaps();
    for gap in [
        PlanGap::NoTargetLevel,
        PlanGap::NoTargetDate,
        PlanGap::NoAction,
    ] {
        let lacking = gaps.contains(&gap);
        let field = gap_field(gap);
        let Some(p) = find::<web_sys::Element>(details, &format!("[data-lacks={field}]")) else {
            continue;
        };
        if let Some(hint) = find::<web_sys::Element>(&p, ".field-hint") {
            hint.set_text_content(lacking.then(|| td_string!(locale, plan_field_missing)));
        }
        if let Some(input) = find::<web_sys::Element>(&p, "select, input") {
            let _ = if lacking {
                input.set_attribute("aria-invalid", "true")
            } else {
                input.remove_attribute("aria-invalid")
            };
        }
    }
    // The person's own actions, each with its button to remove it.
    let actions = item
        .actions
        .iter()
        .enumerate()
        .filter_map(|(n, a)| match a {
            PlanAction::Own(text) => Some((n, text.clone())),
            PlanAction::Resource(_) => None,
        });
    let list = El::new("ul")
        .class("own-actions")
        .children(actions.map(|(n, text)| {
            let id = id.clone();
            let remove = td_string!(locale, plan_remove_action, action = text.clone()).to_string();
            El::new("li").text(text).text(" ").child(
                El::button("button", "link", td_string!(locale, plan_remove))
                    .attr(Attr::AriaLabel, remove)
                    .on_click(move || {
                        let id = id.clone();
                        apply(Box::new(move |a, f, now| {
                            a.remove_plan_action(f, &id, n, now)
                        }));
                    }),
            )
        }));
    if let Some(shown) = find::<web_sys::Element>(details, "ul.own-actions") {
        let drawn = dom::ElState::new(list);
        let _ = shown.replace_with_with_node_1(drawn.element());
        own.set_value(Some(drawn));
    }
}

/// The field of a plan entry that fills `gap`: the end of its id (`plan-<competency>-<field>`)
/// and its mark, where the review sends the person and the editor says what is missing.
pub fn gap_field(gap: PlanGap) -> &'static str {
    match gap {
        PlanGap::NoTargetLevel => "level",
        PlanGap::NoTargetDate => "date",
        PlanGap::NoAction => "own",
    }
}

/// A plan as a result carries it, read-only: per competency the target and the actions.
pub fn plan_list(framework: &Framework, plan: &[PlanRecord], locale: Locale) -> El {
    let language = framework.display_language(locale.as_str());
    let text = |t: &LocalizedText| t.get(language).unwrap_or_default().to_owned();
    if plan.is_empty() {
        return El::new("p")
            .class("muted")
            .text(td_string!(locale, plan_empty));
    }
    let entries = plan.iter().map(|entry| {
        let name = framework
            .competency(&entry.competency)
            .map_or_else(|| entry.competency.clone(), |c| text(&c.name));
        let level = framework.level(&entry.target_level).map_or_else(
            || entry.target_level.clone(),
            |(n, l)| format!("{} ({})", text(&l.label), n + 1),
        );
        let target = td_string!(
            locale,
            plan_target,
            level = level,
            date = labels::day(locale, &entry.target_date)
        )
        .to_string();
        let actions = entry.actions.iter().map(|action| {
            let mut li = El::new("li").text(action.text.clone());
            if action.source == ActionSource::Own {
                li = li.text(" ").child(
                    El::new("span")
                        .class("tag")
                        .text(td_string!(locale, plan_own_tag)),
                );
            }
            // Only web addresses become links (El::href sets no other); anything else stays
            // text.
            if let Some(link) = action
                .link
                .as_deref()
                .filter(|l| l.starts_with("https://") || l.starts_with("http://"))
            {
                // Named by its words, not by the arrow alone.
                li = li.text(" ").child(
                    El::new("a")
                        .href(link)
                        .attr(Attr::Rel, "noopener noreferrer")
                        .attr(Attr::Target, "_blank")
                        .text(td_string!(locale, plan_open_resource))
                        .child(El::new("span").attr(Attr::AriaHidden, "true").text(" ↗")),
                );
            }
            li
        });
        El::new("li")
            .child(El::new("strong").text(name))
            .text(" — ")
            .text(target)
            .child(El::new("ul").children(actions))
    });
    El::new("ul").class("plan-list").children(entries)
}
