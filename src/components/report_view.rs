use competency_core::assessment::Role;
use competency_core::report::{Figure, Finding, SubjectReport};
use competency_core::{Framework, LocalizedText};
use leptos::prelude::*;

use crate::components::chart::{ChartRow, bar_chart};
use crate::components::profile_plan::plan_list;
use crate::i18n::*;
use crate::labels;

/// The 360 report on one person: who rated (by group), the chart and the table of figures,
/// blind spots and hidden strengths, the comments of the groups shown, and the person's
/// development plan. Laid out to print on A4 pages, one person per page.
pub fn subject_report_view(
    framework: &Framework,
    report: &SubjectReport,
    min_raters: usize,
    locale: Locale,
) -> impl IntoView + use<> {
    let language = framework.display_language(locale.as_str());
    let text = |t: &LocalizedText| t.get(language).unwrap_or_default().to_owned();
    let name_of = |id: &str| {
        framework
            .competency(id)
            .map_or_else(|| id.to_owned(), |c| text(&c.name))
    };
    let groups: Vec<Role> = Role::ALL
        .into_iter()
        .filter(|r| report.raters.contains_key(r.id()))
        .collect();
    let number = |value: f64| decimal(locale, value);
    let position = report
        .position
        .as_deref()
        .and_then(|p| framework.position(p))
        .map(|p| text(&p.title));
    let raters = groups
        .iter()
        .map(|role| {
            td_string!(
                locale,
                report_group_count,
                group = labels::role_group(locale, *role),
                count = report.raters.get(role.id()).copied().unwrap_or(0)
            )
            .to_string()
        })
        .collect::<Vec<_>>()
        .join(" · ");
    let hidden = (!report.hidden.is_empty()).then(|| {
        let names = report
            .hidden
            .iter()
            .filter_map(|id| Role::from_id(id))
            .map(|r| labels::role_group(locale, r))
            .collect::<Vec<_>>()
            .join(", ");
        view! {
            <p class="notice">
                {td_string!(locale, report_hidden, groups = names, min = min_raters).to_string()}
            </p>
        }
    });
    let chart = bar_chart(
        td_string!(locale, profile_required).to_owned(),
        groups
            .iter()
            .map(|r| labels::role_group(locale, *r).to_owned())
            .collect(),
        report
            .rows
            .iter()
            .map(|row| ChartRow {
                label: name_of(&row.competency),
                values: groups
                    .iter()
                    .map(|r| row.group(*r).and_then(|f| f.mean))
                    .collect(),
                required: row.required.map(|r| r as f64),
            })
            .collect(),
        framework.levels.len(),
    );
    let head = groups
        .iter()
        .map(|r| view! { <th scope="col">{labels::role_group(locale, *r)}</th> })
        .collect_view();
    let rows = report
        .rows
        .iter()
        .map(|row| {
            let cells = groups
                .iter()
                .map(|r| view! { <td>{figure(locale, row.group(*r))}</td> })
                .collect_view();
            let finding = row.finding.map(|f| finding_label(locale, f));
            view! {
                <tr class:finding=finding.is_some()>
                    <th scope="row">
                        {name_of(&row.competency)}
                        {row.critical.then(|| view! { " " <span class="tag critical">{td_string!(locale, profile_critical)}</span> })}
                    </th>
                    <td>{row.required.map(|r| r.to_string())}</td>
                    {cells}
                    <td>{row.others.mean.map(number)}</td>
                    <td>{row.gap().map(|g| signed_decimal(locale, g))}</td>
                    <td>{finding}</td>
                </tr>
            }
        })
        .collect_view();
    let findings = |which: Finding| {
        let names: Vec<String> = report
            .rows
            .iter()
            .filter(|r| r.finding == Some(which))
            .map(|r| name_of(&r.competency))
            .collect();
        if names.is_empty() {
            view! { <p class="muted">{td_string!(locale, profile_none)}</p> }.into_any()
        } else {
            view! { <ul>{names.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul> }
                .into_any()
        }
    };
    let mut comments = Vec::new();
    for row in &report.rows {
        let items: Vec<_> = report
            .comments
            .iter()
            .filter(|c| c.competency == row.competency)
            .map(|c| {
                let group = Role::from_id(&c.group).map_or("", |r| labels::role_group(locale, r));
                let kind = if c.kind == "evidence" {
                    td_string!(locale, report_evidence)
                } else {
                    td_string!(locale, report_comment)
                };
                let from = td_string!(locale, report_comment_from, group, kind).to_string();
                view! {
                    <li>
                        <span class="muted">{from}</span>
                        " "
                        {c.text.clone()}
                    </li>
                }
            })
            .collect();
        if !items.is_empty() {
            comments.push(view! {
                <h4>{name_of(&row.competency)}</h4>
                <ul class="comments">{items}</ul>
            });
        }
    }
    let heading_id = format!("report-{}", report_slug(report));
    let labelled_by = heading_id.clone();
    view! {
        <article class="subject-report" aria-labelledby=labelled_by>
            <h2 id=heading_id>{report.name.clone()}</h2>
            <p class="who">
                {(!report.id.is_empty()).then(|| view! { <span class="muted">{report.id.clone()}</span> " " })}
                {position.map(|p| view! { <span>{p}</span> " " })}
            </p>
            <p>{td_string!(locale, report_raters)} " " {raters}</p>
            {hidden}
            {chart}
            <table class="summary report-table">
                <caption>{td_string!(locale, report_table_caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, review_competency)}</th>
                        <th scope="col">{td_string!(locale, profile_required)}</th>
                        {head}
                        <th scope="col">{td_string!(locale, report_others_mean)}</th>
                        <th scope="col">{td_string!(locale, profile_gap)}</th>
                        <th scope="col">{td_string!(locale, report_finding)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <p class="muted">{td_string!(locale, report_reading_help)}</p>
            <div class="columns">
                <div>
                    <h3>{td_string!(locale, report_blind_spots)}</h3>
                    {findings(Finding::BlindSpot)}
                </div>
                <div>
                    <h3>{td_string!(locale, report_hidden_strengths)}</h3>
                    {findings(Finding::HiddenStrength)}
                </div>
            </div>
            <h3>{td_string!(locale, report_comments)}</h3>
            {if comments.is_empty() {
                view! { <p class="muted">{td_string!(locale, profile_none)}</p> }.into_any()
            } else {
                comments.into_any()
            }}
            <h3>{td_string!(locale, plan_heading)}</h3>
            {plan_list(framework, &report.development_plan, locale)}
        </article>
    }
}

/// A group's figure: the mean, then how many rated, the spread and "not observed".
fn figure(locale: Locale, figure: Option<&Figure>) -> Option<AnyView> {
    let f = figure?;
    let mut detail = td_string!(locale, report_count, count = f.raters).to_string();
    if let (Some(min), Some(max)) = (f.min, f.max)
        && min != max
    {
        detail.push_str(&format!(" · {min}–{max}"));
    }
    if f.not_observed > 0 {
        detail.push_str(" · ");
        detail
            .push_str(&td_string!(locale, report_not_observed, count = f.not_observed).to_string());
    }
    Some(
        view! {
            <span class="mean">{f.mean.map_or_else(|| "—".to_owned(), |m| decimal(locale, m))}</span>
            " "
            <span class="muted detail">{detail}</span>
        }
        .into_any(),
    )
}

fn finding_label(locale: Locale, finding: Finding) -> &'static str {
    match finding {
        Finding::BlindSpot => td_string!(locale, report_blind_spot),
        Finding::HiddenStrength => td_string!(locale, report_hidden_strength),
    }
}

/// A number with at most two decimals, written as the locale writes it ("2,67" in French).
pub fn decimal(locale: Locale, value: f64) -> String {
    let text = competency_core::report::two_decimals(value);
    match locale {
        Locale::fr => text.replace('.', ","),
        _ => text,
    }
}

fn signed_decimal(locale: Locale, value: f64) -> String {
    let text = decimal(locale, value.abs());
    if text == "0" {
        text
    } else if value < 0.0 {
        format!("−{text}")
    } else {
        format!("+{text}")
    }
}

/// An id fragment for the person's heading.
fn report_slug(report: &SubjectReport) -> String {
    competency_core::report::subject_key(&report.id, &report.name)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}
