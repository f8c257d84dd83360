//! The report as HR takes it away: JSON (its own versioned document) and CSV (one line per
//! person and competency, for a spreadsheet).

use serde::Serialize;

use super::{Figure, Report};
use crate::assessment::Role;
use crate::framework::Framework;

/// The value of `type` in a report document.
pub const REPORT_TYPE: &str = "CompetencyReport";
/// The report format this program writes.
pub const FORMAT_VERSION: u64 = 1;

/// A report as written to JSON. Written only: nothing reads it back.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportDocument<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub format_version: u64,
    #[serde(flatten)]
    pub report: &'a Report,
}

impl<'a> ReportDocument<'a> {
    pub fn new(report: &'a Report) -> Self {
        ReportDocument {
            kind: REPORT_TYPE,
            format_version: FORMAT_VERSION,
            report,
        }
    }

    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).expect("a report serialises");
        json.push('\n');
        json
    }
}

/// The groups of the CSV's columns, in order, with their column prefix.
const GROUPS: [(Role, &str); 5] = [
    (Role::SelfAssessment, "self"),
    (Role::Supervisor, "supervisor"),
    (Role::Peer, "peers"),
    (Role::DirectReport, "direct_reports"),
    (Role::Other, "others"),
];

/// How a CSV is written for the spreadsheets of a language: French ones read `;` between
/// cells and `,` in numbers, others `,` and `.`. Either way the text starts with a UTF-8 byte
/// order mark, which spreadsheets need to read accents right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvStyle {
    pub separator: char,
    pub decimal: char,
}

impl CsvStyle {
    /// The style of `language`'s spreadsheets (`fr`, `fr-BE`…: French; any other: English).
    pub fn of(language: &str) -> Self {
        if language == "fr" || language.starts_with("fr-") {
            CsvStyle {
                separator: ';',
                decimal: ',',
            }
        } else {
            CsvStyle {
                separator: ',',
                decimal: '.',
            }
        }
    }

    /// A number with two decimals at most, with this style's decimal mark, or empty.
    fn number(self, value: Option<f64>) -> String {
        number(value).replace('.', &self.decimal.to_string())
    }

    /// One line of cells.
    pub fn line(self, cells: &[String]) -> String {
        csv_line(cells, self.separator)
    }
}

/// The UTF-8 byte order mark that starts every CSV written here.
pub const BOM: char = '\u{feff}';

