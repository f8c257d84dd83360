//! The framework's serialised form, version 1: its own types, converted to and from the domain
//! types, so that the domain can change without breaking the files HR keeps. Field names are
//! camelCase, as portal developers expect of JSON. A change to this format is a new
//! `formatVersion` with a conversion from the old one.
//!
//! These types serialise (for export) and describe themselves as JSON Schema (feature
//! `schema`); reading is done by [`super::read`], which reports every problem with its path.

use std::collections::BTreeMap;

use serde::Serialize;

#[cfg(feature = "schema")]
use super::limits::*;
use super::{Competency, Framework, Group, Level, Position, Requirement, Resource, ResourceKind};

use crate::text::LocalizedText;

/// The only format version this program reads and writes.
pub const FORMAT_VERSION: u64 = 1;

/// Pattern of ids (levels, groups, competencies, positions, the framework itself).
pub const ID_PATTERN: &str = "^[A-Za-z0-9._-]+$";
/// Pattern of language tags: `fr`, `en`, `pt-BR`, `fr-ML`.
pub const LANGUAGE_TAG_PATTERN: &str = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$";

/// A framework document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(
        title = "Competency framework",
        description = "A competency framework for the competency assessment widget, format version 1.",
        deny_unknown_fields
    )
)]
#[serde(rename_all = "camelCase")]
pub struct FrameworkDocument {
    /// Optional address of this schema, for editors.
    #[serde(rename = "$schema", skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Always 1 for this format.
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 1)))]
    pub format_version: u64,
    pub id: Id,
    /// The framework's own version, as its authors number it.
    pub version: Id,
    /// The language used when a text is missing in the reader's language.
    pub default_language: LanguageTag,
    /// Every text must be given in each of these languages.
    #[cfg_attr(feature = "schema", schemars(length(min = 1, max = MAX_LANGUAGES)))]
    pub languages: Vec<LanguageTag>,
    pub title: Text,
    #[serde(skip_serializing_if = "Text::is_empty")]
    #[cfg_attr(feature = "schema", schemars(default))]
    pub description: Text,
    /// Where the framework comes from, whose structure it follows.
    #[serde(skip_serializing_if = "Text::is_empty")]
    #[cfg_attr(feature = "schema", schemars(default))]
    pub source: Text,
    /// The proficiency scale, lowest level first.
    #[cfg_attr(feature = "schema", schemars(length(min = MIN_LEVELS, max = MAX_LEVELS)))]
    pub levels: Vec<LevelDocument>,
    #[cfg_attr(feature = "schema", schemars(length(min = 1, max = MAX_GROUPS)))]
    pub groups: Vec<GroupDocument>,
    #[cfg_attr(feature = "schema", schemars(length(min = 1, max = MAX_COMPETENCIES)))]
    pub competencies: Vec<CompetencyDocument>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(default, length(max = MAX_POSITIONS)))]
    pub positions: Vec<PositionDocument>,
}

/// A level of the proficiency scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
#[serde(rename_all = "camelCase")]
pub struct LevelDocument {
    pub id: Id,
    pub label: Text,
    #[serde(skip_serializing_if = "Text::is_empty")]
    #[cfg_attr(feature = "schema", schemars(default))]
    pub description: Text,
}

/// A group of competencies.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
#[serde(rename_all = "camelCase")]
pub struct GroupDocument {
    pub id: Id,
    pub name: Text,
    #[serde(skip_serializing_if = "Text::is_empty")]
    #[cfg_attr(feature = "schema", schemars(default))]
    pub description: Text,
}

/// A competency, with behavioural indicators for every level of the scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
#[serde(rename_all = "camelCase")]
pub struct CompetencyDocument {
    pub id: Id,
    /// The id of its group.
    pub group: Id,
    pub name: Text,
    pub definition: Text,
    /// For each level id, what someone at that level does.
    pub indicators: Indicators,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(default, length(max = MAX_RESOURCES)))]
    pub resources: Vec<ResourceDocument>,
}

