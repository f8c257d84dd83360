//! The 360-degree report: verified results for one person, from themselves and from others,
//! brought together per competency and per rater group, without revealing any rater.
//!
//! Rules:
//! - Results made against another framework (id, version or content) than the one given, or
//!   naming what it lacks, for another person than the one asked about, or given twice by
//!   the same rater (the same key, or the same portal id in the same role: the latest counts)
//!   are set aside and listed with the reason, never merged.
//! - A person is known by their HR id, else by their name (spaces and case folded); a result
//!   with the name alone joins the results giving that name with an id.
//! - Self and supervisor are always shown. Any other group (peers, direct reports, others)
//!   is shown only with at least `min_raters` raters; below that it is left out entirely: its
//!   figures, its comments, and its share of the others' figure (which would let it be
//!   inferred by subtraction). The same holds per competency: a shown group's figure for a
//!   competency that fewer than `min_raters` of its raters gave a level to (the others did
//!   not observe it) is left out too.
//! - "Not observed" is counted, never averaged.
//! - Comments carry their group, never their author, and are sorted by text so that the order
//!   of the files says nothing.
//! - A blind spot is a self rating at least one level above the others' mean; a hidden
//!   strength at least one level below.

mod export;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::assessment::Role;
use crate::framework::Framework;
use crate::result::{FrameworkReference, PlanRecord, ResultDocument};

pub use export::{ReportDocument, to_csv, two_decimals};

/// The smallest group of peers, direct reports or others shown, unless configured otherwise.
pub const DEFAULT_MIN_RATERS: usize = 3;

/// A verified result and where it came from (a file name, for the reader).
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub name: String,
    pub result: ResultDocument,
}

/// What to bring together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The smallest anonymous group shown (at least 1).
    pub min_raters: usize,
    /// Only this person (their HR id, else their name); every person when none.
    pub subject: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_raters: DEFAULT_MIN_RATERS,
            subject: None,
        }
    }
}

/// Why a result was left out of every report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "reason")]
pub enum SetAsideReason {
    /// Made against another framework, or another version or content of it.
    OtherFramework { id: String, version: String },
    /// About another person than the one asked about.
    OtherSubject { name: String },
    /// Names a competency or a level the framework does not have (`competency` or
    /// `competency/level`): not a result of this framework, whatever its reference says.
    NotInFramework { what: String },
    /// The same key signed a later result for the same person, which counts instead.
    Superseded { by: String },
    /// The same result, given twice.
    Repeated { of: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SetAside {
    pub source: String,
    #[serde(flatten)]
    pub reason: SetAsideReason,
}

/// One group's ratings of one competency. Levels are numbered from 1 (the lowest).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Figure {
    /// Raters of the group who rated the competency (a level or "not observed").
    pub raters: usize,
    pub not_observed: usize,
    /// The mean level of those who gave one.
    pub mean: Option<f64>,
    pub min: Option<usize>,
    pub max: Option<usize>,
}

impl Figure {
    fn of(levels: &[usize], not_observed: usize) -> Self {
        let mean =
            (!levels.is_empty()).then(|| levels.iter().sum::<usize>() as f64 / levels.len() as f64);
        Figure {
            raters: levels.len() + not_observed,
            not_observed,
            mean,
            min: levels.iter().min().copied(),
            max: levels.iter().max().copied(),
        }
    }
}

/// What the self rating says against the others'.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Finding {
    /// The person rates themselves at least one level above the others' mean.
    BlindSpot,
    /// The person rates themselves at least one level below the others' mean.
    HiddenStrength,
}

/// One competency of a person's report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Row {
    pub competency: String,
    /// The level the position requires (numbered from 1), when known.
    pub required: Option<usize>,
    pub critical: bool,
    /// The shown groups' figures, by role id.
    pub groups: BTreeMap<String, Figure>,
    /// Every shown group but self, rater by rater.
    pub others: Figure,
    pub finding: Option<Finding>,
}

impl Row {
    /// The shown figure of `role`, if any.
    pub fn group(&self, role: Role) -> Option<&Figure> {
        self.groups.get(role.id())
    }

    /// The others' mean minus the required level.
    pub fn gap(&self) -> Option<f64> {
        Some(self.others.mean? - self.required? as f64)
    }
}

/// A comment or an example given by a rater of a shown group, without its author.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Comment {
    pub competency: String,
    /// The rater group's role id.
    pub group: String,
    /// `comment` or `evidence`.
    pub kind: &'static str,
    pub text: String,
}

/// The report on one person.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SubjectReport {
    /// The HR system's id for the person, when the results give one.
    pub id: String,
    pub name: String,
    /// The position the required levels come from.
    pub position: Option<String>,
    /// The number of results counted, per shown group (by role id).
    pub raters: BTreeMap<String, usize>,
    /// Groups with raters but too few to be shown (by role id); how many is not said.
    pub hidden: Vec<String>,
    /// One row per competency rated, in the framework's order.
    pub rows: Vec<Row>,
    pub comments: Vec<Comment>,
    /// The development plan of the person's own result.
    pub development_plan: Vec<PlanRecord>,
}

