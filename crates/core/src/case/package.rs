//! Reading a CFPackage into borrowed views of the parts the importer uses, stopping at the
//! first broken field with its path. Absent, `null` and blank fields are all "absent": OpenSALT
//! writes `null` for empty ones.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::CaseError;
use super::ident::{self, Ids};

/// The parts of a CFPackage the importer uses; `map` is the whole package.
pub(super) struct Package<'v> {
    pub(super) map: &'v Map<String, Value>,
    pub(super) document: Document<'v>,
    pub(super) items: Vec<Item<'v>>,
    pub(super) associations: Vec<Association<'v>>,
    pub(super) rubrics: Vec<&'v Map<String, Value>>,
    pub(super) criteria: Vec<Criterion<'v>>,
}

/// The `CFDocument`.
pub(super) struct Document<'v> {
    pub(super) map: &'v Map<String, Value>,
    /// Lowercase, as every identifier we compare.
    pub(super) identifier: String,
    pub(super) title: &'v str,
    pub(super) description: Option<&'v str>,
    pub(super) creator: Option<&'v str>,
    pub(super) version: Option<&'v str>,
    pub(super) language: Option<&'v str>,
    pub(super) last_change: Option<&'v str>,
}

/// A `CFItem`: `full` is its `fullStatement`, `code` its `humanCodingScheme`.
pub(super) struct Item<'v> {
    pub(super) map: &'v Map<String, Value>,
    pub(super) identifier: &'v str,
    pub(super) code: Option<&'v str>,
    pub(super) full: &'v str,
    pub(super) abbreviated: Option<&'v str>,
    pub(super) alternative: Option<&'v str>,
    pub(super) kind: Option<&'v str>,
}

/// A `CFAssociation`.
pub(super) struct Association<'v> {
    pub(super) kind: &'v str,
    /// Lowercase identifiers; `None` for the types we do not read.
    pub(super) nodes: Option<(String, String)>,
    pub(super) sequence: Option<f64>,
}

/// A `CFRubricCriterion`.
pub(super) struct Criterion<'v> {
    pub(super) map: &'v Map<String, Value>,
    /// The lowercase identifier of the item it assesses.
    pub(super) item: Option<String>,
    /// In scale order.
    pub(super) levels: Vec<CriterionLevel<'v>>,
}

/// A `CFRubricCriterionLevel`.
pub(super) struct CriterionLevel<'v> {
    pub(super) map: &'v Map<String, Value>,
    pub(super) quality: Option<&'v str>,
    pub(super) description: Option<&'v str>,
}

fn at(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn object<'v>(value: &'v Value, path: &str) -> Result<&'v Map<String, Value>, CaseError> {
    value.as_object().ok_or_else(|| CaseError::WrongType {
        path: path.to_owned(),
        expected: "an object",
    })
}

/// A field, `None` when absent or null (OpenSALT writes `null` for empty fields).
pub(super) fn field<'v>(map: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    map.get(key).filter(|v| !v.is_null())
}

/// A string field; `None` when absent, null or blank.
fn string<'v>(
    map: &'v Map<String, Value>,
    path: &str,
    key: &str,
) -> Result<Option<&'v str>, CaseError> {
    match field(map, key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str()).filter(|s| !s.trim().is_empty())),
        Some(_) => Err(CaseError::WrongType {
            path: at(path, key),
            expected: "a string",
        }),
    }
}

fn required<'v>(
    map: &'v Map<String, Value>,
    path: &str,
    key: &'static str,
) -> Result<&'v str, CaseError> {
    string(map, path, key)?.ok_or_else(|| CaseError::MissingField {
        path: path.to_owned(),
        field: key,
    })
}

