//! A CFPackage to a framework (see the mapping, and the rules for packages written by others,
//! in [`super`]). The package is first read ([`super::package`]); then its tree and rubric (or,
//! without a rubric, the scale the caller named) are mapped onto our model; the result goes
//! through [`Framework::from_json`] like any framework.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::{Map, Value};

use super::ident::{self, Ids};
use super::package::{Criterion, Item, Package, clip, field};
use super::{
    COMPETENCY_TYPE, CaseError, CaseObject, GROUP_TYPE, Import, ImportOptions, LEVEL_TYPE, Loss,
    SCALE_TYPE, Scale,
};
use crate::framework::Framework;
use crate::framework::limits::MAX_DOCUMENT_BYTES;
use crate::framework::wire::{
    CompetencyDocument, FORMAT_VERSION, FrameworkDocument, GroupDocument, Id, Indicators,
    LanguageTag, LevelDocument, Text,
};

/// The language of a document that does not say its own.
const DEFAULT_LANGUAGE: &str = "en";

/// Reads a CFPackage (CASE 1.0 or 1.1 JSON) into a framework, with what it could not carry. A
/// package without a rubric is refused ([`CaseError::NoProficiencyScale`]): [`import_with`]
/// names the scale to assume for it.
pub fn import(json: &str) -> Result<Import, CaseError> {
    import_with(json, &ImportOptions::default())
}

/// Reads a CFPackage like [`import`], assuming `options.scale` when the package has no rubric
/// (then every item that is not a group is a competency, with its statement as its behavioural
/// indicator at every level, and [`Loss::AssumedScale`] says so).
pub fn import_with(json: &str, options: &ImportOptions) -> Result<Import, CaseError> {
    let (json, losses) = import_document(json, options)?;
    let framework = Framework::from_json(&json)?;
    Ok(Import { framework, losses })
}

/// Reads a CFPackage like [`import_with`], but gives the framework as its JSON text, not yet
/// checked: for a user interface that checks it with [`Framework::from_json`] itself, so that
/// it words the problems of an imported framework as it words those of any framework.
/// [`import_with`] is this, then that check.
pub fn import_document(
    json: &str,
    options: &ImportOptions,
) -> Result<(String, Vec<Loss>), CaseError> {
    if json.len() > MAX_DOCUMENT_BYTES {
        return Err(CaseError::TooLarge {
            bytes: json.len(),
            limit: MAX_DOCUMENT_BYTES,
        });
    }
    let value: Value = serde_json::from_str(json).map_err(|e| CaseError::NotJson {
        line: e.line(),
        column: e.column(),
        message: syntax_message(&e),
    })?;
    Package::read(&value)?.into_framework(options.scale.as_ref())
}

/// serde_json's message without its trailing " at line L column C", which the error carries.
fn syntax_message(e: &serde_json::Error) -> String {
    let message = e.to_string();
    match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_owned(),
        None => message,
    }
}

/// The `isChildOf` hierarchy: one parent per item at most, no cycle.
struct Tree {
    parent: Vec<Option<usize>>,
    /// Top-level items in order, each with the items below it in pre-order.
    roots: Vec<(usize, Vec<usize>)>,
}

impl Tree {
    fn build(package: &Package, unused: &mut BTreeMap<String, usize>) -> Tree {
        let n = package.items.len();
        let index: HashMap<String, usize> = package
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| (item.key(), i))
            .collect();
        let mut parent = vec![None; n];
        let mut placed = vec![false; n];
        let mut sequence = vec![None; n];
        for association in &package.associations {
            let Some((origin, destination)) = &association.nodes else {
                *unused.entry(clip(association.kind)).or_default() += 1;
                continue;
            };
            let child = index.get(origin).copied();
            let target = if *destination == package.document.identifier {
                Some(None)
            } else {
                index.get(destination).map(|&p| Some(p))
            };
            match (child, target) {
                (Some(child), Some(target)) if !placed[child] && target != Some(child) => {
                    placed[child] = true;
                    parent[child] = target;
                    sequence[child] = association.sequence;
                }
                _ => *unused.entry("isChildOf".to_owned()).or_default() += 1,
            }
        }

