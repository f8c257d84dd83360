//! Checks a structurally sound document for what its types cannot say (languages, unique ids,
//! references between parts) and converts it into the domain types. Every problem is reported.

use std::collections::HashSet;

use super::problem::{ProblemKind, Problems};
use super::read::{index_path, key_path};
use super::wire::*;
use super::{Competency, Framework, Group, Level, Position, Requirement, Resource};
use crate::text::LocalizedText;

pub(super) fn framework(doc: FrameworkDocument, problems: &mut Problems) -> Framework {
    let languages: Vec<String> = doc.languages.into_iter().map(|l| l.0).collect();
    let mut checker = Checker {
        problems,
        languages: &languages,
    };
    checker.languages(&doc.default_language.0);

    let title = checker.text(doc.title, "$.title", true);
    let description = checker.text(doc.description, "$.description", false);
    let source = checker.text(doc.source, "$.source", false);

    checker.unique_ids("$.levels", doc.levels.iter().map(|l| &l.id));
    let levels: Vec<Level> = doc
        .levels
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let path = index_path("$.levels", i);
            Level {
                label: checker.text(l.label, &key_path(&path, "label"), true),
                description: checker.text(l.description, &key_path(&path, "description"), false),
                id: l.id.0,
            }
        })
        .collect();

    checker.unique_ids("$.groups", doc.groups.iter().map(|g| &g.id));
    let groups: Vec<Group> = doc
        .groups
        .into_iter()
        .enumerate()
        .map(|(i, g)| {
            let path = index_path("$.groups", i);
            Group {
                name: checker.text(g.name, &key_path(&path, "name"), true),
                description: checker.text(g.description, &key_path(&path, "description"), false),
                id: g.id.0,
            }
        })
        .collect();

    checker.unique_ids("$.competencies", doc.competencies.iter().map(|c| &c.id));
    let competencies: Vec<Competency> = doc
        .competencies
        .into_iter()
        .enumerate()
        .map(|(i, c)| checker.competency(c, &index_path("$.competencies", i), &levels, &groups))
        .collect();

    checker.unique_ids("$.positions", doc.positions.iter().map(|p| &p.id));
    let positions: Vec<Position> = doc
        .positions
        .into_iter()
        .enumerate()
        .map(|(i, p)| checker.position(p, &index_path("$.positions", i), &levels, &competencies))
        .collect();

    Framework {
        id: doc.id.0,
        version: doc.version.0,
        default_language: doc.default_language.0,
        languages,
        title,
        description,
        source,
        levels,
        groups,
        competencies,
        positions,
    }
}

struct Checker<'a> {
    problems: &'a mut Problems,
    languages: &'a [String],
}

impl Checker<'_> {
    fn languages(&mut self, default_language: &str) {
        let mut seen = HashSet::new();
        for (i, language) in self.languages.iter().enumerate() {
            if !seen.insert(language) {
                self.problems.push(
                    index_path("$.languages", i),
                    ProblemKind::DuplicateLanguage {
                        language: language.clone(),
                    },
                );
            }
        }
        if !self.languages.iter().any(|l| l == default_language) {
            self.problems.push(
                "$.defaultLanguage",
                ProblemKind::UndeclaredDefaultLanguage {
                    language: default_language.to_owned(),
                },
            );
        }
    }

    /// A text must be in every declared language and no other; an optional one may be absent.
    fn text(&mut self, text: Text, path: &str, required: bool) -> LocalizedText {
        if required || !text.is_empty() {
            for language in self.languages {
                if !text.0.contains_key(language) {
                    self.problems.push(
                        path,
                        ProblemKind::MissingTranslation {
                            language: language.clone(),
                        },
                    );
                }
            }
        }
        for language in text.0.keys() {
            if !self.languages.contains(language) {
                self.problems.push(
                    key_path(path, language),
                    ProblemKind::UndeclaredLanguage {
                        language: language.clone(),
                    },
                );
            }
        }
        LocalizedText::new(text.0)
    }

    fn unique_ids<'i>(&mut self, path: &str, ids: impl Iterator<Item = &'i Id>) {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            if !seen.insert(&id.0) {
                self.problems.push(
                    key_path(&index_path(path, i), "id"),
                    ProblemKind::DuplicateId { id: id.0.clone() },
                );
            }
        }
    }

    fn competency(
        &mut self,
        c: CompetencyDocument,
        path: &str,
        levels: &[Level],
        groups: &[Group],
    ) -> Competency {
        let name = self.text(c.name, &key_path(path, "name"), true);
        let definition = self.text(c.definition, &key_path(path, "definition"), true);
        if !groups.iter().any(|g| g.id == c.group.0) {
            self.problems.push(
                key_path(path, "group"),
                ProblemKind::UnknownGroup {
                    id: c.group.0.clone(),
                },
            );
        }
        let indicators_path = key_path(path, "indicators");
        for level in c.indicators.0.keys() {
            if !levels.iter().any(|l| &l.id == level) {
                self.problems.push(
                    key_path(&indicators_path, level),
                    ProblemKind::UnknownLevel { id: level.clone() },
                );
            }
        }
        let mut by_level = c.indicators.0;
        let indicators = levels
            .iter()
            .map(|level| {
                let level_path = key_path(&indicators_path, &level.id);
                match by_level.remove(&level.id).filter(|texts| !texts.is_empty()) {
                    Some(texts) => texts
                        .into_iter()
                        .enumerate()
                        .map(|(i, t)| self.text(t, &index_path(&level_path, i), true))
                        .collect(),
                    None => {
                        self.problems.push(
                            &indicators_path,
                            ProblemKind::MissingIndicators {
                                level: level.id.clone(),
                            },
                        );
                        Vec::new()
                    }
                }
            })
            .collect();
        let resources = c
            .resources
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let path = index_path(&key_path(path, "resources"), i);
                Resource {
                    title: self.text(r.title, &key_path(&path, "title"), true),
                    kind: r.kind.into(),
                    link: r.link,
                    duration_hours: r.duration_hours,
                }
            })
            .collect();
        Competency {
            name,
            definition,
            id: c.id.0,
            group: c.group.0,
            indicators,
            resources,
        }
    }

    fn position(
        &mut self,
        p: PositionDocument,
        path: &str,
        levels: &[Level],
        competencies: &[Competency],
    ) -> Position {
        let title = self.text(p.title, &key_path(path, "title"), true);
        let description = self.text(p.description, &key_path(path, "description"), false);
        let family = self.text(p.family, &key_path(path, "family"), false);
        let mut required = HashSet::new();
        let requirements = p
            .requirements
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let path = index_path(&key_path(path, "requirements"), i);
                if !competencies.iter().any(|c| c.id == r.competency.0) {
                    self.problems.push(
                        key_path(&path, "competency"),
                        ProblemKind::UnknownCompetency {
                            id: r.competency.0.clone(),
                        },
                    );
                } else if !required.insert(r.competency.0.clone()) {
                    self.problems.push(
                        key_path(&path, "competency"),
                        ProblemKind::DuplicateRequirement {
                            competency: r.competency.0.clone(),
                        },
                    );
                }
                if !levels.iter().any(|l| l.id == r.level.0) {
                    self.problems.push(
                        key_path(&path, "level"),
                        ProblemKind::UnknownLevel {
                            id: r.level.0.clone(),
                        },
                    );
                }
                Requirement {
                    competency: r.competency.0,
                    level: r.level.0,
                    critical: r.critical,
                }
            })
            .collect();
        Position {
            title,
            description,
            family,
            id: p.id.0,
            requirements,
        }
    }
}
