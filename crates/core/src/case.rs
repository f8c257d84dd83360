//! 1EdTech CASE interchange: a framework to and from a CFPackage (JSON), so that HR can reuse
//! the CASE tools they already have (OpenSALT and others).
//!
//! CASE and our model do not hold the same things. What one side cannot carry is reported as a
//! [`Loss`], never dropped silently; what makes a conversion impossible is a [`CaseError`].
//!
//! # The mapping
//!
//! | our framework | CASE 1.0 (no CASE 1.1 field is written) |
//! | --- | --- |
//! | the framework | `CFDocument`: `title`, `description`, `version`, `language` (the one exported), `creator` ← `source` (when the framework has no source, `creator` is the title, and an import reads a `creator` equal to the title as no source) |
//! | its id | `humanCodingScheme` of the proficiency-scale item (a CFDocument has no code of its own) |
//! | a group | a top-level `CFItem` (`CFItemType` "Competency group") `isChildOf` the document |
//! | a competency | a `CFItem` (`CFItemType` "Competency") `isChildOf` its group |
//! | ids | `humanCodingScheme` |
//! | a name or label | `abbreviatedStatement` |
//! | a definition or description | `fullStatement` (the name again when a group or level has no description) |
//! | the proficiency scale | a top-level `CFItem` (`CFItemType` "Proficiency scale"), whose children are one `CFItem` per level (`CFItemType` "Proficiency level"), in scale order |
//! | behavioural indicators | one `CFRubric`; one criterion per competency (`CFItemURI` → the competency); one criterion level per level of the scale: `quality` = label, `position` and `score` = rank from 1, `description` = the indicators, one per line |
//! | order | `sequenceNumber` of the `isChildOf` associations, `position` in the rubric (competencies come back group by group) |
//!
//! Positions, learning resources and every language but the exported one have no place in
//! CASE: [`export()`] reports them as losses.
//!
//! # Identifiers and addresses
//!
//! Every identifier is a UUID v5, so the same framework always gives the same package: the
//! document's is derived from the framework id alone, in [`NAMESPACE`] (so the French and the
//! English export are the same CASE document in two languages, and a new version of a framework
//! updates its CASE document instead of adding another); every other object's is derived from
//! the document's and the object's own id. A package written here has no server address, so
//! every `uri` is the `urn:uuid:` URN (RFC 9562) of the object's identifier, which CASE servers
//! replace with their own address on import.
//!
//! # Import of packages written by others
//!
//! A competency needs behavioural indicators for every level, so [`import()`] reads competencies
//! from the rubric: an item is a competency when a rubric criterion with levels points to it.
//! The hierarchy (`isChildOf`, ordered by `sequenceNumber`, an item without a parent counting as
//! top-level) is flattened onto groups and competencies:
//!
//! - a top-level item with competencies below it, at any depth, is a group (and so is an item
//!   written here as a group, even empty); its competencies are all the competencies below it,
//!   in tree order, and those that were not its direct children are reported as flattened;
//! - a top-level competency with nothing assessable below it goes to one extra group named after
//!   the document;
//! - every other item (no criterion, or below a level of the scale) is left out and reported.
//!
//! The scale is the "Proficiency scale" item's levels when the package has one; otherwise it is
//! read from the rubric: the criteria's levels in `position` order (else `score`, else as
//! listed), labelled by their `quality`. Every criterion must then have one level per level of
//! the scale. Ids come from `humanCodingScheme` (made into a valid id when it is not one) or else
//! from the item's identifier; the framework's id from the scale item's code, else from the
//! document's identifier; its version is the document's, else the day of its last change; its
//! one language is the document's (`en` when it has none). Statements are kept as they are,
//! Markdown included. The result is built through [`Framework::from_json`], so an import can
//! never give a framework the program would refuse.
//!
//! A package without a rubric (no criterion with levels pointing to an item that becomes a
//! competency, as in most packages written by others) has neither proficiency levels nor
//! behavioural indicators: [`import()`] refuses it, and [`import_with`] assumes the scale the
//! caller names in [`ImportOptions`] ([`Scale::bundled`], or [`Scale::of`] any framework).
//! Every item is then assessable, so by the rules above a top-level item with items below it is
//! a group and every other item a competency, each with its statement (`fullStatement`) as its
//! one behavioural indicator at every level; an item of type "Proficiency scale" and the items
//! below it are left out. The levels keep the scale's ids; their labels and descriptions are
//! taken in the package's language, else in a language of the scale with the same primary
//! subtag (`en` for `en-GB`), else in the scale's default language. [`Loss::AssumedScale`] says
//! all this. A package that has a rubric takes its scale from the rubric even when a scale is
//! named, and [`Loss::ScaleNotUsed`] says the named one was not used.
//!
//! [`Framework::from_json`]: crate::Framework::from_json

mod error;
mod export;
mod ident;
mod import;
mod package;
mod scale;

pub use error::{CaseError, CaseObject, Loss};
pub use export::export;
pub use ident::NAMESPACE;
pub use import::{import, import_document, import_with};
pub use scale::{ImportOptions, Scale, ScaleOrigin};

use crate::framework::Framework;

/// `CFItemType` of a group's item.
pub const GROUP_TYPE: &str = "Competency group";
/// `CFItemType` of a competency's item.
pub const COMPETENCY_TYPE: &str = "Competency";
/// `CFItemType` of the item that holds the proficiency scale.
pub const SCALE_TYPE: &str = "Proficiency scale";
/// `CFItemType` of a level's item, a child of the scale's item.
pub const LEVEL_TYPE: &str = "Proficiency level";

/// What to write: CASE text is in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportOptions<'a> {
    /// Which of the framework's languages to write.
    pub language: &'a str,
    /// RFC 3339 timestamp written as every object's `lastChangeDateTime`, such as
    /// `2025-03-01T09:30:00Z`. The caller gives it, so that an export is reproducible.
    pub last_change: &'a str,
}

/// A framework written as a CASE package.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    /// The CFPackage.
    pub package: serde_json::Value,
    /// What the package could not carry.
    pub losses: Vec<Loss>,
}

/// A framework read from a CASE package.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    /// The framework, valid like any framework the program loads.
    pub framework: Framework,
    /// What the framework could not carry.
    pub losses: Vec<Loss>,
}
