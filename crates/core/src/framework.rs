//! The competency framework: what people are assessed against.
//!
//! A framework is data, not code. It arrives as JSON in the versioned wire format of
//! [`wire`], and is converted into the domain types below only once every reference in it has
//! been checked, so the rest of the program never meets a dangling id.

mod wire;

use std::collections::HashSet;
use std::fmt;

use crate::text::{LanguageTag, LocalizedText};

/// A validated competency framework.
#[derive(Debug, Clone, PartialEq)]
pub struct Framework {
    pub id: String,
    pub version: String,
    pub default_language: LanguageTag,
    pub languages: Vec<LanguageTag>,
    pub title: LocalizedText,
    pub description: LocalizedText,
    pub groups: Vec<Group>,
    pub competencies: Vec<Competency>,
}

/// A family of competencies, such as core values or management.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub id: String,
    pub name: LocalizedText,
}

/// One competency, belonging to exactly one group.
#[derive(Debug, Clone, PartialEq)]
pub struct Competency {
    pub id: String,
    pub group: String,
    pub name: LocalizedText,
}

/// Why a framework document was refused: every problem found, not only the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkError {
    pub problems: Vec<Problem>,
}

/// One problem in a framework document, located by its JSON path (`$.groups[2].id`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub kind: ProblemKind,
}

/// What is wrong, as data, so that each user interface can word it in its own language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// The document is not valid JSON, or does not have the expected shape.
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// The document declares a format version this program does not read.
    UnsupportedFormat { found: u32 },
    /// Two items of the same kind share an id.
    DuplicateId { id: String },
    /// A competency names a group that does not exist.
    UnknownGroup { id: String },
    /// A text lacks one of the document's declared languages.
    MissingTranslation { language: LanguageTag },
    /// The default language is not among the declared languages.
    UndeclaredDefaultLanguage { language: LanguageTag },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.path)?;
        match &self.kind {
            ProblemKind::Syntax {
                line,
                column,
                message,
            } => write!(f, "line {line}, column {column}: {message}"),
            ProblemKind::UnsupportedFormat { found } => {
                write!(f, "format version {found} is not supported")
            }
            ProblemKind::DuplicateId { id } => write!(f, "id `{id}` is used twice"),
            ProblemKind::UnknownGroup { id } => write!(f, "no group has the id `{id}`"),
            ProblemKind::MissingTranslation { language } => {
                write!(f, "the text in `{language}` is missing")
            }
            ProblemKind::UndeclaredDefaultLanguage { language } => {
                write!(f, "default language `{language}` is not declared")
            }
        }
    }
}

impl fmt::Display for FrameworkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for FrameworkError {}

impl Framework {
    /// Reads and validates a framework document.
    pub fn from_json(json: &str) -> Result<Self, FrameworkError> {
        let document: wire::FrameworkDocument =
            serde_json::from_str(json).map_err(|e| FrameworkError {
                problems: vec![Problem {
                    path: "$".into(),
                    kind: ProblemKind::Syntax {
                        line: e.line(),
                        column: e.column(),
                        message: e.to_string(),
                    },
                }],
            })?;
        document.into_domain()
    }

    /// The groups in document order, each with its competencies in document order.
    pub fn groups_with_competencies(&self) -> impl Iterator<Item = (&Group, Vec<&Competency>)> {
        self.groups.iter().map(|group| {
            let members = self
                .competencies
                .iter()
                .filter(|c| c.group == group.id)
                .collect();
            (group, members)
        })
    }
}

/// Collects problems while a document is checked.
#[derive(Default)]
struct Problems(Vec<Problem>);

impl Problems {
    fn push(&mut self, path: impl Into<String>, kind: ProblemKind) {
        self.0.push(Problem {
            path: path.into(),
            kind,
        });
    }

    fn check_unique_ids<'a>(&mut self, kind: &str, ids: impl Iterator<Item = &'a str>) {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            if !seen.insert(id) {
                self.push(
                    format!("$.{kind}[{i}].id"),
                    ProblemKind::DuplicateId { id: id.to_owned() },
                );
            }
        }
    }

    fn check_translations(&mut self, path: &str, text: &LocalizedText, languages: &[LanguageTag]) {
        for language in languages {
            if text.get(language).is_none_or(|t| t.trim().is_empty()) {
                self.push(
                    path,
                    ProblemKind::MissingTranslation {
                        language: language.clone(),
                    },
                );
            }
        }
    }

    fn into_result<T>(self, value: T) -> Result<T, FrameworkError> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(FrameworkError { problems: self.0 })
        }
    }
}

#[cfg(test)]
mod tests;