/// The report as CSV (RFC 4180, UTF-8 with a byte order mark, in the style of `language`'s
/// spreadsheets, [`CsvStyle`]): one line per person and competency. Competency names are in
/// `language` (else the framework's default). A group that is absent
/// or not shown has empty cells, so the two cannot be told apart. Text cells that a
/// spreadsheet would take for a formula are prefixed with `'`. The last column says on every
/// line what binds the raters: `campaign:<id>`, or `unbound` (anyone could have signed as
/// any rater).
pub fn to_csv(report: &Report, framework: &Framework, language: &str) -> String {
    let mut header = vec![
        "subject_id",
        "subject_name",
        "position",
        "competency",
        "competency_name",
        "required",
        "critical",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect::<Vec<_>>();
    for (_, prefix) in GROUPS {
        for column in ["mean", "raters", "not_observed", "min", "max"] {
            header.push(format!("{prefix}_{column}"));
        }
    }
    header.extend(["all_others_mean", "gap", "finding", "rater_identities"].map(str::to_owned));
    let binding = match &report.binding {
        super::Binding::Campaign { campaign, .. } => format!("campaign:{campaign}"),
        super::Binding::Unbound { .. } => "unbound".to_owned(),
    };
    let style = CsvStyle::of(language);
    let mut out = String::from(BOM);
    out += &style.line(&header);
    let language = framework.display_language(language);
    for subject in &report.subjects {
        for row in &subject.rows {
            let name = framework
                .competency(&row.competency)
                .and_then(|c| c.name.resolve(language, &framework.default_language))
                .map_or("", |t| t.text);
            let mut cells = vec![
                subject.id.clone(),
                subject.name.clone(),
                subject.position.clone().unwrap_or_default(),
                row.competency.clone(),
                name.to_owned(),
                row.required.map_or_else(String::new, |r| r.to_string()),
                if row.required.is_some() {
                    row.critical.to_string()
                } else {
                    String::new()
                },
            ];
            for (role, _) in GROUPS {
                cells.extend(figure_cells(row.group(role), style));
            }
            cells.push(style.number(row.others.mean));
            cells.push(style.number(row.gap()));
            cells.push(match row.finding {
                Some(super::Finding::BlindSpot) => "blind-spot".to_owned(),
                Some(super::Finding::HiddenStrength) => "hidden-strength".to_owned(),
                None => String::new(),
            });
            cells.push(binding.clone());
            out.push_str(&style.line(&cells));
        }
    }
    out
}

fn figure_cells(figure: Option<&Figure>, style: CsvStyle) -> [String; 5] {
    match figure {
        Some(f) => [
            style.number(f.mean),
            f.raters.to_string(),
            f.not_observed.to_string(),
            f.min.map_or_else(String::new, |n| n.to_string()),
            f.max.map_or_else(String::new, |n| n.to_string()),
        ],
        None => Default::default(),
    }
}

/// A figure with two decimals at most (`2.67`, `3`), or empty.
fn number(value: Option<f64>) -> String {
    value.map(two_decimals).unwrap_or_default()
}

/// `value` rounded to two decimals, without trailing zeros (`2.67`, `2.5`, `3`, `-0.25`; never
/// `-0`). Integer arithmetic: `format!("{:.2}")` would bring the exact float formatter, some
/// twenty kilobytes, into the browser's bundle.
pub fn two_decimals(value: f64) -> String {
    let hundredths = (value * 100.0).round() as i64;
    let sign = if hundredths < 0 { "-" } else { "" };
    let (whole, cents) = (hundredths.abs() / 100, hundredths.abs() % 100);
    match cents {
        0 => format!("{sign}{whole}"),
        c if c % 10 == 0 => format!("{sign}{whole}.{}", c / 10),
        c => format!("{sign}{whole}.{c:02}"),
    }
}

/// One CSV line (RFC 4180, CRLF) with `separator` between the cells (`;` is what French
/// spreadsheets expect), each cell quoted when it needs to be, and prefixed with `'` when a
/// spreadsheet would take it for a formula.
pub fn csv_line(cells: &[String], separator: char) -> String {
    let mut out = String::new();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(separator);
        }
        out.push_str(&escape(cell, separator));
    }
    out.push_str("\r\n");
    out
}

fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

fn escape(cell: &str, separator: char) -> String {
    // A number (with a decimal point or comma) is a number, not a formula.
    let number = cell
        .strip_prefix('-')
        .unwrap_or(cell)
        .split_once([',', '.'])
        .map_or_else(
            || is_digits(cell.strip_prefix('-').unwrap_or(cell)),
            |(whole, fraction)| is_digits(whole) && is_digits(fraction),
        );
    let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !number;
    let cell = if formula {
        format!("'{cell}")
    } else {
        cell.to_owned()
    };
    if cell.contains([separator, '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::{csv_line, number};

    fn escape(cell: &str) -> String {
        super::escape(cell, ',')
    }

    #[test]
    fn cells_are_quoted_and_formulas_neutralised() {
        assert_eq!(escape("Awa"), "Awa");
        assert_eq!(escape("a,b"), "\"a,b\"");
        assert_eq!(escape("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(escape("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(escape("-0.5"), "-0.5");
        assert_eq!(escape("-0,25"), "\"-0,25\"");
        assert_eq!(super::escape("-0,25", ';'), "-0,25");
        assert_eq!(escape("-1e5"), "'-1e5");
        assert_eq!(escape("-2+3"), "'-2+3");
        assert_eq!(escape("@cmd"), "'@cmd");
        assert_eq!(escape("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(
            csv_line(&["Sanogo; Fatou".into(), "a,b".into(), "x".into()], ';'),
            "\"Sanogo; Fatou\";a,b;x\r\n"
        );
    }

    #[test]
    fn numbers_have_two_decimals_at_most() {
        assert_eq!(number(Some(8.0 / 3.0)), "2.67");
        assert_eq!(number(Some(3.0)), "3");
        assert_eq!(number(Some(2.5)), "2.5");
        assert_eq!(number(None), "");
        assert_eq!(number(Some(-0.001)), "0");
        assert_eq!(number(Some(-0.25)), "-0.25");
        assert_eq!(number(Some(1.005 + 1e-9)), "1.01");
        assert_eq!(number(Some(10.1)), "10.1");
        assert_eq!(number(Some(0.07)), "0.07");
    }
}
