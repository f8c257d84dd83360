//! A campaign planned in a spreadsheet: HR writes who rates whom, one line per rater and
//! subject, and saves it as CSV. This reads that file and makes the campaign from it.
//!
//! Columns (the header line names them, in any order, in English or in French; case,
//! accents, spaces, `_` and `-` do not matter):
//!
//! | column | also | required |
//! |---|---|---|
//! | `subject_id` | `matricule`, `matricule évalué`, `id évalué` | yes |
//! | `subject_name` | `évalué`, `nom évalué`, `personne évaluée` | yes |
//! | `position` | `poste`, `id poste` | no |
//! | `rater_name` | `évaluateur`, `nom évaluateur` | yes, except on `self` lines |
//! | `rater_id` | `matricule évaluateur`, `id évaluateur` | no |
//! | `role` | `rôle`, `relation` | yes |
//!
//! Roles: `self` (`auto-évaluation`), `supervisor` (`supérieur`, `supérieur hiérarchique`,
//! `chef`, `N+1`), `peer` (`pair`, `collègue`), `direct-report` (`collaborateur`,
//! `subordonné`, `N-1`), `other` (`autre`).
//!
//! The file may be UTF-8 (with or without a byte order mark) or Windows-1252 (what French
//! Excel writes as "CSV (séparateur : point-virgule)"), separated by `;`, `,` or tabs (the
//! header line tells which). Empty lines are skipped. Every problem is reported at once, each
//! with its line and column; nothing is planned from a file with any.

use std::collections::BTreeMap;
use std::fmt;

use super::{Campaign, Invitation, Subject};
use crate::assessment::{MAX_NAME_CHARS, Role};
use crate::config::{MAX_POSITION_CHARS, clip};
use crate::framework::Framework;
use crate::problems::MAX_PROBLEMS;
use crate::result::FrameworkReference;
use crate::time::Moment;

/// Largest plan file, in bytes.
pub const MAX_PLAN_BYTES: usize = 16 * 1024 * 1024;
/// Most lines in a plan.
pub const MAX_PLAN_ROWS: usize = super::MAX_INVITATIONS;

/// A column of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    SubjectId,
    SubjectName,
    Position,
    RaterName,
    RaterId,
    Role,
}

impl Column {
    const ALL: [Column; 6] = [
        Column::SubjectId,
        Column::SubjectName,
        Column::Position,
        Column::RaterName,
        Column::RaterId,
        Column::Role,
    ];

    /// The column's English name.
    pub fn name(self) -> &'static str {
        match self {
            Column::SubjectId => "subject_id",
            Column::SubjectName => "subject_name",
            Column::Position => "position",
            Column::RaterName => "rater_name",
            Column::RaterId => "rater_id",
            Column::Role => "role",
        }
    }

    /// The names a header may give the column, folded (see [`fold`]).
    fn names(self) -> &'static [&'static str] {
        match self {
            Column::SubjectId => &[
                "subject id",
                "subject hr id",
                "matricule",
                "matricule evalue",
                "matricule de l evalue",
                "id evalue",
                "identifiant evalue",
            ],
            Column::SubjectName => &[
                "subject name",
                "subject",
                "evalue",
                "nom evalue",
                "nom de l evalue",
                "personne evaluee",
            ],
            Column::Position => &["position", "position id", "poste", "id poste", "code poste"],
            Column::RaterName => &[
                "rater name",
                "rater",
                "evaluateur",
                "nom evaluateur",
                "nom de l evaluateur",
            ],
            Column::RaterId => &[
                "rater id",
                "rater hr id",
                "matricule evaluateur",
                "matricule de l evaluateur",
                "id evaluateur",
                "identifiant evaluateur",
            ],
            Column::Role => &["role", "rater role", "role evaluateur", "relation"],
        }
    }

    fn required(self) -> bool {
        !matches!(self, Column::Position | Column::RaterId)
    }
}

/// One line of the plan: one rater invited to rate one subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRow {
    /// The line in the file (the header is line 1).
    pub line: u64,
    pub subject_id: String,
    pub subject_name: String,
    pub position: Option<String>,
    /// The rater's name; on a `self` line, the subject's.
    pub rater_name: String,
    /// The rater's HR id; on a `self` line, the subject's.
    pub rater_id: Option<String>,
    pub role: Role,
}

