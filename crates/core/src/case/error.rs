//! What a conversion could not carry ([`Loss`]) and what made it impossible ([`CaseError`]), as
//! data: each user interface words them in its own language. The `Display` impls give the
//! English wording used by the command line.

use std::fmt;

use super::ScaleOrigin;
use crate::framework::FrameworkError;

/// Why a framework could not be exported, or a package imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    /// Export: the framework has no text in the requested language.
    #[error(
        "the framework has no text in `{language}`; its languages are: {}",
        .available.join(", ")
    )]
    UnknownLanguage {
        language: String,
        available: Vec<String>,
    },
    /// Export: `last_change` is not an RFC 3339 timestamp.
    #[error("`{value}` is not an RFC 3339 date and time such as 2025-03-01T09:30:00Z")]
    InvalidTimestamp { value: String },
    /// The package is larger than the importer accepts.
    #[error("the package has {bytes} bytes, more than the {limit} accepted")]
    TooLarge { bytes: usize, limit: usize },
    /// Not JSON. `message` is the parser's own (English) description.
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not an object, so not a CFPackage.
    #[error("not a CASE package: expected a CFPackage object, found {found}")]
    NotAPackage { found: &'static str },
    /// A CFPackage without `CFDocument`.
    #[error("not a CASE package: there is no CFDocument")]
    NoDocument,
    /// A value of the wrong JSON type, at a path such as `CFItems[3].fullStatement`.
    #[error("{path}: expected {expected}")]
    WrongType {
        path: String,
        expected: &'static str,
    },
    /// A field CASE requires and the import needs is absent or empty.
    #[error("{path}: the field `{field}` is missing")]
    MissingField { path: String, field: &'static str },
    /// A `CFItem` without `fullStatement`: it has no text to show.
    #[error("the CFItem {item} has no fullStatement, so no text to show")]
    ItemWithoutText { item: String },
    /// Two objects of the package share an identifier.
    #[error("the identifier {identifier} is used twice")]
    DuplicateIdentifier { identifier: String },
    /// The package has no `CFItems`.
    #[error("the package has no CFItems, so no competency")]
    NoItems,
    /// No item has a rubric criterion with levels, and the caller named no scale to assume
    /// ([`super::ImportOptions::scale`]): our frameworks need a proficiency scale with
    /// behavioural indicators for every level of every competency.
    #[error(
        "none of the package's {items} items has proficiency levels (a CFRubric \
         criterion with levels): a framework needs a proficiency scale with \
         behavioural indicators for every level of every competency; name the scale \
         to assume (`--scale bundled`, or `--scale FILE` for a framework's scale)"
    )]
    NoProficiencyScale { items: usize },
    /// A competency's rubric criterion has another number of levels than the scale.
    #[error(
        "the rubric criterion of {competency} has {found} levels, but the proficiency \
         scale has {expected}"
    )]
    LevelCount {
        competency: String,
        found: usize,
        expected: usize,
    },
    /// A competency's criterion level has no description, so no behavioural indicator.
    #[error(
        "the rubric criterion of {competency} has no description for the level \
         `{level}`, so no behavioural indicator"
    )]
    NoIndicators { competency: String, level: String },
    /// The framework read from the package breaks a rule of our frameworks.
    #[error("the package does not make a valid framework:\n{0}")]
    Invalid(#[from] FrameworkError),
}

/// What a conversion could not carry. Items are named by their code (`humanCodingScheme`), or
/// by their identifier when they have none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loss {
    /// Export: the texts in these languages (CASE text is in one language).
    OtherLanguages { languages: Vec<String> },
    /// Export: these positions and the levels they require (CASE has no positions).
    Positions { ids: Vec<String> },
    /// Export: the learning resources (CASE has no learning resources).
    Resources { count: usize, competencies: usize },
    /// Export: line breaks inside these many indicators became spaces, because a criterion
    /// level holds one indicator per line.
    IndicatorLineBreaks { count: usize },
    /// Import: the document's language was absent (`None`) or not a language tag; its texts
    /// were taken as [`super::import()`]'s default, `en`.
    AssumedLanguage { found: Option<String> },
    /// Import: associations left out, by type: every type but `isChildOf`, and the `isChildOf`
    /// associations that do not place an imported item (a second parent, a parent outside the
    /// package).
    Associations { counts: Vec<(String, usize)> },
    /// Import: items with no rubric criterion (or under the scale without being a level): they
    /// cannot be assessed.
    NotAssessable { items: Vec<String> },
    /// Import: competencies that were deeper than directly below their group.
    Flattened { competencies: Vec<String> },
    /// Import: rubric criteria that do not point to an imported competency (they point to a
    /// group, to nothing, or to a competency that already has one).
    UnusedCriteria { count: usize },
    /// Import: competencies whose criterion names its levels otherwise than the scale; the
    /// scale's names were kept.
    LevelLabels { competencies: Vec<String> },
    /// Import: the package has no rubric, so neither proficiency levels nor behavioural
    /// indicators. The scale the caller named ([`super::ImportOptions::scale`]) was assumed:
    /// these level ids, labelled in `labels_language` when that is not the framework's
    /// language (the package's language is not one of the scale's). Each of these many
    /// competencies has its statement (`fullStatement`) as its one behavioural indicator at
    /// every level.
    AssumedScale {
        origin: ScaleOrigin,
        levels: Vec<String>,
        labels_language: Option<String>,
        competencies: usize,
    },
    /// Import: the package has a rubric, which gave the scale: the scale the caller named was
    /// not used.
    ScaleNotUsed { origin: ScaleOrigin },
    /// Import: fields of these many objects of one kind that have no place in our model.
    Fields {
        object: CaseObject,
        count: usize,
        fields: Vec<String>,
    },
}