/// Every person's report, and what was set aside.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub framework: FrameworkReference,
    pub min_raters: usize,
    pub subjects: Vec<SubjectReport>,
    pub set_aside: Vec<SetAside>,
}

/// The key grouping results by person: their HR id, else their name with spaces and case
/// folded.
pub fn subject_key(id: &str, name: &str) -> String {
    if id.trim().is_empty() {
        let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
        format!("name:{}", words.join(" "))
    } else {
        format!("id:{}", id.trim())
    }
}

/// Brings verified results together, one report per person, in the order people first
/// appear. `expected` is the reference of `framework` (with its content hash).
pub fn aggregate(
    framework: &Framework,
    expected: &FrameworkReference,
    sources: Vec<Source>,
    options: &Options,
) -> Report {
    let min_raters = options.min_raters.max(1);
    let wanted = options.subject.as_deref().map(|s| {
        let by_id = subject_key(s, "");
        let by_name = subject_key("", s);
        move |id: &str, name: &str| {
            let key = subject_key(id, name);
            key == by_id || key == by_name || subject_key("", name) == by_name
        }
    });
    let mut set_aside = Vec::new();
    let mut kept = Vec::new();
    for source in sources {
        let result = &source.result;
        let reason = if result.framework != *expected {
            Some(SetAsideReason::OtherFramework {
                id: result.framework.id.clone(),
                version: result.framework.version.clone(),
            })
        } else if let Some(unknown) = not_in_framework(framework, result) {
            Some(SetAsideReason::NotInFramework { what: unknown })
        } else if let Some(wanted) = &wanted
            && !wanted(&result.subject.id, &result.subject.name)
        {
            Some(SetAsideReason::OtherSubject {
                name: result.subject.name.clone(),
            })
        } else {
            None
        };
        match reason {
            Some(reason) => set_aside.push(SetAside {
                source: source.name,
                reason,
            }),
            None => kept.push(source),
        }
    }
    // A person is known by their HR id; a result naming them without it joins the results
    // that give both that name and an id.
    let mut id_of_name: BTreeMap<String, String> = BTreeMap::new();
    for source in &kept {
        let subject = &source.result.subject;
        if !subject.id.trim().is_empty() {
            id_of_name
                .entry(subject_key("", &subject.name))
                .or_insert_with(|| subject_key(&subject.id, ""));
        }
    }
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut people: Vec<Vec<Source>> = Vec::new();
    for source in kept {
        let subject = &source.result.subject;
        let mut key = subject_key(&subject.id, &subject.name);
        if subject.id.trim().is_empty()
            && let Some(id) = id_of_name.get(&key)
        {
            key = id.clone();
        }
        match index.get(&key) {
            Some(&at) => people[at].push(source),
            None => {
                index.insert(key, people.len());
                people.push(vec![source]);
            }
        }
    }
    let subjects = people
        .into_iter()
        .map(|sources| {
            let counted = latest_per_key(sources, &mut set_aside);
            subject_report(framework, counted, min_raters)
        })
        .collect();
    Report {
        framework: expected.clone(),
        min_raters,
        subjects,
        set_aside,
    }
}

/// The first rating of `result` that names a competency or a level `framework` lacks.
fn not_in_framework(framework: &Framework, result: &ResultDocument) -> Option<String> {
    result.ratings.iter().find_map(|r| {
        if framework.competency(&r.competency).is_none() {
            return Some(r.competency.clone());
        }
        let level = r.level.as_deref()?;
        framework
            .level(level)
            .is_none()
            .then(|| format!("{}/{level}", r.competency))
    })
}

/// One result per rater (signing key, or portal id and role): the latest by completion
/// (RFC 3339 UTC text, as results are written), then by id; the others set aside.
fn latest_per_key(sources: Vec<Source>, set_aside: &mut Vec<SetAside>) -> Vec<Source> {
    let rank = |s: &Source| (s.result.completed_at.clone(), s.result.id.clone());
    let mut kept: Vec<Source> = Vec::new();
    let mut dropped: Vec<(Source, usize)> = Vec::new();
    // The same rater: the same key, or the same id from the portal in the same role (one
    // person signing from two browsers must not count twice towards a group's minimum).
    let same = |a: &Source, b: &Source| {
        let (a, b) = (&a.result.rater, &b.result.rater);
        a.key == b.key
            || (a.role == b.role
                && a.id.as_deref().is_some_and(|id| !id.is_empty())
                && a.id == b.id)
    };
    for source in sources {
        match kept.iter().position(|k| same(k, &source)) {
            Some(at) if rank(&kept[at]) >= rank(&source) => dropped.push((source, at)),
            Some(at) => dropped.push((std::mem::replace(&mut kept[at], source), at)),
            None => kept.push(source),
        }
    }
    for (source, at) in dropped {
        let by = kept[at].name.clone();
        let reason = if source.result.id == kept[at].result.id {
            SetAsideReason::Repeated { of: by }
        } else {
            SetAsideReason::Superseded { by }
        };
        set_aside.push(SetAside {
            reason,
            source: source.name,
        });
    }
    kept
}