/// A number field; OpenSALT writes some numbers as strings (`"sequenceNumber": "1"`), which
/// are read too.
fn number(map: &Map<String, Value>, path: &str, key: &str) -> Result<Option<f64>, CaseError> {
    let parsed = |s: &str| s.trim().parse::<f64>().ok().filter(|n| n.is_finite());
    match field(map, key) {
        None => Ok(None),
        Some(Value::Number(n)) => Ok(n.as_f64()),
        Some(Value::String(s)) if parsed(s).is_some() => Ok(parsed(s)),
        Some(_) => Err(CaseError::WrongType {
            path: at(path, key),
            expected: "a number",
        }),
    }
}

/// A list field; empty when absent or null.
fn array<'v>(map: &'v Map<String, Value>, path: &str, key: &str) -> Result<&'v [Value], CaseError> {
    match field(map, key) {
        None => Ok(&[]),
        Some(Value::Array(values)) => Ok(values),
        Some(_) => Err(CaseError::WrongType {
            path: at(path, key),
            expected: "an array",
        }),
    }
}

/// The lowercase `identifier` of a link (LinkURI, LinkGenURI) field.
fn link(map: &Map<String, Value>, path: &str, key: &str) -> Result<Option<String>, CaseError> {
    let Some(value) = field(map, key) else {
        return Ok(None);
    };
    let path = at(path, key);
    let link = value.as_object().ok_or_else(|| CaseError::WrongType {
        path: path.clone(),
        expected: "a link object with an identifier",
    })?;
    Ok(string(link, &path, "identifier")?.map(|id| id.trim().to_ascii_lowercase()))
}

impl<'v> Package<'v> {
    pub(super) fn read(value: &'v Value) -> Result<Self, CaseError> {
        let map = value.as_object().ok_or(CaseError::NotAPackage {
            found: json_type(value),
        })?;
        let document = Document::read(field(map, "CFDocument").ok_or(CaseError::NoDocument)?)?;

        let mut seen = BTreeSet::from([document.identifier.clone()]);
        let mut items = Vec::new();
        for (i, value) in array(map, "", "CFItems")?.iter().enumerate() {
            let item = Item::read(value, &format!("CFItems[{i}]"))?;
            if !seen.insert(item.identifier.to_ascii_lowercase()) {
                return Err(CaseError::DuplicateIdentifier {
                    identifier: clip(item.identifier),
                });
            }
            items.push(item);
        }

        let associations = array(map, "", "CFAssociations")?
            .iter()
            .enumerate()
            .map(|(i, value)| Association::read(value, &format!("CFAssociations[{i}]")))
            .collect::<Result<_, _>>()?;

        let mut rubrics = Vec::new();
        let mut criteria = Vec::new();
        for (r, value) in array(map, "", "CFRubrics")?.iter().enumerate() {
            let path = format!("CFRubrics[{r}]");
            let rubric = object(value, &path)?;
            rubrics.push(rubric);
            for (c, value) in array(rubric, &path, "CFRubricCriteria")?.iter().enumerate() {
                criteria.push(Criterion::read(
                    value,
                    &format!("{path}.CFRubricCriteria[{c}]"),
                )?);
            }
        }

        Ok(Package {
            map,
            document,
            items,
            associations,
            rubrics,
            criteria,
        })
    }
}

impl<'v> Document<'v> {
    pub(super) fn read(value: &'v Value) -> Result<Self, CaseError> {
        let path = "CFDocument";
        let map = object(value, path)?;
        Ok(Document {
            map,
            identifier: required(map, path, "identifier")?
                .trim()
                .to_ascii_lowercase(),
            title: required(map, path, "title")?,
            description: string(map, path, "description")?,
            creator: string(map, path, "creator")?,
            version: string(map, path, "version")?,
            language: string(map, path, "language")?,
            last_change: string(map, path, "lastChangeDateTime")?,
        })
    }
}