/// What is wrong on a line of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanProblemKind {
    /// The file is larger than the limit, in bytes.
    TooLarge {
        limit: usize,
    },
    /// The file has no header line.
    NoHeader,
    /// Not CSV as the reader understands it (its words).
    Unreadable(String),
    /// The header lacks a required column.
    MissingColumn,
    /// A header cell that names no column of the plan (often a typo).
    UnknownColumn(String),
    /// Two header cells name the same column.
    DuplicateColumn,
    /// No line below the header.
    NoRows,
    /// More lines than the limit.
    TooManyRows {
        limit: usize,
    },
    /// More cells on the line than the header has.
    TooManyCells {
        header: usize,
        found: usize,
    },
    /// A required cell is empty.
    Missing,
    /// A cell longer than the limit, in characters.
    TooLong {
        limit: usize,
    },
    /// A cell with a control character (a line break inside a name, say).
    ControlCharacter,
    UnknownRole(String),
    /// A position the framework does not have.
    UnknownPosition(String),
    /// The subject's HR id is given with another name on an earlier line.
    OtherName {
        line: u64,
    },
    /// The subject's HR id is given with another position on an earlier line.
    OtherPosition {
        line: u64,
    },
    /// The same rater is already invited to rate this subject on an earlier line.
    DuplicateRater {
        line: u64,
    },
    /// The subject already has a `self` line.
    SecondSelf {
        line: u64,
    },
    /// A `self` line whose rater id is not the subject's.
    SelfRaterId,
    /// A rater invited to rate themselves in another role than `self`.
    RatesThemselves,
}

/// One problem of the plan, at a line and, when it concerns one cell, a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanProblem {
    pub line: u64,
    /// The column's English name ([`Column::name`]), or the header cell as written.
    pub column: Option<String>,
    pub kind: PlanProblemKind,
}

/// Why a plan was refused: every problem, in line order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", lines(.problems, *.truncated))]
pub struct PlanError {
    pub problems: Vec<PlanProblem>,
    /// More problems were found than [`MAX_PROBLEMS`]; the rest are left out.
    pub truncated: bool,
}

impl fmt::Display for PlanProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use PlanProblemKind::*;
        match self {
            TooLarge { limit } => write!(f, "the file is larger than {limit} bytes"),
            NoHeader => write!(f, "the file is empty: the first line must name the columns"),
            Unreadable(why) => write!(f, "not CSV: {why}"),
            MissingColumn => write!(f, "this column is missing from the header"),
            UnknownColumn(name) => write!(
                f,
                "unknown column `{name}` (the columns are subject_id, subject_name, position, rater_name, rater_id and role)"
            ),
            DuplicateColumn => write!(f, "a second column with this name"),
            NoRows => write!(f, "no invitation: the plan has a header and nothing else"),
            TooManyRows { limit } => write!(f, "more than {limit} lines"),
            TooManyCells { header, found } => {
                write!(f, "{found} cells, but the header names {header} columns")
            }
            Missing => write!(f, "empty"),
            TooLong { limit } => write!(f, "longer than {limit} characters"),
            ControlCharacter => write!(f, "holds a control character (a line break?)"),
            UnknownRole(role) => write!(
                f,
                "unknown role `{role}` (self, supervisor, peer, direct-report or other)"
            ),
            UnknownPosition(p) => write!(f, "the framework has no position `{p}`"),
            OtherName { line } => {
                write!(f, "this HR id has another name on line {line}")
            }
            OtherPosition { line } => {
                write!(f, "this HR id has another position on line {line}")
            }
            DuplicateRater { line } => write!(
                f,
                "this rater is already invited to rate this person, on line {line}"
            ),
            SecondSelf { line } => write!(
                f,
                "this person already has a self-assessment line, line {line}"
            ),
            SelfRaterId => write!(
                f,
                "a self-assessment's rater is the person: leave rater_id empty or give the subject's"
            ),
            RatesThemselves => write!(
                f,
                "the rater is the person rated: use the role `self` for a self-assessment"
            ),
        }
    }
}

impl fmt::Display for PlanProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(column) => write!(f, "line {}, column {column}: {}", self.line, self.kind),
            None => write!(f, "line {}: {}", self.line, self.kind),
        }
    }
}

