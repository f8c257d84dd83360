//! What can be wrong with a framework document, as data: each user interface words it in its
//! own language. The `Display` impls give the English wording used by the command line.

use std::fmt;

use crate::problems::{Located, Refused};
pub use crate::read::{Expected, Structure};

/// Why a framework document was refused: every problem found, not only the first.
pub type FrameworkError = Refused<ProblemKind>;

/// One problem, located by a JSON path such as `$.competencies[3].name.fr`.
pub type Problem = Located<ProblemKind>;

/// Collects a framework's problems while it is read and checked.
pub(crate) type Problems = crate::problems::Problems<ProblemKind>;

/// What is wrong at a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// Not JSON. `message` is the parser's own (English) description.
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// The document is larger than the loader accepts.
    DocumentTooLarge { bytes: usize, limit: usize },
    /// What can be wrong with any document's structure: a wrong type, a missing or unknown
    /// field, a text or list over its limit, a number out of range.
    Structure(Structure),
    /// `formatVersion` names a version this program does not read.
    UnsupportedFormat { found: String },
    /// An id that is empty or has characters other than letters, digits, `-`, `_` and `.`.
    InvalidId { id: String },
    /// A language tag that is not of the form `fr`, `en` or `pt-BR`.
    InvalidLanguageTag { tag: String },
    /// A value outside a fixed list of choices.
    InvalidValue {
        found: String,
        allowed: &'static [&'static str],
    },
    /// A link that is not an `http:` or `https:` address.
    InvalidLink { link: String },
    /// A text that is empty or only spaces in one language.
    EmptyText { language: String },
    /// A text that lacks one of the declared languages.
    MissingTranslation { language: String },
    /// A text in a language the document does not declare.
    UndeclaredLanguage { language: String },
    /// The default language is not among the declared languages.
    UndeclaredDefaultLanguage { language: String },
    /// A language declared twice.
    DuplicateLanguage { language: String },
    /// Two items of the same kind share an id.
    DuplicateId { id: String },
    /// A competency names a group that does not exist.
    UnknownGroup { id: String },
    /// A position requires a competency that does not exist.
    UnknownCompetency { id: String },
    /// A level id that the proficiency scale does not have.
    UnknownLevel { id: String },
    /// A competency has no behavioural indicators for a level of the scale.
    MissingIndicators { level: String },
    /// A position lists the same competency twice.
    DuplicateRequirement { competency: String },
    /// JSON this program refuses to read though a lax parser would: a member given twice, an
    /// inexact number, nesting too deep (see [`crate::json`]).
    Strict(crate::json::JsonError),
}

impl From<crate::json::JsonError> for ProblemKind {
    /// A document refused by the strict reading step, as the loader says it.
    fn from(error: crate::json::JsonError) -> Self {
        match error {
            crate::json::JsonError::Syntax {
                line,
                column,
                message,
            } => ProblemKind::Syntax {
                line,
                column,
                message,
            },
            crate::json::JsonError::TooLarge { bytes, limit } => {
                ProblemKind::DocumentTooLarge { bytes, limit }
            }
            other => ProblemKind::Strict(other),
        }
    }
}

impl From<Structure> for ProblemKind {
    fn from(problem: Structure) -> Self {
        ProblemKind::Structure(problem)
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ProblemKind::*;
        match self {
            Strict(error) => write!(f, "{error}"),
            Syntax {
                line,
                column,
                message,
            } => write!(
                f,
                "not valid JSON at line {line}, column {column}: {message}"
            ),
            DocumentTooLarge { bytes, limit } => {
                write!(
                    f,
                    "the document has {bytes} bytes, more than the {limit} accepted"
                )
            }
            Structure(problem) => write!(f, "{problem}"),
            UnsupportedFormat { found } => write!(f, "format version {found} is not supported"),
            InvalidId { id } => write!(
                f,
                "`{id}` is not a valid id (letters, digits, `-`, `_` and `.` only)"
            ),
            InvalidLanguageTag { tag } => write!(f, "`{tag}` is not a language tag"),
            InvalidValue { found, allowed } => {
                write!(f, "`{found}` is not one of: {}", allowed.join(", "))
            }
            InvalidLink { link } => write!(f, "`{link}` is not an http or https address"),
            EmptyText { language } => write!(f, "the text in `{language}` is empty"),
            MissingTranslation { language } => write!(f, "the text in `{language}` is missing"),
            UndeclaredLanguage { language } => {
                write!(f, "`{language}` is not one of the declared languages")
            }
            UndeclaredDefaultLanguage { language } => {
                write!(f, "the default language `{language}` is not declared")
            }
            DuplicateLanguage { language } => write!(f, "`{language}` is declared twice"),
            DuplicateId { id } => write!(f, "the id `{id}` is used twice"),
            UnknownGroup { id } => write!(f, "no group has the id `{id}`"),
            UnknownCompetency { id } => write!(f, "no competency has the id `{id}`"),
            UnknownLevel { id } => write!(f, "no level has the id `{id}`"),
            MissingIndicators { level } => {
                write!(f, "no behavioural indicators for the level `{level}`")
            }
            DuplicateRequirement { competency } => {
                write!(f, "the competency `{competency}` is required twice")
            }
        }
    }
}