        // Break any cycle, so that every item leads up to a top-level one.
        let mut state = vec![0u8; n]; // 0: not seen, 1: on the current path, 2: done
        for start in 0..n {
            let mut path = Vec::new();
            let mut current = start;
            loop {
                match state[current] {
                    2 => break,
                    1 => {
                        parent[current] = None;
                        sequence[current] = None;
                        *unused.entry("isChildOf".to_owned()).or_default() += 1;
                        break;
                    }
                    _ => {}
                }
                state[current] = 1;
                path.push(current);
                match parent[current] {
                    Some(p) => current = p,
                    None => break,
                }
            }
            for i in path {
                state[i] = 2;
            }
        }

        // Placed items by sequenceNumber (those without one after), then in package order;
        // items placed nowhere come last.
        let order = |&i: &usize| {
            (
                !placed[i],
                sequence[i].is_none(),
                sequence[i].unwrap_or(0.0),
                i,
            )
        };
        let compare = |a: &usize, b: &usize| {
            let (a, b) = (order(a), order(b));
            (a.0, a.1)
                .cmp(&(b.0, b.1))
                .then(a.2.total_cmp(&b.2))
                .then(a.3.cmp(&b.3))
        };
        let mut children = vec![Vec::new(); n];
        let mut tops = Vec::new();
        for (i, up) in parent.iter().enumerate() {
            match *up {
                Some(p) => children[p].push(i),
                None => tops.push(i),
            }
        }
        for list in &mut children {
            list.sort_by(compare);
        }
        tops.sort_by(compare);

        let roots = tops
            .into_iter()
            .map(|top| {
                let mut below = Vec::new();
                let mut stack: Vec<usize> = children[top].iter().rev().copied().collect();
                while let Some(i) = stack.pop() {
                    below.push(i);
                    stack.extend(children[i].iter().rev());
                }
                (top, below)
            })
            .collect();
        Tree { parent, roots }
    }
}

/// Fields of the package's objects that have no place in our model.
#[derive(Default)]
struct Unkept(BTreeMap<CaseObject, (usize, BTreeSet<String>)>);

impl Unkept {
    /// Records the fields of `map` that have content and are not in `kept`.
    fn check(&mut self, object: CaseObject, map: &Map<String, Value>, kept: &[&str]) {
        let lost: BTreeSet<String> = map
            .iter()
            .filter(|(key, value)| !kept.contains(&key.as_str()) && has_content(value))
            .map(|(key, _)| clip(key))
            .collect();
        if !lost.is_empty() {
            let entry = self.0.entry(object).or_default();
            entry.0 += 1;
            entry.1.extend(lost);
        }
    }

    fn into_losses(self) -> impl Iterator<Item = Loss> {
        self.0
            .into_iter()
            .map(|(object, (count, fields))| Loss::Fields {
                object,
                count,
                fields: fields.into_iter().collect(),
            })
    }
}

fn has_content(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        Value::Bool(_) | Value::Number(_) => true,
    }
}

/// Fields that identify or link objects: they carry nothing of their own.
const PLUMBING: &[&str] = &[
    "identifier",
    "uri",
    "lastChangeDateTime",
    "CFDocumentURI",
    "CFPackageURI",
    "CFItemAssociationURI",
];

fn kept<'a>(own: &[&'a str]) -> Vec<&'a str> {
    PLUMBING.iter().chain(own).copied().collect()
}

/// A group being built: its competencies are item indices.
struct GroupDraft {
    id: String,
    name: String,
    description: Option<String>,
    competencies: Vec<usize>,
}

/// A level of the scale being built.
struct LevelDraft {
    id: String,
    label: String,
    description: Option<String>,
}

/// A competency being built: its group (an index), its item, its id, and its indicators by
/// level id.
struct CompetencyDraft<'p, 'v> {
    group: usize,
    item: &'p Item<'v>,
    id: String,
    indicators: BTreeMap<String, Vec<&'v str>>,
}

/// The package being mapped onto our model, with what does not fit.
struct Mapping<'p, 'v> {
    package: &'p Package<'v>,
    tree: Tree,
    /// The scale the caller named, when the rubric is not used: then every item is assessable.
    assumed: Option<&'p Scale>,
    /// The criterion of each item: the first one that points to it and has levels (none when a
    /// scale is assumed).
    criterion_of: Vec<Option<usize>>,
    groups: Vec<GroupDraft>,
    group_ids: Ids,
    /// The scale's item and its level items, when the package has one.
    scale: Option<(usize, Vec<usize>)>,
    /// The items that became a group, a competency or a level.
    imported: Vec<usize>,
    unused_associations: BTreeMap<String, usize>,
    unused_criteria: usize,
    not_assessable: Vec<String>,
    flattened: Vec<String>,
    label_differs: Vec<String>,
    unkept: Unkept,
}

