use competency_core::assessment::plan::MAX_ACTION_CHARS;
use competency_core::assessment::{Assessment, AssessmentError, PlanAction, PlanItem};
use competency_core::profile::{Profile, ProfileRow};
use competency_core::result::{ActionSource, PlanRecord};
use competency_core::{Competency, Framework, LocalizedText};
use leptos::prelude::*;

use crate::components::chart::{ChartRow, bar_chart};
use crate::components::table;
use crate::dom::El;
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
            .child(name(El::new("th").attr("scope", "row"), row))
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
    let th_col = |label: &'static str| El::new("th").attr("scope", "col").text(label);
    El::section(
        "profile",
        "h3",
        "profile-heading",
        td_string!(locale, profile_heading),
    )
    .child(chart)
    .child(
        El::new("table")
            .class("summary")
            .child(El::new("caption").text(td_string!(locale, profile_table_caption)))
            .child(
                El::new("thead").child(
                    El::new("tr")
                        .child(th_col(td_string!(locale, review_competency)))
                        .child(th_col(td_string!(locale, profile_mine)))
                        .child(th_col(td_string!(locale, profile_required)))
                        .child(th_col(td_string!(locale, profile_gap))),
                ),
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
pub fn plan_editor(
    session: Session,
    framework: &Framework,
    a: &Assessment,
    locale: Locale,
) -> impl IntoView + use<> {
    let entries = Profile::of(framework, a)
        .plan_order()
        .into_iter()
        .map(|c| plan_entry(session, framework, c, locale))
        .collect_view();
    view! {
        <section class="plan" aria-labelledby="plan-heading">
            <h3 id="plan-heading">{td_string!(locale, plan_heading)}</h3>
            <p>{td_string!(locale, plan_intro)}</p>
            {entries}
        </section>
    }
}

fn plan_entry(
    session: Session,
    framework: &Framework,
    competency: &Competency,
    locale: Locale,
) -> impl IntoView + use<> {
    let language = framework.display_language(locale.as_str()).to_owned();
    let text = move |t: &LocalizedText| t.get(&language).unwrap_or_default().to_owned();
    let id = competency.id.clone();
    let item = Memo::new({
        let id = id.clone();
        move |_| {
            session
                .assessment
                .with(|a| a.as_ref().and_then(|a| a.plan.get(&id).cloned()))
                .unwrap_or_default()
        }
    });
    let error = RwSignal::new(None::<String>);
    // Applies a change; whether it was taken.
    let apply = move |change: Change| {
        let refused = session
            .change(change)
            .err()
            .map(|e| labels::plan_error(locale, &e));
        let taken = refused.is_none();
        error.set(refused);
        taken
    };
    let chosen_id = format!("plan-{id}");
    let on_choose = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            let chosen = event_target_checked(&ev);
            let id = id.clone();
            apply(Box::new(move |a, f, now| {
                a.choose_for_plan(f, &id, chosen, now)
            }));
        }
    };
    let name = text(&competency.name);
    let levels: Vec<(String, String)> = framework
        .levels
        .iter()
        .enumerate()
        .map(|(n, l)| (l.id.clone(), format!("{} ({})", text(&l.label), n + 1)))
        .collect();
    let resources: Vec<(usize, String)> = competency
        .resources
        .iter()
        .enumerate()
        .map(|(n, r)| {
            let hours = r
                .duration_hours
                .map(|hours| td_string!(locale, resource_duration, hours).to_string());
            let mut label = format!(
                "{} — {}",
                text(&r.title),
                labels::resource_kind(locale, r.kind)
            );
            if let Some(hours) = hours {
                label.push_str(&format!(", {hours}"));
            }
            (n, label)
        })
        .collect();
    let details = move || {
        item.with(|i| i.chosen)
            .then(|| entry_details(&id, locale, item, &levels, &resources, apply))
    };
    let box_id = format!("{chosen_id}-box");
    let label_id = chosen_id.clone();
    view! {
        <div class="plan-entry" role="group" aria-labelledby=chosen_id>
            <p class="choice">
                <input
                    type="checkbox"
                    id=box_id.clone()
                    prop:checked=move || item.with(|i| i.chosen)
                    on:change=on_choose
                />
                <label for=box_id id=label_id>{name}</label>
            </p>
            {details}
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </div>
    }
}

type Change = Box<dyn FnOnce(&mut Assessment, &Framework, u64) -> Result<(), AssessmentError>>;