/// A kind of object in a CFPackage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CaseObject {
    Package,
    Document,
    Item,
    Definitions,
    Rubric,
    Criterion,
    CriterionLevel,
}

impl CaseObject {
    /// The CASE name of one object.
    pub fn singular(self) -> &'static str {
        match self {
            CaseObject::Package => "CFPackage",
            CaseObject::Document => "CFDocument",
            CaseObject::Item => "CFItem",
            CaseObject::Definitions => "CFDefinitions",
            CaseObject::Rubric => "CFRubric",
            CaseObject::Criterion => "CFRubricCriterion",
            CaseObject::CriterionLevel => "CFRubricCriterionLevel",
        }
    }

    /// The CASE name of several objects.
    pub fn plural(self) -> &'static str {
        match self {
            CaseObject::Package => "CFPackages",
            CaseObject::Document => "CFDocuments",
            CaseObject::Item => "CFItems",
            CaseObject::Definitions => "CFDefinitions",
            CaseObject::Rubric => "CFRubrics",
            CaseObject::Criterion => "CFRubricCriteria",
            CaseObject::CriterionLevel => "CFRubricCriterionLevels",
        }
    }
}

/// `a, b, c` and, past ten, `and N more`.
fn list(f: &mut fmt::Formatter<'_>, items: &[String]) -> fmt::Result {
    const SHOWN: usize = 10;
    for (i, item) in items.iter().take(SHOWN).enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        f.write_str(item)?;
    }
    if items.len() > SHOWN {
        write!(f, " and {} more", items.len() - SHOWN)?;
    }
    Ok(())
}

impl fmt::Display for ScaleOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScaleOrigin::Bundled => f.write_str("the bundled framework"),
            ScaleOrigin::Framework { id, version } => {
                write!(f, "the framework {id} (version {version})")
            }
        }
    }
}

impl fmt::Display for Loss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Loss::*;
        match self {
            OtherLanguages { languages } => write!(
                f,
                "the texts in {} were not exported: a CASE document is in one language",
                languages.join(", ")
            ),
            Positions { ids } => {
                write!(
                    f,
                    "{} positions and the levels they require were not exported (CASE has \
                     no positions): ",
                    ids.len()
                )?;
                list(f, ids)
            }
            Resources {
                count,
                competencies,
            } => write!(
                f,
                "{count} learning resources of {competencies} competencies were not exported \
                 (CASE has no learning resources)"
            ),
            IndicatorLineBreaks { count } => write!(
                f,
                "line breaks in {count} behavioural indicators became spaces (a rubric level \
                 holds one indicator per line)"
            ),
            AssumedLanguage { found: None } => {
                f.write_str("the document does not say its language: its texts were read as `en`")
            }
            AssumedLanguage { found: Some(found) } => write!(
                f,
                "the document's language `{found}` is not a language tag: its texts were read \
                 as `en`"
            ),
            Associations { counts } => {
                f.write_str("associations left out: ")?;
                for (i, (kind, count)) in counts.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{count} {kind}")?;
                }
                Ok(())
            }
            NotAssessable { items } => {
                write!(
                    f,
                    "{} items have no proficiency levels (no rubric criterion) and were left \
                     out: ",
                    items.len()
                )?;
                list(f, items)
            }
            Flattened { competencies } => {
                write!(
                    f,
                    "{} competencies were nested deeper and now sit directly in their group: ",
                    competencies.len()
                )?;
                list(f, competencies)
            }
            UnusedCriteria { count } => write!(
                f,
                "{count} rubric criteria were left out: they do not point to a competency, or \
                 point to one that already has a criterion"
            ),
            LevelLabels { competencies } => {
                write!(
                    f,
                    "{} competencies name their levels otherwise than the scale; the scale's \
                     names were kept: ",
                    competencies.len()
                )?;
                list(f, competencies)
            }
            AssumedScale {
                origin,
                levels,
                labels_language,
                competencies,
            } => {
                write!(
                    f,
                    "the package has no rubric, so no proficiency levels: the scale of {origin} \
                     was assumed ({} levels: ",
                    levels.len()
                )?;
                list(f, levels)?;
                f.write_str(")")?;
                if let Some(language) = labels_language {
                    write!(
                        f,
                        ", its labels taken in `{language}` (the scale has none in the \
                         package's language)"
                    )?;
                }
                match competencies {
                    1 => f.write_str("; the one competency")?,
                    n => write!(f, "; each of the {n} competencies")?,
                }
                f.write_str(" has its statement as its one behavioural indicator at every level")
            }
            ScaleNotUsed { origin } => write!(
                f,
                "the package's rubric gave the proficiency levels: the scale of {origin} was \
                 not used"
            ),
            Fields {
                object,
                count,
                fields,
            } => {
                if *count == 1 {
                    write!(
                        f,
                        "fields of the {} that were not kept: ",
                        object.singular()
                    )?;
                } else {
                    write!(
                        f,
                        "fields of {count} {} that were not kept: ",
                        object.plural()
                    )?;
                }
                f.write_str(&fields.join(", "))
            }
        }
    }
}
