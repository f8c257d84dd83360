//! Reads a JSON value into the wire types, reporting every structural problem (wrong types,
//! missing or unknown fields, bad ids, texts and links, lists over their limits) with its path.
//! Nothing here can panic or loop on hostile input: every list is measured before it is read.

use std::collections::BTreeMap;

use serde_json::Value;

use super::limits::*;
use super::problem::{ProblemKind, Problems};
use super::wire::*;
use crate::read::{Expected, Structure};
pub(crate) use crate::read::{clip, index_path, key_path};

/// The framework's reader: the generic one, with the framework's problems.
type Reader<'p> = crate::read::Reader<'p, ProblemKind>;

/// Reads a whole document. `None` when any structural problem was found (all are reported).
pub(super) fn document(value: &Value, problems: &mut Problems) -> Option<FrameworkDocument> {
    let mut reader = Reader {
        problems,
        context: (),
    };
    let document = reader.framework(value);
    if reader.problems.is_empty() {
        document
    } else {
        None
    }
}

pub(crate) fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// `fr`, `en`, `pt-BR`: two or three letters, then subtags of two to eight letters or digits.
pub(crate) fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

impl Reader<'_> {
    fn id(&mut self, value: &Value, path: &str) -> Option<Id> {
        let s = self.string(value, path, MAX_ID_CHARS)?;
        if !is_id(&s) {
            self.push(path, ProblemKind::InvalidId { id: clip(&s) });
            return None;
        }
        Some(Id(s))
    }

    fn language(&mut self, value: &Value, path: &str) -> Option<LanguageTag> {
        let s = self.string(value, path, MAX_ID_CHARS)?;
        if !is_language_tag(&s) {
            self.push(path, ProblemKind::InvalidLanguageTag { tag: clip(&s) });
            return None;
        }
        Some(LanguageTag(s))
    }

    /// An object of at most `limit` entries whose keys pass `check_key` (else the problem it
    /// gives), each value read with `read`. Every broken entry is reported.
    fn map<T>(
        &mut self,
        value: &Value,
        path: &str,
        expected: Expected,
        limit: usize,
        check_key: fn(&str) -> Option<ProblemKind>,
        mut read: impl FnMut(&mut Self, &str, &Value, &str) -> Option<T>,
    ) -> Option<BTreeMap<String, T>> {
        let Some(map) = value.as_object() else {
            self.wrong_type(path, expected);
            return None;
        };
        if map.len() > limit {
            let count = map.len();
            self.structure(path, Structure::TooMany { count, limit });
            return None;
        }
        let mut entries = BTreeMap::new();
        let mut ok = true;
        for (key, value) in map {
            let entry_path = key_path(path, key);
            if let Some(problem) = check_key(key) {
                self.push(&entry_path, problem);
                ok = false;
                continue;
            }
            match read(self, key, value, &entry_path) {
                Some(entry) => {
                    entries.insert(key.clone(), entry);
                }
                None => ok = false,
            }
        }
        ok.then_some(entries)
    }

    fn text(&mut self, value: &Value, path: &str) -> Option<Text> {
        let check = |language: &str| {
            (!is_language_tag(language)).then(|| ProblemKind::InvalidLanguageTag {
                tag: clip(language),
            })
        };
        let texts = self.map(
            value,
            path,
            Expected::Text,
            MAX_LANGUAGES,
            check,
            |r, language, v, p| {
                let s = r.string(v, p, MAX_TEXT_CHARS)?;
                if s.trim().is_empty() {
                    let language = language.to_owned();
                    r.push(p, ProblemKind::EmptyText { language });
                    return None;
                }
                Some(s)
            },
        )?;
        Some(Text(texts))
    }

    fn link(&mut self, value: &Value, path: &str) -> Option<String> {
        let link = self.string(value, path, MAX_LINK_CHARS)?;
        let lower = link.to_ascii_lowercase();
        let scheme_ok = lower.starts_with("https://") || lower.starts_with("http://");
        let host_ok = link
            .split_once("://")
            .is_some_and(|(_, rest)| !rest.is_empty() && !rest.starts_with('/'));
        if !(scheme_ok && host_ok) || link.chars().any(char::is_whitespace) {
            self.push(path, ProblemKind::InvalidLink { link: clip(&link) });
            return None;
        }
        Some(link)
    }

    fn framework(&mut self, value: &Value) -> Option<FrameworkDocument> {
        const FIELDS: &[&str] = &[
            "$schema",
            "formatVersion",
            "id",
            "version",
            "defaultLanguage",
            "languages",
            "title",
            "description",
            "source",
            "levels",
            "groups",
            "competencies",
            "positions",
        ];
        let path = "$";
        let Some(map) = value.as_object() else {
            self.wrong_type(path, Expected::Object);
            return None;
        };
        // Another format version may give the other fields another meaning: stop here.
        match map.get("formatVersion") {
            None => {
                let field = "formatVersion".into();
                self.structure(path, Structure::MissingField { field });
                return None;
            }
            Some(v) if v.as_u64() == Some(FORMAT_VERSION) => {}
            Some(v) => {
                let found = clip(&crate::json::to_string(v));
                self.push("$.formatVersion", ProblemKind::UnsupportedFormat { found });
                return None;
            }
        }
        let map = self.object(value, path, FIELDS)?;

        let schema = self.optional(map, path, "$schema", |r, v, p| {
            r.string(v, p, MAX_LINK_CHARS)
        });
        let id = self.required(map, path, "id", Self::id);
        let version = self.required(map, path, "version", Self::id);
        let default_language = self.required(map, path, "defaultLanguage", Self::language);
        let languages = self.required(map, path, "languages", |r, v, p| {
            r.list(v, p, (1, MAX_LANGUAGES), Self::language)
        });
        let title = self.required(map, path, "title", Self::text);
        let description = self.optional(map, path, "description", Self::text);
        let source = self.optional(map, path, "source", Self::text);
        let levels = self.required(map, path, "levels", |r, v, p| {
            r.list(v, p, (MIN_LEVELS, MAX_LEVELS), Self::level)
        });
        let groups = self.required(map, path, "groups", |r, v, p| {
            r.list(v, p, (1, MAX_GROUPS), Self::group)
        });
        let competencies = self.required(map, path, "competencies", |r, v, p| {
            r.list(v, p, (1, MAX_COMPETENCIES), Self::competency)
        });
        let positions = self.optional(map, path, "positions", |r, v, p| {
            r.list(v, p, (0, MAX_POSITIONS), Self::position)
        });

        Some(FrameworkDocument {
            schema: schema?,
            format_version: FORMAT_VERSION,
            id: id?,
            version: version?,
            default_language: default_language?,
            languages: languages?,
            title: title?,
            description: description?.unwrap_or_default(),
            source: source?.unwrap_or_default(),
            levels: levels?,
            groups: groups?,
            competencies: competencies?,
            positions: positions?.unwrap_or_default(),
        })
    }

    fn level(&mut self, value: &Value, path: &str) -> Option<LevelDocument> {
        let map = self.object(value, path, &["id", "label", "description"])?;
        let id = self.required(map, path, "id", Self::id);
        let label = self.required(map, path, "label", Self::text);
        let description = self.optional(map, path, "description", Self::text);
        Some(LevelDocument {
            id: id?,
            label: label?,
            description: description?.unwrap_or_default(),
        })
    }

    fn group(&mut self, value: &Value, path: &str) -> Option<GroupDocument> {
        let map = self.object(value, path, &["id", "name", "description"])?;
        let id = self.required(map, path, "id", Self::id);
        let name = self.required(map, path, "name", Self::text);
        let description = self.optional(map, path, "description", Self::text);
        Some(GroupDocument {
            id: id?,
            name: name?,
            description: description?.unwrap_or_default(),
        })
    }

    fn competency(&mut self, value: &Value, path: &str) -> Option<CompetencyDocument> {
        const FIELDS: &[&str] = &[
            "id",
            "group",
            "name",
            "definition",
            "indicators",
            "resources",
        ];
        let map = self.object(value, path, FIELDS)?;
        let id = self.required(map, path, "id", Self::id);
        let group = self.required(map, path, "group", Self::id);
        let name = self.required(map, path, "name", Self::text);
        let definition = self.required(map, path, "definition", Self::text);
        let indicators = self.required(map, path, "indicators", Self::indicators);
        let resources = self.optional(map, path, "resources", |r, v, p| {
            r.list(v, p, (0, MAX_RESOURCES), Self::resource)
        });
        Some(CompetencyDocument {
            id: id?,
            group: group?,
            name: name?,
            definition: definition?,
            indicators: indicators?,
            resources: resources?.unwrap_or_default(),
        })
    }

    fn indicators(&mut self, value: &Value, path: &str) -> Option<Indicators> {
        let check =
            |level: &str| (!is_id(level)).then(|| ProblemKind::InvalidId { id: clip(level) });
        let by_level = self.map(
            value,
            path,
            Expected::Object,
            MAX_LEVELS,
            check,
            |r, _, v, p| r.list(v, p, (0, MAX_INDICATORS_PER_LEVEL), Self::text),
        )?;
        Some(Indicators(by_level))
    }

    fn resource(&mut self, value: &Value, path: &str) -> Option<ResourceDocument> {
        let map = self.object(value, path, &["title", "kind", "link", "durationHours"])?;
        let title = self.required(map, path, "title", Self::text);
        let kind = self.required(map, path, "kind", |r, v, p| {
            let name = r.string(v, p, MAX_ID_CHARS)?;
            let kind = ResourceKindDocument::from_name(&name);
            if kind.is_none() {
                r.push(
                    p,
                    ProblemKind::InvalidValue {
                        found: clip(&name),
                        allowed: ResourceKindDocument::NAMES,
                    },
                );
            }
            kind
        });
        let link = self.optional(map, path, "link", Self::link);
        let duration_hours = self.optional(map, path, "durationHours", |r, v, p| {
            r.integer(v, p, (1, MAX_DURATION_HOURS))
        });
        Some(ResourceDocument {
            title: title?,
            kind: kind?,
            link: link?,
            duration_hours: duration_hours?,
        })
    }

    fn position(&mut self, value: &Value, path: &str) -> Option<PositionDocument> {
        const FIELDS: &[&str] = &["id", "title", "description", "family", "requirements"];
        let map = self.object(value, path, FIELDS)?;
        let id = self.required(map, path, "id", Self::id);
        let title = self.required(map, path, "title", Self::text);
        let description = self.optional(map, path, "description", Self::text);
        let family = self.optional(map, path, "family", Self::text);
        let requirements = self.required(map, path, "requirements", |r, v, p| {
            r.list(v, p, (0, MAX_REQUIREMENTS), Self::requirement)
        });
        Some(PositionDocument {
            id: id?,
            title: title?,
            description: description?.unwrap_or_default(),
            family: family?.unwrap_or_default(),
            requirements: requirements?,
        })
    }

    fn requirement(&mut self, value: &Value, path: &str) -> Option<RequirementDocument> {
        let map = self.object(value, path, &["competency", "level", "critical"])?;
        let competency = self.required(map, path, "competency", Self::id);
        let level = self.required(map, path, "level", Self::id);
        let critical = self.optional(map, path, "critical", Self::boolean);
        Some(RequirementDocument {
            competency: competency?,
            level: level?,
            critical: critical?.unwrap_or(false),
        })
    }
}