/// The problems, one a line, and a last line if some were left out.
fn lines(problems: &[PlanProblem], truncated: bool) -> String {
    let mut text = problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    if truncated {
        text.push_str("\n(more problems were found and left out)");
    }
    text
}

/// Collects a plan's problems, up to [`MAX_PROBLEMS`].
#[derive(Default)]
struct Problems {
    list: Vec<PlanProblem>,
    truncated: bool,
}

impl Problems {
    fn push(&mut self, line: u64, column: Option<Column>, kind: PlanProblemKind) {
        self.push_named(line, column.map(|c| c.name().to_owned()), kind);
    }

    fn push_named(&mut self, line: u64, column: Option<String>, kind: PlanProblemKind) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(PlanProblem { line, column, kind });
        } else {
            self.truncated = true;
        }
    }

    fn refuse<T>(self) -> Result<T, PlanError> {
        let mut problems = self.list;
        problems.sort_by_key(|p| p.line);
        Err(PlanError {
            problems,
            truncated: self.truncated,
        })
    }
}

/// Reads a plan (the file's bytes), checking every line against `framework` (positions).
pub fn read(bytes: &[u8], framework: &Framework) -> Result<Vec<PlanRow>, PlanError> {
    let mut problems = Problems::default();
    if bytes.len() > MAX_PLAN_BYTES {
        problems.push(
            1,
            None,
            PlanProblemKind::TooLarge {
                limit: MAX_PLAN_BYTES,
            },
        );
        return problems.refuse();
    }
    let text = decode(bytes);
    let Some(first_line) = text.lines().find(|l| !l.trim().is_empty()) else {
        problems.push(1, None, PlanProblemKind::NoHeader);
        return problems.refuse();
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(first_line))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();

    // The header: which column each cell is.
    let header = loop {
        match records.next() {
            None => {
                problems.push(1, None, PlanProblemKind::NoHeader);
                return problems.refuse();
            }
            Some(Err(e)) => {
                problems.push(
                    line_of(&e),
                    None,
                    PlanProblemKind::Unreadable(e.to_string()),
                );
                return problems.refuse();
            }
            Some(Ok(record)) if record.iter().all(|c| c.trim().is_empty()) => continue,
            Some(Ok(record)) => break record,
        }
    };
    let header_line = header.position().map_or(1, |p| p.line());
    let mut columns: Vec<Option<Column>> = Vec::with_capacity(header.len());
    for cell in header.iter() {
        let folded = fold(cell);
        let column = Column::ALL
            .into_iter()
            .find(|c| c.names().contains(&folded.as_str()));
        match column {
            None if folded.is_empty() => {}
            None => problems.push_named(
                header_line,
                Some(clip(cell.trim())),
                PlanProblemKind::UnknownColumn(clip(cell.trim())),
            ),
            Some(c) if columns.contains(&Some(c)) => {
                problems.push(header_line, Some(c), PlanProblemKind::DuplicateColumn);
            }
            Some(_) => {}
        }
        columns.push(column);
    }
    for column in Column::ALL {
        if column.required() && !columns.contains(&Some(column)) {
            problems.push(header_line, Some(column), PlanProblemKind::MissingColumn);
        }
    }
    if !problems.list.is_empty() {
        return problems.refuse();
    }

    let mut rows = Vec::new();
    let mut lines = 0;
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                problems.push(
                    line_of(&e),
                    None,
                    PlanProblemKind::Unreadable(e.to_string()),
                );
                break;
            }
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        lines += 1;
        let line = record.position().map_or(0, |p| p.line());
        if lines > MAX_PLAN_ROWS {
            problems.push(
                line,
                None,
                PlanProblemKind::TooManyRows {
                    limit: MAX_PLAN_ROWS,
                },
            );
            break;
        }
        if record.len() > columns.len() {
            problems.push(
                line,
                None,
                PlanProblemKind::TooManyCells {
                    header: columns.len(),
                    found: record.len(),
                },
            );
            continue;
        }
        let mut cells: BTreeMap<Column, String> = BTreeMap::new();
        for (cell, column) in record.iter().zip(&columns) {
            if let Some(column) = column {
                cells.insert(*column, cell.trim().to_owned());
            }
        }
        if let Some(row) = read_row(line, &cells, framework, &mut problems) {
            rows.push(row);
        }
    }
    if lines == 0 && problems.list.is_empty() {
        problems.push(header_line, None, PlanProblemKind::NoRows);
    }
    check_together(&rows, &mut problems);
    if problems.list.is_empty() && !problems.truncated {
        Ok(rows)
    } else {
        problems.refuse()
    }
}

