//! The framework's serialised form: its own versioned type, converted into the domain types.
//!
//! Field names are camelCase, as portal developers expect of JSON. Changing this format means
//! a new `formatVersion` and a conversion from the old one.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Competency, Framework, FrameworkError, Group, Problem, ProblemKind, Problems};
use crate::text::LocalizedText;

/// The only format version this program reads.
pub const FORMAT_VERSION: u32 = 1;

type WireText = BTreeMap<String, String>;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct FrameworkDocument {
    #[serde(rename = "$schema", default)]
    _schema: Option<String>,
    format_version: u32,
    id: String,
    version: String,
    default_language: String,
    languages: Vec<String>,
    title: WireText,
    #[serde(default)]
    description: WireText,
    groups: Vec<WireGroup>,
    competencies: Vec<WireCompetency>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct WireGroup {
    id: String,
    name: WireText,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct WireCompetency {
    id: String,
    group: String,
    name: WireText,
}

impl FrameworkDocument {
    pub(super) fn into_domain(self) -> Result<Framework, FrameworkError> {
        if self.format_version != FORMAT_VERSION {
            return Err(FrameworkError {
                problems: vec![Problem {
                    path: "$.formatVersion".into(),
                    kind: ProblemKind::UnsupportedFormat {
                        found: self.format_version,
                    },
                }],
            });
        }

        let mut problems = Problems::default();
        let languages = self.languages;
        if !languages.contains(&self.default_language) {
            problems.push(
                "$.defaultLanguage",
                ProblemKind::UndeclaredDefaultLanguage {
                    language: self.default_language.clone(),
                },
            );
        }

        let title = LocalizedText::new(self.title);
        problems.check_translations("$.title", &title, &languages);
        let description = LocalizedText::new(self.description);
        if description.languages().next().is_some() {
            problems.check_translations("$.description", &description, &languages);
        }

        problems.check_unique_ids("groups", self.groups.iter().map(|g| g.id.as_str()));
        let groups: Vec<Group> = self
            .groups
            .into_iter()
            .enumerate()
            .map(|(i, g)| {
                let name = LocalizedText::new(g.name);
                problems.check_translations(&format!("$.groups[{i}].name"), &name, &languages);
                Group { id: g.id, name }
            })
            .collect();

        problems.check_unique_ids(
            "competencies",
            self.competencies.iter().map(|c| c.id.as_str()),
        );
        let competencies: Vec<Competency> = self
            .competencies
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                if !groups.iter().any(|g| g.id == c.group) {
                    problems.push(
                        format!("$.competencies[{i}].group"),
                        ProblemKind::UnknownGroup {
                            id: c.group.clone(),
                        },
                    );
                }
                let name = LocalizedText::new(c.name);
                problems.check_translations(
                    &format!("$.competencies[{i}].name"),
                    &name,
                    &languages,
                );
                Competency {
                    id: c.id,
                    group: c.group,
                    name,
                }
            })
            .collect();

        problems.into_result(Framework {
            id: self.id,
            version: self.version,
            default_language: self.default_language,
            languages,
            title,
            description,
            groups,
            competencies,
        })
    }
}
