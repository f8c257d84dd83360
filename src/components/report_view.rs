use competency_core::assessment::Role;
use competency_core::report::{Binding, Figure, Finding, SubjectReport};
use competency_core::{Framework, LocalizedText};

use crate::components::chart::{ChartRow, bar_chart};
use crate::components::profile_plan::plan_list;
use crate::components::table;
use crate::dom::{Attr, El};
use crate::i18n::*;
use crate::labels;

/// The 360 report on one person: who rated (by group), the chart and the table of figures,
/// blind spots and hidden strengths, the comments of the groups shown, and the person's
/// development plan. Laid out to print on A4 pages, one person per page; each page says what
/// binds its raters (`binding`): a campaign's invitations, or nothing.
pub fn subject_report_view(
    framework: &Framework,
    report: &SubjectReport,
    binding: &Binding,
    min_raters: usize,
    locale: Locale,
) -> El {
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
        El::new("p")
            .class("notice")
            .text(td_string!(locale, report_hidden, groups = names, min = min_raters).to_string())
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
    let th_col = |label: &'static str| El::new("th").attr(Attr::Scope, "col").text(label);
    let head = El::new("tr")
        .child(th_col(td_string!(locale, review_competency)))
        .child(th_col(td_string!(locale, profile_required)))
        .children(
            groups
                .iter()
                .map(|r| th_col(labels::role_group(locale, *r))),
        )
        .child(th_col(td_string!(locale, report_others_mean)))
        .child(th_col(td_string!(locale, profile_gap)))
        .child(th_col(td_string!(locale, report_finding)));
    let cell = |column: &'static str, value: Option<String>| match value {
        Some(value) => table::cell(locale, column).text(value),
        None => table::empty_cell(),
    };
    let rows = report.rows.iter().map(|row| {
        let mut name = El::new("th")
            .attr(Attr::Scope, "row")
            .text(name_of(&row.competency));
        if row.critical {
            name = name.text(" ").child(
                El::new("span")
                    .class("tag critical")
                    .text(td_string!(locale, profile_critical)),
            );
        }
        let finding = row.finding.map(|f| finding_label(locale, f));
        let tr = if finding.is_some() {
            El::new("tr").class("finding")
        } else {
            El::new("tr")
        };
        tr.child(name)
            .child(cell(
                td_string!(locale, profile_required),
                row.required.map(|r| r.to_string()),
            ))
            .children(
                groups
                    .iter()
                    .map(|r| figure(locale, row.group(*r), labels::role_group(locale, *r))),
            )
            .child(cell(
                td_string!(locale, report_others_mean),
                row.others.mean.map(number),
            ))
            .child(cell(
                td_string!(locale, profile_gap),
                row.gap().map(|g| signed_decimal(locale, g)),
            ))
            .child(cell(
                td_string!(locale, report_finding),
                finding.map(str::to_owned),
            ))
    });
    let none = |text: &'static str| El::new("p").class("muted").text(text);
    let findings = |which: Finding| {
        let names: Vec<String> = report
            .rows
            .iter()
            .filter(|r| r.finding == Some(which))
            .map(|r| name_of(&r.competency))
            .collect();
        if names.is_empty() {
            none(match which {
                Finding::BlindSpot => td_string!(locale, report_no_blind_spot),
                Finding::HiddenStrength => td_string!(locale, report_no_hidden_strength),
            })
        } else {
            El::new("ul").children(names.into_iter().map(|n| El::new("li").text(n)))
        }
    };
    let mut comments = Vec::new();
    for row in &report.rows {
        let items: Vec<El> = report
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
                El::new("li")
                    .child(El::new("span").class("muted").text(from))
                    .text(" ")
                    .text(c.text.clone())
            })
            .collect();
        if !items.is_empty() {
            comments.push(El::new("h4").text(name_of(&row.competency)));
            comments.push(El::new("ul").class("comments").children(items));
        }
    }
    if comments.is_empty() {
        comments.push(none(td_string!(locale, report_no_comment)));
    }
    let heading_id = format!("report-{}", report_slug(report));
    let mut who = El::new("p").class("who");
    if !report.id.is_empty() {
        who = who
            .child(El::new("span").class("muted").text(report.id.clone()))
            .text(" ");
    }
    if let Some(position) = position {
        who = who.child(El::new("span").text(position)).text(" ");
    }
    let column = |heading: &'static str, which: Finding| {
        El::new("div")
            .child(El::new("h3").text(heading))
            .child(findings(which))
    };
    El::new("article")
        .class("subject-report")
        .attr(Attr::AriaLabelledby, heading_id.clone())
        .child(
            El::new("h2")
                .attr(Attr::Id, heading_id)
                .text(report.name.clone()),
        )
        .child(who)
        .child(binding_notice(binding, locale))
        .child(
            El::new("p")
                .text(td_string!(locale, report_raters))
                .text(" ")
                .text(raters),
        )
        .children(hidden)
        .child(chart)
        .child(
            El::new("table")
                .class("summary report-table")
                .child(El::new("caption").text(td_string!(locale, report_table_caption)))
                .child(El::new("thead").child(head))
                .child(El::new("tbody").children(rows)),
        )
        .child(
            El::new("p")
                .class("muted")
                .text(td_string!(locale, report_reading_help)),
        )
        .child(
            El::new("div")
                .class("columns")
                .child(column(
                    td_string!(locale, report_blind_spots),
                    Finding::BlindSpot,
                ))
                .child(column(
                    td_string!(locale, report_hidden_strengths),
                    Finding::HiddenStrength,
                )),
        )
        .child(El::new("h3").text(td_string!(locale, report_comments)))
        .children(comments)
        .child(El::new("h3").text(td_string!(locale, plan_heading)))
        .child(plan_list(framework, &report.development_plan, locale))
}

/// What binds the raters of a report, said plainly on screen and in print.
pub fn binding_notice(binding: &Binding, locale: Locale) -> El {
    match binding {
        Binding::Campaign { title, .. } => El::new("p")
            .class("binding muted")
            .text(td_string!(locale, report_bound, title = title.clone()).to_string()),
        Binding::Unbound { .. } => El::new("p")
            .class("binding notice notice-warning")
            .attr(Attr::Role, "note")
            .text(td_string!(locale, report_unbound)),
    }
}

/// A group's figure in `cell`: the mean, then how many rated, the spread and "not observed".
fn figure(locale: Locale, figure: Option<&Figure>, column: &str) -> El {
    let Some(f) = figure else {
        return table::empty_cell();
    };
    let cell = table::cell(locale, column);
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
    cell.child(
        El::new("span").class("mean").text(
            f.mean
                .map_or_else(|| "—".to_owned(), |m| decimal(locale, m)),
        ),
    )
    .text(" ")
    .child(El::new("span").class("muted detail").text(detail))
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