/// The line an error of the CSV reader happened on.
fn line_of(error: &csv::Error) -> u64 {
    error.position().map_or(0, |p| p.line())
}

/// One line's cells as a row, its problems reported.
fn read_row(
    line: u64,
    cells: &BTreeMap<Column, String>,
    framework: &Framework,
    problems: &mut Problems,
) -> Option<PlanRow> {
    let mut ok = true;
    let mut cell = |column: Column, limit: usize, required: bool| -> Option<String> {
        let text = cells.get(&column).map_or("", String::as_str);
        if text.is_empty() {
            if required {
                problems.push(line, Some(column), PlanProblemKind::Missing);
                ok = false;
            }
            return None;
        }
        if text.chars().any(char::is_control) {
            problems.push(line, Some(column), PlanProblemKind::ControlCharacter);
            ok = false;
            return None;
        }
        if text.chars().count() > limit {
            problems.push(line, Some(column), PlanProblemKind::TooLong { limit });
            ok = false;
            return None;
        }
        Some(text.to_owned())
    };
    let subject_id = cell(Column::SubjectId, MAX_NAME_CHARS, true);
    let subject_name = cell(Column::SubjectName, MAX_NAME_CHARS, true);
    let position = cell(Column::Position, MAX_POSITION_CHARS, false);
    let role_text = cell(Column::Role, MAX_NAME_CHARS, true);
    let role = role_text.as_deref().and_then(role);
    let rater_name = cell(
        Column::RaterName,
        MAX_NAME_CHARS,
        role.is_some_and(|r| r != Role::SelfAssessment),
    );
    let rater_id = cell(Column::RaterId, MAX_NAME_CHARS, false);
    if let (Some(text), None) = (&role_text, role) {
        problems.push(
            line,
            Some(Column::Role),
            PlanProblemKind::UnknownRole(clip(text)),
        );
        ok = false;
    }
    if let Some(p) = &position
        && framework.position(p).is_none()
    {
        problems.push(
            line,
            Some(Column::Position),
            PlanProblemKind::UnknownPosition(clip(p)),
        );
        ok = false;
    }
    let (subject_id, subject_name, role) = (subject_id?, subject_name?, role?);
    let rater_is_subject = rater_id.as_deref() == Some(subject_id.as_str());
    if role == Role::SelfAssessment && rater_id.is_some() && !rater_is_subject {
        problems.push(line, Some(Column::RaterId), PlanProblemKind::SelfRaterId);
        ok = false;
    }
    if role != Role::SelfAssessment && rater_is_subject {
        problems.push(
            line,
            Some(Column::RaterId),
            PlanProblemKind::RatesThemselves,
        );
        ok = false;
    }
    if !ok {
        return None;
    }
    let (rater_name, rater_id) = if role == Role::SelfAssessment {
        (subject_name.clone(), Some(subject_id.clone()))
    } else {
        (rater_name?, rater_id)
    };
    Some(PlanRow {
        line,
        subject_id,
        subject_name,
        position,
        rater_name,
        rater_id,
        role,
    })
}

/// What the lines must agree on: one name and position per subject, one line per rater and
/// subject, one self-assessment per subject.
fn check_together(rows: &[PlanRow], problems: &mut Problems) {
    let mut subjects: BTreeMap<&str, &PlanRow> = BTreeMap::new();
    let mut raters: BTreeMap<(&str, String), u64> = BTreeMap::new();
    let mut selves: BTreeMap<&str, u64> = BTreeMap::new();
    for row in rows {
        match subjects.get(row.subject_id.as_str()) {
            Some(first) => {
                if first.subject_name != row.subject_name {
                    problems.push(
                        row.line,
                        Some(Column::SubjectName),
                        PlanProblemKind::OtherName { line: first.line },
                    );
                }
                if first.position != row.position {
                    problems.push(
                        row.line,
                        Some(Column::Position),
                        PlanProblemKind::OtherPosition { line: first.line },
                    );
                }
            }
            None => {
                subjects.insert(&row.subject_id, row);
            }
        }
        if row.role == Role::SelfAssessment {
            if let Some(&line) = selves.get(row.subject_id.as_str()) {
                problems.push(row.line, None, PlanProblemKind::SecondSelf { line });
            } else {
                selves.insert(&row.subject_id, row.line);
            }
            continue;
        }
        let (column, rater) = match &row.rater_id {
            Some(id) => (Column::RaterId, format!("id:{id}")),
            None => (Column::RaterName, format!("name:{}", fold(&row.rater_name))),
        };
        match raters.get(&(row.subject_id.as_str(), rater.clone())) {
            Some(&line) => problems.push(
                row.line,
                Some(column),
                PlanProblemKind::DuplicateRater { line },
            ),
            None => {
                raters.insert((&row.subject_id, rater), row.line);
            }
        }
    }
}