impl<'v> Item<'v> {
    pub(super) fn read(value: &'v Value, path: &str) -> Result<Self, CaseError> {
        let map = object(value, path)?;
        let identifier = required(map, path, "identifier")?.trim();
        let code = string(map, path, "humanCodingScheme")?;
        let full =
            string(map, path, "fullStatement")?.ok_or_else(|| CaseError::ItemWithoutText {
                item: clip(code.unwrap_or(identifier)),
            })?;
        Ok(Item {
            map,
            identifier,
            code,
            full,
            abbreviated: string(map, path, "abbreviatedStatement")?,
            alternative: string(map, path, "alternativeLabel")?,
            kind: string(map, path, "CFItemType")?,
        })
    }

    pub(super) fn key(&self) -> String {
        self.identifier.to_ascii_lowercase()
    }

    /// How losses name the item.
    pub(super) fn label(&self) -> String {
        clip(self.code.unwrap_or(self.identifier))
    }

    pub(super) fn is(&self, kind: &str) -> bool {
        self.kind
            .is_some_and(|k| k.trim().eq_ignore_ascii_case(kind))
    }

    /// A name or label: the abbreviated statement, else the alternative label, else the full
    /// statement.
    pub(super) fn name(&self) -> &'v str {
        self.abbreviated.or(self.alternative).unwrap_or(self.full)
    }

    /// A description beside [`Item::name`]: the full statement, unless it is the name.
    pub(super) fn description(&self) -> Option<&'v str> {
        Some(self.full).filter(|full| *full != self.name())
    }

    /// Its id: its code, made valid if need be, else its identifier.
    pub(super) fn id(&self, ids: &mut Ids, fallback: &str) -> String {
        let code = self.code.map(str::trim).unwrap_or_default();
        let slug = ident::slug(code);
        ids.give([code, slug.as_str(), self.identifier], fallback)
    }
}

impl<'v> Association<'v> {
    pub(super) fn read(value: &'v Value, path: &str) -> Result<Self, CaseError> {
        let map = object(value, path)?;
        let kind = required(map, path, "associationType")?.trim();
        if kind != "isChildOf" {
            return Ok(Association {
                kind,
                nodes: None,
                sequence: None,
            });
        }
        let node = |key: &'static str| {
            link(map, path, key)?.ok_or_else(|| CaseError::MissingField {
                path: path.to_owned(),
                field: key,
            })
        };
        Ok(Association {
            kind,
            nodes: Some((node("originNodeURI")?, node("destinationNodeURI")?)),
            sequence: number(map, path, "sequenceNumber")?,
        })
    }
}

impl<'v> Criterion<'v> {
    pub(super) fn read(value: &'v Value, path: &str) -> Result<Self, CaseError> {
        let map = object(value, path)?;
        let mut levels = Vec::new();
        let mut positions = Vec::new();
        let mut scores = Vec::new();
        for (l, value) in array(map, path, "CFRubricCriterionLevels")?
            .iter()
            .enumerate()
        {
            let path = format!("{path}.CFRubricCriterionLevels[{l}]");
            let level = object(value, &path)?;
            positions.push(number(level, &path, "position")?);
            scores.push(number(level, &path, "score")?);
            levels.push(CriterionLevel {
                map: level,
                quality: string(level, &path, "quality")?,
                description: string(level, &path, "description")?,
            });
        }
        // Scale order: by position when every level has one, else by score, else as listed.
        let keys: Option<Vec<f64>> = positions.into_iter().collect();
        let keys = keys.or_else(|| scores.into_iter().collect());
        if let Some(keys) = keys {
            let mut keyed: Vec<(f64, CriterionLevel)> = keys.into_iter().zip(levels).collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
            levels = keyed.into_iter().map(|(_, level)| level).collect();
        }
        Ok(Criterion {
            map,
            item: link(map, path, "CFItemURI")?,
            levels,
        })
    }
}

/// A value from the package quoted in a loss or an error, cut to a readable length.
pub(super) fn clip(s: &str) -> String {
    const KEEP: usize = 64;
    match s.char_indices().nth(KEEP) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_owned(),
    }
}