impl Package<'_> {
    /// The rubric gives the scale when it gives at least one imported competency its levels;
    /// otherwise `named` is assumed, or the package is refused.
    fn into_framework(self, named: Option<&Scale>) -> Result<(String, Vec<Loss>), CaseError> {
        if self.items.is_empty() {
            return Err(CaseError::NoItems);
        }
        let language = Language::of(self.document.language);
        let mut mapping = Mapping::new(&self, None);
        if mapping.criterion_of.iter().any(Option::is_some) {
            mapping.place_items();
            if mapping.competencies().next().is_some() {
                let scale_loss = named.map(|scale| Loss::ScaleNotUsed {
                    origin: scale.origin.clone(),
                });
                return mapping.into_document(language, scale_loss);
            }
        }
        let Some(named) = named else {
            return Err(mapping.no_scale());
        };
        let mut mapping = Mapping::new(&self, Some(named));
        mapping.place_items();
        mapping.into_document(language, None)
    }
}

impl<'p, 'v> Mapping<'p, 'v> {
    /// Builds the tree and finds each item's criterion (every criterion is unused when a scale
    /// is `assumed`).
    fn new(package: &'p Package<'v>, assumed: Option<&'p Scale>) -> Self {
        let mut unused_associations = BTreeMap::new();
        let tree = Tree::build(package, &mut unused_associations);
        let index: HashMap<String, usize> = package
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| (item.key(), i))
            .collect();
        let mut criterion_of = vec![None; package.items.len()];
        let mut unused_criteria = 0;
        for (c, criterion) in package.criteria.iter().enumerate() {
            match criterion.item.as_ref().and_then(|key| index.get(key)) {
                Some(&i)
                    if assumed.is_none()
                        && !criterion.levels.is_empty()
                        && criterion_of[i].is_none() =>
                {
                    criterion_of[i] = Some(c);
                }
                _ => unused_criteria += 1,
            }
        }
        Mapping {
            package,
            tree,
            assumed,
            criterion_of,
            groups: Vec::new(),
            group_ids: Ids::default(),
            scale: None,
            imported: Vec::new(),
            unused_associations,
            unused_criteria,
            not_assessable: Vec::new(),
            flattened: Vec::new(),
            label_differs: Vec::new(),
            unkept: Unkept::default(),
        }
    }

    /// The competencies placed so far, as (group index, item index), group by group.
    fn competencies(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.groups
            .iter()
            .enumerate()
            .flat_map(|(g, group)| group.competencies.iter().map(move |&i| (g, i)))
    }

    /// The framework's JSON text, once the items are placed; `scale_loss` says that a named
    /// scale was not used.
    fn into_document(
        mut self,
        language: Language,
        scale_loss: Option<Loss>,
    ) -> Result<(String, Vec<Loss>), CaseError> {
        let competencies: Vec<(usize, usize)> = self.competencies().collect();
        let (levels, scale_loss) = match self.assumed {
            Some(scale) => {
                let (levels, loss) = assumed_levels(scale, &language.tag, competencies.len());
                (levels, Some(loss))
            }
            None => (self.scale(&competencies), scale_loss),
        };
        let competencies = self.indicators(&competencies, &levels)?;
        self.check_fields();
        let (document, losses) = self.finish(&levels, competencies, language, scale_loss);
        let json = serde_json::to_string(&document).expect("the wire types always serialise");
        Ok((json, losses))
    }

    fn no_scale(&self) -> CaseError {
        CaseError::NoProficiencyScale {
            items: self.package.items.len(),
        }
    }

    fn item(&self, i: usize) -> &'p Item<'v> {
        &self.package.items[i]
    }

    fn criterion(&self, i: usize) -> Option<&'p Criterion<'v>> {
        self.criterion_of[i].map(|c| &self.package.criteria[c])
    }

    fn assessable(&self, i: usize) -> bool {
        self.assumed.is_some() || self.criterion_of[i].is_some()
    }

    /// Counts the criteria of `items` as unused.
    fn drop_criteria(&mut self, items: impl IntoIterator<Item = usize>) {
        self.unused_criteria += items
            .into_iter()
            .filter(|&i| self.criterion_of[i].is_some())
            .count();
    }

    fn leave_out(&mut self, items: impl IntoIterator<Item = usize>) {
        let package = self.package;
        self.not_assessable
            .extend(items.into_iter().map(|i| package.items[i].label()));
    }

    /// Maps each top-level item, and the items below it, onto the scale, a group or nothing
    /// (the rules are in [`super`]).
    fn place_items(&mut self) {
        let roots = std::mem::take(&mut self.tree.roots);
        let mut implicit_group = None;
        for (top, below) in roots {
            let item = self.item(top);
            if self.assumed.is_some() && item.is(SCALE_TYPE) {
                // Levels without indicators: the named scale replaces them.
                self.leave_out(std::iter::once(top).chain(below));
            } else if self.scale.is_none() && item.is(SCALE_TYPE) {
                let (levels, deeper): (Vec<usize>, Vec<usize>) = below
                    .iter()
                    .partition(|&&i| self.tree.parent[i] == Some(top));
                self.drop_criteria(std::iter::once(top).chain(below.iter().copied()));
                self.leave_out(deeper);
                self.imported.extend(&levels);
                self.scale = Some((top, levels));
            } else if below.iter().any(|&i| self.assessable(i)) || item.is(GROUP_TYPE) {
                self.drop_criteria([top]);
                self.imported.push(top);
                let mut group = GroupDraft {
                    id: item.id(&mut self.group_ids, "group"),
                    name: item.name().to_owned(),
                    description: item.description().map(str::to_owned),
                    competencies: Vec::new(),
                };
                for i in below {
                    if !self.assessable(i) {
                        self.leave_out([i]);
                        continue;
                    }
                    group.competencies.push(i);
                    self.imported.push(i);
                    if self.tree.parent[i] != Some(top) {
                        self.flattened.push(self.item(i).label());
                    }
                }
                self.groups.push(group);
            } else if self.assessable(top) {
                self.imported.push(top);
                let g = match implicit_group {
                    Some(g) => g,
                    None => {
                        self.groups.push(GroupDraft {
                            id: self.group_ids.give([], "general"),
                            name: self.package.document.title.to_owned(),
                            description: None,
                            competencies: Vec::new(),
                        });
                        *implicit_group.insert(self.groups.len() - 1)
                    }
                };
                self.groups[g].competencies.push(top);
                self.leave_out(below);
            } else {
                self.leave_out(std::iter::once(top).chain(below));
            }
        }
    }

    /// The scale: the scale item's levels, else the levels of the competencies' criteria,
    /// labelled by the first criterion that names them.
    fn scale(&self, competencies: &[(usize, usize)]) -> Vec<LevelDraft> {
        let mut ids = Ids::default();
        if let Some((_, levels)) = &self.scale
            && !levels.is_empty()
        {
            return levels
                .iter()
                .map(|&i| {
                    let item = self.item(i);
                    LevelDraft {
                        id: item.id(&mut ids, "level"),
                        label: item.name().to_owned(),
                        description: item.description().map(str::to_owned),
                    }
                })
                .collect();
        }
        let criteria: Vec<&Criterion> = competencies
            .iter()
            .filter_map(|&(_, i)| self.criterion(i))
            .collect();
        let count = criteria.iter().map(|c| c.levels.len()).max().unwrap_or(0);
        (0..count)
            .map(|k| {
                let label = criteria
                    .iter()
                    .find_map(|c| c.levels.get(k)?.quality)
                    .map_or_else(|| (k + 1).to_string(), |q| q.trim().to_owned());
                let slug = ident::slug(&label).to_ascii_lowercase();
                LevelDraft {
                    id: ids.give([slug.as_str()], &format!("level-{}", k + 1)),
                    label,
                    description: None,
                }
            })
            .collect()
    }

    /// Each competency's indicators: its criterion level's description for each level of the
    /// scale, one indicator per line; when a scale is assumed, its statement at every level.
    fn indicators(
        &mut self,
        competencies: &[(usize, usize)],
        levels: &[LevelDraft],
    ) -> Result<Vec<CompetencyDraft<'p, 'v>>, CaseError> {
        let mut ids = Ids::default();
        let mut drafts = Vec::new();
        for &(group, i) in competencies {
            let item = self.item(i);
            if self.assumed.is_some() {
                drafts.push(CompetencyDraft {
                    group,
                    item,
                    id: item.id(&mut ids, "competency"),
                    indicators: levels
                        .iter()
                        .map(|level| (level.id.clone(), vec![item.full]))
                        .collect(),
                });
                continue;
            }
            let Some(criterion) = self.criterion(i) else {
                continue;
            };
            if criterion.levels.len() != levels.len() {
                return Err(CaseError::LevelCount {
                    competency: item.label(),
                    found: criterion.levels.len(),
                    expected: levels.len(),
                });
            }
            let mut indicators = BTreeMap::new();
            let mut differs = false;
            for (level, criterion_level) in levels.iter().zip(&criterion.levels) {
                let lines: Vec<&str> = criterion_level
                    .description
                    .unwrap_or_default()
                    .lines()
                    .map(str::trim)
                    .filter(|line| !line.is_empty())
                    .collect();
                if lines.is_empty() {
                    return Err(CaseError::NoIndicators {
                        competency: item.label(),
                        level: clip(&level.label),
                    });
                }
                differs |= criterion_level
                    .quality
                    .is_some_and(|q| q.trim() != level.label.trim());
                indicators.insert(level.id.clone(), lines);
                self.unkept.check(
                    CaseObject::CriterionLevel,
                    criterion_level.map,
                    &kept(&[
                        "rubricCriterionId",
                        "position",
                        "score",
                        "quality",
                        "description",
                    ]),
                );
            }
            if differs {
                self.label_differs.push(item.label());
            }
            self.unkept.check(
                CaseObject::Criterion,
                criterion.map,
                &kept(&[
                    "CFItemURI",
                    "rubricId",
                    "position",
                    "CFRubricCriterionLevels",
                ]),
            );
            drafts.push(CompetencyDraft {
                group,
                item,
                id: item.id(&mut ids, "competency"),
                indicators,
            });
        }
        Ok(drafts)
    }

    /// Records the fields of the package, its document, definitions, rubrics and imported
    /// items that have no place in our model (criteria were checked with their indicators).
    fn check_fields(&mut self) {
        let package = self.package;
        self.unkept.check(
            CaseObject::Package,
            package.map,
            &[
                "CFDocument",
                "CFItems",
                "CFAssociations",
                "CFDefinitions",
                "CFRubrics",
            ],
        );
        self.unkept.check(
            CaseObject::Document,
            package.document.map,
            &kept(&["title", "description", "creator", "version", "language"]),
        );
        if let Some(Value::Object(definitions)) = field(package.map, "CFDefinitions") {
            // Item types are reported with the items that use them.
            self.unkept
                .check(CaseObject::Definitions, definitions, &["CFItemTypes"]);
        }
        for &i in &self.imported {
            let item = &package.items[i];
            let mut own = vec![
                "fullStatement",
                "abbreviatedStatement",
                "humanCodingScheme",
                "CFItemTypeURI",
                "language",
            ];
            if item.abbreviated.is_none() {
                own.push("alternativeLabel");
            }
            if [GROUP_TYPE, COMPETENCY_TYPE, LEVEL_TYPE]
                .iter()
                .any(|kind| item.is(kind))
            {
                own.push("CFItemType");
            }
            self.unkept.check(CaseObject::Item, item.map, &kept(&own));
        }
        for rubric in &package.rubrics {
            self.unkept.check(
                CaseObject::Rubric,
                rubric,
                &kept(&["title", "CFRubricCriteria"]),
            );
        }
    }

    /// The framework document, and every loss in a fixed order.
    fn finish(
        self,
        levels: &[LevelDraft],
        competencies: Vec<CompetencyDraft>,
        language: Language,
        scale_loss: Option<Loss>,
    ) -> (FrameworkDocument, Vec<Loss>) {
        let document = &self.package.document;
        let tag = language.tag;
        let text = |s: &str| Text(BTreeMap::from([(tag.clone(), s.to_owned())]));
        let optional = |s: Option<&str>| s.map(text).unwrap_or_default();

        // The framework's id: the scale item's code, else the document's identifier.
        let scale_code = self
            .scale
            .as_ref()
            .and_then(|(top, _)| self.item(*top).code)
            .map(str::trim)
            .unwrap_or_default();
        let title = ident::slug(document.title);
        let id = Ids::default().give(
            [
                scale_code,
                &ident::slug(scale_code),
                &document.identifier,
                &title,
            ],
            "case-framework",
        );
        // Its version: the document's, else the day of its last change.
        let version = document.version.map(str::trim).unwrap_or_default();
        let day = document
            .last_change
            .and_then(|d| d.get(..10))
            .unwrap_or_default();
        let version = Ids::default().give([version, &ident::slug(version), day], "1");

        let framework = FrameworkDocument {
            schema: None,
            format_version: FORMAT_VERSION,
            id: Id(id),
            version: Id(version),
            default_language: LanguageTag(tag.clone()),
            languages: vec![LanguageTag(tag.clone())],
            title: text(document.title),
            description: optional(document.description),
            source: optional(document.creator.filter(|c| *c != document.title)),
            levels: levels
                .iter()
                .map(|level| LevelDocument {
                    id: Id(level.id.clone()),
                    label: text(&level.label),
                    description: optional(level.description.as_deref()),
                })
                .collect(),
            groups: self
                .groups
                .iter()
                .map(|group| GroupDocument {
                    id: Id(group.id.clone()),
                    name: text(&group.name),
                    description: optional(group.description.as_deref()),
                })
                .collect(),
            competencies: competencies
                .into_iter()
                .map(|c| CompetencyDocument {
                    id: Id(c.id),
                    group: Id(self.groups[c.group].id.clone()),
                    name: text(c.item.name()),
                    definition: text(c.item.full),
                    indicators: Indicators(
                        c.indicators
                            .into_iter()
                            .map(|(level, lines)| (level, lines.into_iter().map(text).collect()))
                            .collect(),
                    ),
                    resources: Vec::new(),
                })
                .collect(),
            positions: Vec::new(),
        };

        let mut losses: Vec<Loss> = language.loss.into_iter().chain(scale_loss).collect();
        if !self.not_assessable.is_empty() {
            losses.push(Loss::NotAssessable {
                items: self.not_assessable,
            });
        }
        if !self.flattened.is_empty() {
            losses.push(Loss::Flattened {
                competencies: self.flattened,
            });
        }
        if !self.unused_associations.is_empty() {
            losses.push(Loss::Associations {
                counts: self.unused_associations.into_iter().collect(),
            });
        }
        if self.unused_criteria > 0 {
            losses.push(Loss::UnusedCriteria {
                count: self.unused_criteria,
            });
        }
        if !self.label_differs.is_empty() {
            losses.push(Loss::LevelLabels {
                competencies: self.label_differs,
            });
        }
        losses.extend(self.unkept.into_losses());
        (framework, losses)
    }
}