/// A way to develop a competency.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
#[serde(rename_all = "camelCase")]
pub struct ResourceDocument {
    pub title: Text,
    pub kind: ResourceKindDocument,
    /// An http or https address.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "schema",
        schemars(length(max = MAX_LINK_CHARS), regex(pattern = "^https?://"))
    )]
    pub link: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 10_000)))]
    pub duration_hours: Option<u64>,
}

/// What kind of learning a resource is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ResourceKindDocument {
    ELearning,
    Course,
    OnTheJob,
    Reading,
    Mentoring,
}

impl ResourceKindDocument {
    /// Every kind, as written in documents.
    pub const NAMES: &[&str] = &["e-learning", "course", "on-the-job", "reading", "mentoring"];

    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "e-learning" => Self::ELearning,
            "course" => Self::Course,
            "on-the-job" => Self::OnTheJob,
            "reading" => Self::Reading,
            "mentoring" => Self::Mentoring,
            _ => return None,
        })
    }
}

impl From<ResourceKind> for ResourceKindDocument {
    fn from(kind: ResourceKind) -> Self {
        match kind {
            ResourceKind::ELearning => Self::ELearning,
            ResourceKind::Course => Self::Course,
            ResourceKind::OnTheJob => Self::OnTheJob,
            ResourceKind::Reading => Self::Reading,
            ResourceKind::Mentoring => Self::Mentoring,
        }
    }
}

impl From<ResourceKindDocument> for ResourceKind {
    fn from(kind: ResourceKindDocument) -> Self {
        match kind {
            ResourceKindDocument::ELearning => Self::ELearning,
            ResourceKindDocument::Course => Self::Course,
            ResourceKindDocument::OnTheJob => Self::OnTheJob,
            ResourceKindDocument::Reading => Self::Reading,
            ResourceKindDocument::Mentoring => Self::Mentoring,
        }
    }
}

/// A position and the level it requires in each relevant competency.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
#[serde(rename_all = "camelCase")]
pub struct PositionDocument {
    pub id: Id,
    pub title: Text,
    #[serde(skip_serializing_if = "Text::is_empty")]
    #[cfg_attr(feature = "schema", schemars(default))]
    pub description: Text,
    /// The family of positions it belongs to, such as "Control".
    #[serde(skip_serializing_if = "Text::is_empty")]
    #[cfg_attr(feature = "schema", schemars(default))]
    pub family: Text,
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_REQUIREMENTS)))]
    pub requirements: Vec<RequirementDocument>,
}

/// The level a position requires in one competency.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
#[serde(rename_all = "camelCase")]
pub struct RequirementDocument {
    /// A competency id.
    pub competency: Id,
    /// A level id.
    pub level: Id,
    /// Whether a gap here matters most for the position.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "schema", schemars(default))]
    pub critical: bool,
}

/// An id: letters, digits, `-`, `_` and `.`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Id(pub String);

/// A language tag such as `fr` or `pt-BR`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct LanguageTag(pub String);

/// A text in several languages: language tag to text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Behavioural indicators by level id.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct Indicators(pub BTreeMap<String, Vec<Text>>);

/// The JSON Schema of [`FrameworkDocument`], as shipped in `public/framework.schema.json`.
#[cfg(feature = "schema")]
pub fn json_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(FrameworkDocument);
    schema.insert("$id".into(), "framework.schema.json".into());
    schema.into()
}

#[cfg(feature = "schema")]
mod schema {
    use std::borrow::Cow;

    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

    use super::*;