fn subject_report(framework: &Framework, sources: Vec<Source>, min_raters: usize) -> SubjectReport {
    let role_of = |s: &Source| Role::from_id(&s.result.rater.role).unwrap_or(Role::Other);
    let own = sources
        .iter()
        .filter(|s| role_of(s) == Role::SelfAssessment)
        .max_by_key(|s| s.result.completed_at.clone());
    let first = own.or(sources.first()).expect("a report has results");
    let position = own
        .and_then(|s| s.result.subject.position.clone())
        .or_else(|| {
            sources
                .iter()
                .find_map(|s| s.result.subject.position.clone())
        });
    let mut counts: BTreeMap<Role, usize> = BTreeMap::new();
    for source in &sources {
        *counts.entry(role_of(source)).or_default() += 1;
    }
    let shown = |role: Role| !role.is_anonymous() || counts.get(&role).copied() >= Some(min_raters);
    let hidden = counts
        .keys()
        .filter(|&&role| !shown(role))
        .map(|role| role.id().to_owned())
        .collect();
    let counted: Vec<&Source> = sources.iter().filter(|s| shown(role_of(s))).collect();
    let rated: BTreeSet<&str> = counted
        .iter()
        .flat_map(|s| s.result.ratings.iter().map(|r| r.competency.as_str()))
        .collect();
    let requirement = |competency: &str| {
        let position = framework.position(position.as_deref()?)?;
        let requirement = position
            .requirements
            .iter()
            .find(|r| r.competency == competency)?;
        let (rank, _) = framework.level(&requirement.level)?;
        Some((rank + 1, requirement.critical))
    };
    let number = |level: &str| framework.level(level).map(|(rank, _)| rank + 1);
    let mut rows = Vec::new();
    let mut comments = Vec::new();
    for competency in framework
        .competencies
        .iter()
        .filter(|c| rated.contains(c.id.as_str()))
    {
        let mut levels: BTreeMap<Role, (Vec<usize>, usize)> = BTreeMap::new();
        let mut said: Vec<(Role, Comment)> = Vec::new();
        for source in &counted {
            let role = role_of(source);
            let Some(rating) = source
                .result
                .ratings
                .iter()
                .find(|r| r.competency == competency.id)
            else {
                continue;
            };
            let entry = levels.entry(role).or_default();
            match rating.level.as_deref().and_then(number) {
                Some(level) => entry.0.push(level),
                None => entry.1 += 1,
            }
            for (kind, text) in [("comment", &rating.comment), ("evidence", &rating.evidence)] {
                if !text.trim().is_empty() {
                    said.push((
                        role,
                        Comment {
                            competency: competency.id.clone(),
                            group: role.id().to_owned(),
                            kind,
                            text: text.trim().to_owned(),
                        },
                    ));
                }
            }
        }
        // An anonymous group with fewer levels given than the minimum for this competency
        // (the others did not observe it) would show those few raters' levels: left out
        // for this competency, from its own figure and from the others'.
        levels.retain(|role, (l, _)| !role.is_anonymous() || l.is_empty() || l.len() >= min_raters);
        // Their comments on it too: a comment from a group left out would point at them.
        comments.extend(
            said.drain(..)
                .filter(|(role, _)| levels.contains_key(role))
                .map(|(_, comment)| comment),
        );
        let mut others = (Vec::new(), 0);
        for (role, (l, n)) in &levels {
            if *role != Role::SelfAssessment {
                others.0.extend_from_slice(l);
                others.1 += n;
            }
        }
        let others = Figure::of(&others.0, others.1);
        let own_level = levels.get(&Role::SelfAssessment).and_then(|(l, _)| {
            (!l.is_empty()).then(|| l.iter().sum::<usize>() as f64 / l.len() as f64)
        });
        let finding = match (own_level, others.mean) {
            (Some(own), Some(theirs)) if own - theirs >= 1.0 => Some(Finding::BlindSpot),
            (Some(own), Some(theirs)) if theirs - own >= 1.0 => Some(Finding::HiddenStrength),
            _ => None,
        };
        let (required, critical) = match requirement(&competency.id) {
            Some((level, critical)) => (Some(level), critical),
            None => (None, false),
        };
        rows.push(Row {
            competency: competency.id.clone(),
            required,
            critical,
            groups: levels
                .iter()
                .map(|(role, (l, n))| (role.id().to_owned(), Figure::of(l, *n)))
                .collect(),
            others,
            finding,
        });
    }
    let order: BTreeMap<&str, usize> = framework
        .competencies
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    comments.sort_by(|a, b| {
        (order.get(a.competency.as_str()), &a.group, a.kind, &a.text).cmp(&(
            order.get(b.competency.as_str()),
            &b.group,
            b.kind,
            &b.text,
        ))
    });
    SubjectReport {
        id: first.result.subject.id.clone(),
        name: first.result.subject.name.clone(),
        position,
        raters: counts
            .iter()
            .filter(|(role, _)| shown(**role))
            .map(|(role, n)| (role.id().to_owned(), *n))
            .collect(),
        hidden,
        rows,
        comments,
        development_plan: own
            .map(|s| s.result.development_plan.clone())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests;