/// The levels of the scale the caller named, in the language nearest to the package's (`tag`),
/// and the loss that says what was assumed for these many competencies.
fn assumed_levels(scale: &Scale, tag: &str, competencies: usize) -> (Vec<LevelDraft>, Loss) {
    let language = scale.language_for(tag);
    let fallback = scale.default_language.as_str();
    let in_language = |text: &crate::LocalizedText| {
        text.resolve(language, fallback)
            .map(|resolved| resolved.text.to_owned())
    };
    let levels = scale
        .levels
        .iter()
        .map(|level| LevelDraft {
            id: level.id.clone(),
            label: in_language(&level.label).unwrap_or_default(),
            description: in_language(&level.description),
        })
        .collect();
    let loss = Loss::AssumedScale {
        origin: scale.origin.clone(),
        levels: scale.levels.iter().map(|level| clip(&level.id)).collect(),
        labels_language: (!language.eq_ignore_ascii_case(tag)).then(|| clip(language)),
        competencies,
    };
    (levels, loss)
}

/// The document's language as a valid tag, with a loss when it had to be assumed.
struct Language {
    tag: String,
    loss: Option<Loss>,
}

impl Language {
    fn of(language: Option<&str>) -> Language {
        let Some(found) = language else {
            return Language {
                tag: DEFAULT_LANGUAGE.to_owned(),
                loss: Some(Loss::AssumedLanguage { found: None }),
            };
        };
        let tag = found.trim().replace('_', "-");
        if ident::is_language_tag(&tag) {
            Language { tag, loss: None }
        } else {
            Language {
                tag: DEFAULT_LANGUAGE.to_owned(),
                loss: Some(Loss::AssumedLanguage {
                    found: Some(clip(found)),
                }),
            }
        }
    }
}