    impl JsonSchema for Id {
        fn schema_name() -> Cow<'static, str> {
            "Id".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "string",
                "pattern": ID_PATTERN,
                "maxLength": MAX_ID_CHARS,
            })
        }
    }

    impl JsonSchema for LanguageTag {
        fn schema_name() -> Cow<'static, str> {
            "LanguageTag".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "string",
                "pattern": LANGUAGE_TAG_PATTERN,
                "maxLength": MAX_ID_CHARS,
            })
        }
    }

    impl JsonSchema for Text {
        fn schema_name() -> Cow<'static, str> {
            "Text".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "A text in each declared language, by language tag.",
                "type": "object",
                "propertyNames": { "pattern": LANGUAGE_TAG_PATTERN },
                "additionalProperties": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": MAX_TEXT_CHARS,
                    "pattern": "\\S",
                },
            })
        }
    }

    impl JsonSchema for Indicators {
        fn schema_name() -> Cow<'static, str> {
            "Indicators".into()
        }
        fn json_schema(generator: &mut SchemaGenerator) -> Schema {
            let text = generator.subschema_for::<Text>();
            json_schema!({
                "description": "Behavioural indicators for each level id of the scale.",
                "type": "object",
                "propertyNames": { "pattern": ID_PATTERN },
                "additionalProperties": {
                    "type": "array",
                    "items": text,
                    "minItems": 1,
                    "maxItems": MAX_INDICATORS_PER_LEVEL,
                },
            })
        }
    }
}

fn text(t: &LocalizedText) -> Text {
    Text(
        t.iter()
            .map(|(language, text)| (language.to_owned(), text.to_owned()))
            .collect(),
    )
}

fn id(s: &str) -> Id {
    Id(s.to_owned())
}

impl From<&Framework> for FrameworkDocument {
    fn from(f: &Framework) -> Self {
        FrameworkDocument {
            schema: None,
            format_version: FORMAT_VERSION,
            id: id(&f.id),
            version: id(&f.version),
            default_language: LanguageTag(f.default_language.clone()),
            languages: f.languages.iter().cloned().map(LanguageTag).collect(),
            title: text(&f.title),
            description: text(&f.description),
            source: text(&f.source),
            levels: f.levels.iter().map(LevelDocument::from).collect(),
            groups: f.groups.iter().map(GroupDocument::from).collect(),
            competencies: f
                .competencies
                .iter()
                .map(|c| competency(c, &f.levels))
                .collect(),
            positions: f.positions.iter().map(PositionDocument::from).collect(),
        }
    }
}

impl From<&Level> for LevelDocument {
    fn from(l: &Level) -> Self {
        LevelDocument {
            id: id(&l.id),
            label: text(&l.label),
            description: text(&l.description),
        }
    }
}

impl From<&Group> for GroupDocument {
    fn from(g: &Group) -> Self {
        GroupDocument {
            id: id(&g.id),
            name: text(&g.name),
            description: text(&g.description),
        }
    }
}

fn competency(c: &Competency, levels: &[Level]) -> CompetencyDocument {
    CompetencyDocument {
        id: id(&c.id),
        group: id(&c.group),
        name: text(&c.name),
        definition: text(&c.definition),
        indicators: Indicators(
            levels
                .iter()
                .zip(&c.indicators)
                .map(|(level, indicators)| {
                    (level.id.clone(), indicators.iter().map(text).collect())
                })
                .collect(),
        ),
        resources: c.resources.iter().map(ResourceDocument::from).collect(),
    }
}

impl From<&Resource> for ResourceDocument {
    fn from(r: &Resource) -> Self {
        ResourceDocument {
            title: text(&r.title),
            kind: r.kind.into(),
            link: r.link.clone(),
            duration_hours: r.duration_hours,
        }
    }
}

impl From<&Position> for PositionDocument {
    fn from(p: &Position) -> Self {
        PositionDocument {
            id: id(&p.id),
            title: text(&p.title),
            description: text(&p.description),
            family: text(&p.family),
            requirements: p
                .requirements
                .iter()
                .map(|r: &Requirement| RequirementDocument {
                    competency: id(&r.competency),
                    level: id(&r.level),
                    critical: r.critical,
                })
                .collect(),
        }
    }
}