fn entry_details<A: Fn(Change) -> bool + Copy + Send + Sync + 'static>(
    id: &str,
    locale: Locale,
    item: Memo<PlanItem>,
    levels: &[(String, String)],
    resources: &[(usize, String)],
    apply: A,
) -> impl IntoView + use<A> {
    let level_id = format!("plan-{id}-level");
    let date_id = format!("plan-{id}-date");
    let own_id = format!("plan-{id}-own");
    let on_level = {
        let id = id.to_owned();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            let id = id.clone();
            apply(Box::new(move |a, f, now| {
                a.set_plan_level(f, &id, (!value.is_empty()).then_some(value.as_str()), now)
            }));
        }
    };
    let on_date = {
        let id = id.to_owned();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            let id = id.clone();
            apply(Box::new(move |a, f, now| {
                a.set_plan_date(f, &id, (!value.is_empty()).then_some(value.as_str()), now)
            }));
        }
    };
    let level_options = levels
        .iter()
        .map(|(value, label)| {
            let selected = {
                let value = value.clone();
                move || item.with(|i| i.target_level.as_deref() == Some(value.as_str()))
            };
            view! { <option value=value.clone() selected=selected>{label.clone()}</option> }
        })
        .collect_view();
    let resource_boxes = resources
        .iter()
        .map(|(n, label)| {
            let n = *n;
            let box_id = format!("plan-{id}-resource-{n}");
            let id = id.to_owned();
            view! {
                <li>
                    <input
                        type="checkbox"
                        id=box_id.clone()
                        prop:checked=move || item.with(|i| i.actions.contains(&PlanAction::Resource(n)))
                        on:change=move |ev| {
                            let included = event_target_checked(&ev);
                            let id = id.clone();
                            apply(Box::new(move |a, f, now| a.set_plan_resource(f, &id, n, included, now)));
                        }
                    />
                    <label for=box_id>{label.clone()}</label>
                </li>
            }
        })
        .collect_view();
    let own_input = NodeRef::<leptos::html::Input>::new();
    let add_own = {
        let id = id.to_owned();
        move || {
            if let Some(input) = own_input.get() {
                let value = input.value();
                let id = id.clone();
                // Refused (too long, too many), the text stays for the person to fix.
                if apply(Box::new(move |a, f, now| {
                    a.add_plan_action(f, &id, &value, now)
                })) {
                    input.set_value("");
                }
            }
        }
    };
    let own_actions = {
        let id = id.to_owned();
        move || {
            item.with(|i| {
                i.actions
                    .iter()
                    .enumerate()
                    .filter_map(|(n, a)| match a {
                        PlanAction::Own(text) => Some((n, text.clone())),
                        PlanAction::Resource(_) => None,
                    })
                    .map(|(n, text)| {
                        let id = id.clone();
                        let remove = td_string!(locale, plan_remove_action, action = text.clone()).to_string();
                        view! {
                            <li>
                                {text}
                                " "
                                <button
                                    type="button"
                                    class="link"
                                    aria-label=remove
                                    on:click=move |_| {
                                        let id = id.clone();
                                        apply(Box::new(move |a, f, now| a.remove_plan_action(f, &id, n, now)));
                                    }
                                >
                                    {td_string!(locale, plan_remove)}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()
            })
        }
    };
    let add_click = add_own.clone();
    // What the entry still lacks is marked on its field (the review sends the person here).
    let invalid = move |lacks: fn(&PlanItem) -> bool| move || item.with(lacks).then_some("true");
    let hint = move |lacks: fn(&PlanItem) -> bool| {
        move || {
            item.with(lacks).then(|| {
                view! { <span class="field-hint">{td_string!(locale, plan_field_missing)}</span> }
            })
        }
    };
    let no_level = |i: &PlanItem| i.target_level.is_none();
    let no_date = |i: &PlanItem| i.target_date.is_none();
    let no_action = |i: &PlanItem| i.actions.is_empty();
    view! {
        <div class="plan-details">
            <p class="field">
                <label for=level_id.clone()>{td_string!(locale, plan_target_level)}</label>
                {hint(no_level)}
                <select id=level_id on:change=on_level aria-invalid=invalid(no_level)>
                    <option value="" selected=move || item.with(|i| i.target_level.is_none())>
                        "—"
                    </option>
                    {level_options}
                </select>
            </p>
            <p class="field">
                <label for=date_id.clone()>{td_string!(locale, plan_target_date)}</label>
                {hint(no_date)}
                <input
                    type="date"
                    id=date_id
                    aria-invalid=invalid(no_date)
                    prop:value=move || item.with(|i| i.target_date.clone().unwrap_or_default())
                    on:change=on_date
                />
            </p>
            {(!resources.is_empty())
                .then(|| {
                    view! {
                        <fieldset class="resources">
                            <legend>{td_string!(locale, plan_resources)}</legend>
                            <ul>{resource_boxes}</ul>
                        </fieldset>
                    }
                })}
            <ul class="own-actions">{own_actions}</ul>
            <p class="field">
                <label for=own_id.clone()>{td_string!(locale, plan_own_action)}</label>
                {hint(no_action)}
                <span class="inline">
                    <input
                        type="text"
                        id=own_id
                        aria-invalid=invalid(no_action)
                        maxlength=MAX_ACTION_CHARS
                        node_ref=own_input
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                            if ev.key() == "Enter" {
                                ev.prevent_default();
                                add_own();
                            }
                        }
                    />
                    <button type="button" class="secondary" on:click=move |_| add_click()>
                        {td_string!(locale, plan_add)}
                    </button>
                </span>
            </p>
        </div>
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
                        .attr("rel", "noopener noreferrer")
                        .attr("target", "_blank")
                        .text(td_string!(locale, plan_open_resource))
                        .child(El::new("span").attr("aria-hidden", "true").text(" ↗")),
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
