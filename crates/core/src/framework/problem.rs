//! What can be wrong with a framework document, as data: each user interface words it in its
//! own language. The `Display` impls give the English wording used by the command line.

use std::fmt;

use crate::problems::{Located, Refused};

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
    /// A value of the wrong JSON type.
    WrongType { expected: Expected },
    /// A required field is absent.
    MissingField { field: String },
    /// A field this format does not have (often a typo).
    UnknownField { field: String },
    /// `formatVersion` names a version this program does not read.
    UnsupportedFormat { found: String },
    /// A text or id longer than the limit, in characters.
    TooLong { length: usize, limit: usize },
    /// A list longer than the limit.
    TooMany { count: usize, limit: usize },
    /// A list shorter than the minimum.
    TooFew { count: usize, minimum: usize },
    /// An id that is empty or has characters other than letters, digits, `-`, `_` and `.`.
    InvalidId { id: String },
    /// A language tag that is not of the form `fr`, `en` or `pt-BR`.
    InvalidLanguageTag { tag: String },
    /// A value outside a fixed list of choices.
    InvalidValue {
        found: String,
        allowed: &'static [&'static str],
    },
    /// A number outside its range.
    OutOfRange { min: u64, max: u64 },
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

/// The JSON type a value should have had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Object,
    Array,
    String,
    Integer,
    Boolean,
    /// An object mapping language tags to strings.
    Text,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Expected::Object => "an object",
            Expected::Array => "an array",
            Expected::String => "a string",
            Expected::Integer => "a whole number",
            Expected::Boolean => "true or false",
            Expected::Text => "an object of texts by language",
        })
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
            WrongType { expected } => write!(f, "expected {expected}"),
            MissingField { field } => write!(f, "the field `{field}` is missing"),
            UnknownField { field } => write!(f, "unknown field `{field}`"),
            UnsupportedFormat { found } => write!(f, "format version {found} is not supported"),
            TooLong { length, limit } => {
                write!(f, "{length} characters, more than the {limit} accepted")
            }
            TooMany { count, limit } => {
                write!(f, "{count} items, more than the {limit} accepted")
            }
            TooFew { count, minimum } => {
                write!(f, "{count} items, fewer than the {minimum} needed")
            }
            InvalidId { id } => write!(
                f,
                "`{id}` is not a valid id (letters, digits, `-`, `_` and `.` only)"
            ),
            InvalidLanguageTag { tag } => write!(f, "`{tag}` is not a language tag"),
            InvalidValue { found, allowed } => {
                write!(f, "`{found}` is not one of: {}", allowed.join(", "))
            }
            OutOfRange { min, max } => write!(f, "expected a whole number from {min} to {max}"),
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