/// What the campaign made from a plan is, besides its rows.
pub struct Settings {
    pub id: String,
    pub title: String,
    pub framework: FrameworkReference,
    pub min_raters: usize,
    /// When every invitation closes, if ever.
    pub closes: Option<Moment>,
}

/// A campaign and its invitations' tokens (`tokens[i]` is `campaign.invitations[i]`'s), which
/// only the invitation links hold from now on.
pub struct Planned {
    pub campaign: Campaign,
    pub tokens: Vec<String>,
}

/// The campaign of a plan read with [`read`]: subjects in the order they first appear,
/// invitations `I-0001`, `I-0002`, … in the order of the lines, each with a token from
/// `token` (at least 128 random bits, see [`super::is_token`]) whose SHA-256 (`sha256`) the
/// campaign keeps.
pub fn campaign(
    rows: &[PlanRow],
    settings: Settings,
    mut token: impl FnMut() -> String,
    sha256: impl Fn(&[u8]) -> [u8; 32],
) -> Planned {
    let mut subjects: Vec<Subject> = Vec::new();
    let mut invitations = Vec::with_capacity(rows.len());
    let mut tokens = Vec::with_capacity(rows.len());
    for (n, row) in rows.iter().enumerate() {
        if !subjects.iter().any(|s| s.id == row.subject_id) {
            subjects.push(Subject {
                id: row.subject_id.clone(),
                name: row.subject_name.clone(),
                position: row.position.clone(),
            });
        }
        let token = token();
        invitations.push(Invitation {
            id: format!("I-{:04}", n + 1),
            subject: row.subject_id.clone(),
            role: row.role,
            rater_name: Some(row.rater_name.clone()),
            rater_id: row.rater_id.clone(),
            closes: settings.closes.clone(),
            token_sha256: sha256(token.as_bytes()),
        });
        tokens.push(token);
    }
    Planned {
        campaign: Campaign {
            id: settings.id,
            title: settings.title,
            framework: settings.framework,
            min_raters: settings.min_raters,
            subjects,
            invitations,
        },
        tokens,
    }
}

/// The role a plan's cell names, in English or French.
fn role(text: &str) -> Option<Role> {
    let folded = fold(text);
    let role = match folded.as_str() {
        "self" | "auto evaluation" | "autoevaluation" | "auto" | "soi" | "soi meme" => {
            Role::SelfAssessment
        }
        "supervisor" | "superieur" | "superieur hierarchique" | "chef" | "manager" | "n+1" => {
            Role::Supervisor
        }
        "peer" | "pair" | "collegue" => Role::Peer,
        "direct report" | "collaborateur" | "subordonne" | "n 1" => Role::DirectReport,
        "other" | "autre" => Role::Other,
        _ => return None,
    };
    Some(role)
}

/// A header or a role as compared: lower case, without accents, `_`, `-`, `'`, `’` and `.` as
/// spaces, runs of spaces as one, trimmed.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            '_' | '-' | '\'' | '’' | '.' => ' ',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c != ' ' || !(out.is_empty() || out.ends_with(' ')) {
            out.push(c);
        }
    }
    out.trim_end().to_owned()
}

/// The file's text: UTF-8 without its byte order mark, else Windows-1252.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

/// A Windows-1252 byte as a character (the five undefined bytes as their C1 controls).
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// The separator the header line uses most: `;` (French spreadsheets), `,` or a tab.
fn delimiter(header: &str) -> u8 {
    let mut quoted = false;
    let mut counts = [0usize; 3];
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => counts[0] += 1,
            ',' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b';', b',', b'\t'][best]
}

#[cfg(test)]
mod tests;
