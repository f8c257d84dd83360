//! The competency framework: what people are assessed against.
//!
//! A framework is data, not code. It arrives as JSON in the versioned format of [`wire`]; the
//! loader first reads its structure ([`read`]), then checks what the types cannot say
//! ([`check`]), and reports every problem with its JSON path. Only a framework without any
//! problem becomes the domain types below, so the rest of the program never meets a dangling id.

mod check;
pub mod compact;
pub mod limits;
mod problem;
mod read;
pub mod wire;

pub use problem::{Expected, FrameworkError, Problem, ProblemKind, Structure};

use crate::text::{LanguageTag, LocalizedText};
use problem::Problems;

/// A validated competency framework.
#[derive(Debug, Clone, PartialEq)]
pub struct Framework {
    pub id: String,
    pub version: String,
    pub default_language: LanguageTag,
    pub languages: Vec<LanguageTag>,
    pub title: LocalizedText,
    pub description: LocalizedText,
    /// Where the framework comes from, whose structure it follows.
    pub source: LocalizedText,
    /// The proficiency scale, lowest level first.
    pub levels: Vec<Level>,
    pub groups: Vec<Group>,
    pub competencies: Vec<Competency>,
    pub positions: Vec<Position>,
}

/// A level of the proficiency scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Level {
    pub id: String,
    pub label: LocalizedText,
    pub description: LocalizedText,
}

/// A family of competencies, such as core values or management.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub id: String,
    pub name: LocalizedText,
    pub description: LocalizedText,
}

/// One competency, belonging to exactly one group.
#[derive(Debug, Clone, PartialEq)]
pub struct Competency {
    pub id: String,
    pub group: String,
    pub name: LocalizedText,
    pub definition: LocalizedText,
    /// Behavioural indicators, one list per level of the scale, in the scale's order.
    pub indicators: Vec<Vec<LocalizedText>>,
    pub resources: Vec<Resource>,
}

/// A way to develop a competency.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    pub title: LocalizedText,
    pub kind: ResourceKind,
    /// An `http:` or `https:` address.
    pub link: Option<String>,
    pub duration_hours: Option<u64>,
}

/// What kind of learning a resource is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResourceKind {
    ELearning,
    Course,
    OnTheJob,
    Reading,
    Mentoring,
}

/// A position and what it requires.
#[derive(Debug, Clone, PartialEq)]
pub struct Position {
    pub id: String,
    pub title: LocalizedText,
    pub description: LocalizedText,
    /// The family of positions it belongs to.
    pub family: LocalizedText,
    pub requirements: Vec<Requirement>,
}

/// The level a position requires in one competency.
#[derive(Debug, Clone, PartialEq)]
pub struct Requirement {
    pub competency: String,
    pub level: String,
    /// Whether a gap here matters most for the position.
    pub critical: bool,
}

impl Framework {
    /// Reads and validates a framework document, reporting every problem found.
    pub fn from_json(json: &str) -> Result<Self, FrameworkError> {
        let mut problems = Problems::default();
        let value = match crate::json::parse(json, limits::MAX_DOCUMENT_BYTES) {
            Ok(value) => value,
            Err(error) => {
                problems.push(error.path().to_owned(), ProblemKind::from(error));
                return Err(problems.into_error());
            }
        };
        Self::read(&value, problems)
    }

    /// Reads and validates a framework document already parsed as JSON (one built from a
    /// spreadsheet, say), reporting every problem found, as [`Framework::from_json`] does.
    pub fn from_value(value: &serde_json::Value) -> Result<Self, FrameworkError> {
        Self::read(value, Problems::default())
    }

    fn read(value: &serde_json::Value, mut problems: Problems) -> Result<Self, FrameworkError> {
        let Some(document) = read::document(value, &mut problems) else {
            return Err(problems.into_error());
        };
        let framework = check::framework(document, &mut problems);
        problems.into_result(framework)
    }

    /// The document in its serialised form.
    pub fn to_document(&self) -> wire::FrameworkDocument {
        self.into()
    }

    /// The document as pretty-printed JSON, which [`Framework::from_json`] reads back equal.
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(&self.to_document())
            .expect("the wire types always serialise");
        json.push('\n');
        json
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

    /// Whether the framework declares `language` (then every text has it).
    pub fn speaks(&self, language: &str) -> bool {
        self.languages.iter().any(|l| l == language)
    }

    /// The language to show this framework's texts in for a reader of `wanted`: `wanted` when
    /// the framework declares it (then every text has it), else the default language.
    pub fn display_language<'a>(&'a self, wanted: &'a str) -> &'a str {
        if self.speaks(wanted) {
            wanted
        } else {
            &self.default_language
        }
    }

    pub fn competency(&self, id: &str) -> Option<&Competency> {
        self.competencies.iter().find(|c| c.id == id)
    }

    pub fn position(&self, id: &str) -> Option<&Position> {
        self.positions.iter().find(|p| p.id == id)
    }

    /// The level with this id and its rank on the scale (0 is the lowest).
    pub fn level(&self, id: &str) -> Option<(usize, &Level)> {
        self.levels.iter().enumerate().find(|(_, l)| l.id == id)
    }
}

#[cfg(test)]
mod tests;
