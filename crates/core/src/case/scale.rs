//! The proficiency scale the caller names for packages that have none (no rubric), and how its
//! labels are matched to the package's one language.

use crate::bundled;
use crate::framework::{Framework, FrameworkError, Level};
use crate::text::LanguageTag;

/// How to read a package.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportOptions {
    /// The proficiency scale to assume when the package has no rubric (no criterion with levels
    /// that points to one of its items). `None`: such a package is refused with
    /// [`super::CaseError::NoProficiencyScale`]. A package with a rubric always takes its scale
    /// from the rubric; this one is then reported unused ([`super::Loss::ScaleNotUsed`]).
    pub scale: Option<Scale>,
}

/// A proficiency scale named by the caller: levels with their labels (and descriptions) in one
/// or more languages, as a framework has them.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    /// Where the scale comes from, as the losses name it.
    pub origin: ScaleOrigin,
    /// The language whose labels are used when the package's language is not one of the
    /// scale's.
    pub default_language: LanguageTag,
    /// The levels, lowest first. An imported framework goes through
    /// [`Framework::from_json`], so levels that break its rules (fewer than two, bad ids, empty
    /// labels) give [`super::CaseError::Invalid`].
    pub levels: Vec<Level>,
}

/// Where a [`Scale`] comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScaleOrigin {
    /// The framework bundled with the program ([`bundled::framework`]).
    Bundled,
    /// A framework the caller loaded, named by its id and version.
    Framework { id: String, version: String },
}

impl Scale {
    /// The bundled framework's scale (awareness, trained, advanced, expert; French and
    /// English). Fails only if a build shipped a broken bundled framework, which its tests
    /// prevent.
    pub fn bundled() -> Result<Scale, FrameworkError> {
        let framework = bundled::framework()?;
        Ok(Scale {
            origin: ScaleOrigin::Bundled,
            ..Scale::of(&framework)
        })
    }

    /// The scale of a framework, with every language it has.
    pub fn of(framework: &Framework) -> Scale {
        Scale {
            origin: ScaleOrigin::Framework {
                id: framework.id.clone(),
                version: framework.version.clone(),
            },
            default_language: framework.default_language.clone(),
            levels: framework.levels.clone(),
        }
    }

    /// The language to read the labels in for a package written in `wanted`: `wanted` itself,
    /// else a language of the scale with the same primary subtag (`en` for `en-GB`, or the
    /// reverse), else the scale's default language. Tags compare without regard to case.
    pub(super) fn language_for(&self, wanted: &str) -> &str {
        let primary = |tag: &str| {
            tag.split('-')
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase()
        };
        let languages: Vec<&str> = self
            .levels
            .first()
            .map(|level| level.label.languages().collect())
            .unwrap_or_default();
        languages
            .iter()
            .find(|l| l.eq_ignore_ascii_case(wanted))
            .or_else(|| languages.iter().find(|l| primary(l) == primary(wanted)))
            .copied()
            .unwrap_or(&self.default_language)
    }
}
