//! The one reader of JSON documents into typed values: the framework's and the
//! configuration's readers are this one with their own fields and checks. It reports every
//! structural problem ([`Structure`]: a wrong type, a missing or unknown field, a text or a
//! list over its limit) with its JSON path, in the same words for every document, and never
//! stops at the first. Nothing here can panic or loop on hostile input: every list is
//! measured before any item is read.

use std::fmt;

use serde_json::{Map, Value};

use crate::problems::Problems;

/// The JSON type a value should have had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Object,
    Array,
    String,
    Integer,
    Boolean,
    /// An object mapping language tags to strings.
    Text,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Expected::Object => "an object",
            Expected::Array => "an array",
            Expected::String => "a string",
            Expected::Integer => "a whole number",
            Expected::Boolean => "true or false",
            Expected::Text => "an object of texts by language",
        })
    }
}

/// What can be wrong with any document's structure. Values quoted from the document are cut
/// to 64 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Structure {
    /// A value of the wrong JSON type.
    WrongType { expected: Expected },
    /// A required field is absent (or `null`).
    MissingField { field: String },
    /// A field this format does not have (often a typo).
    UnknownField { field: String },
    /// A text longer than the limit, in characters.
    TooLong { length: usize, limit: usize },
    /// A list or object with more entries than the limit.
    TooMany { count: usize, limit: usize },
    /// A list shorter than the minimum.
    TooFew { count: usize, minimum: usize },
    /// A number outside its range, or not a whole number.
    OutOfRange { min: u64, max: u64 },
    /// A text that is empty or only spaces.
    Empty,
}

impl fmt::Display for Structure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Structure::WrongType { expected } => write!(f, "expected {expected}"),
            Structure::MissingField { field } => write!(f, "the field `{field}` is missing"),
            Structure::UnknownField { field } => write!(f, "unknown field `{field}`"),
            Structure::TooLong { length, limit } => {
                write!(f, "{length} characters, more than the {limit} accepted")
            }
            Structure::TooMany { count, limit } => {
                write!(f, "{count} items, more than the {limit} accepted")
            }
            Structure::TooFew { count, minimum } => {
                write!(f, "{count} items, fewer than the {minimum} needed")
            }
            Structure::OutOfRange { min, max } => {
                write!(f, "expected a whole number from {min} to {max}")
            }
            Structure::Empty => f.write_str("must not be empty"),
        }
    }
}

/// `$.a` or `$["a b"]`: the path of `key` inside the object at `path`.
pub(crate) use crate::json::member_path as key_path;

/// `$.a[3]`: the path of item `index` of the list at `path`.
pub(crate) fn index_path(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

/// A value from a document quoted in a problem, cut to a readable length.
pub(crate) fn clip(s: &str) -> String {
    const KEEP: usize = 64;
    match s.char_indices().nth(KEEP) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_owned(),
    }
}

/// Reads a JSON value into typed values, collecting problems of kind `K` (each document's
/// own, which holds [`Structure`]); `C` is what a document's reader needs beside (the
/// configuration: the languages the app speaks). A read returns `None` when it found a
/// problem, after reporting it.
pub(crate) struct Reader<'p, K, C = ()> {
    pub problems: &'p mut Problems<K>,
    pub context: C,
}

impl<K: From<Structure>, C> Reader<'_, K, C> {
    pub fn push(&mut self, path: &str, kind: K) {
        self.problems.push(path, kind);
    }

    /// Reports a structural problem at `path`.
    pub fn structure(&mut self, path: &str, problem: Structure) {
        self.problems.push(path, K::from(problem));
    }

    pub fn wrong_type(&mut self, path: &str, expected: Expected) {
        self.structure(path, Structure::WrongType { expected });
    }

    /// The object at `path`, after reporting any field not in `fields`.
    pub fn object<'v>(
        &mut self,
        value: &'v Value,
        path: &str,
        fields: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        let Some(map) = value.as_object() else {
            self.wrong_type(path, Expected::Object);
            return None;
        };
        for key in map.keys().filter(|k| !fields.contains(&k.as_str())) {
            let field = clip(key);
            self.structure(&key_path(path, key), Structure::UnknownField { field });
        }
        Some(map)
    }

    /// A required field: reads it with `read`, or reports it missing (`null` is missing).
    pub fn required<T>(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        key: &str,
        read: impl FnOnce(&mut Self, &Value, &str) -> Option<T>,
    ) -> Option<T> {
        match field(map, path, key) {
            None => {
                let field = key.to_owned();
                self.structure(path, Structure::MissingField { field });
                None
            }
            Some((value, path)) => read(self, value, &path),
        }
    }

    /// An optional field: `Some(None)` when absent or null, `None` when present but broken.
    pub fn optional<T>(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        key: &str,
        read: impl FnOnce(&mut Self, &Value, &str) -> Option<T>,
    ) -> Option<Option<T>> {
        match field(map, path, key) {
            None => Some(None),
            Some((value, path)) => read(self, value, &path).map(Some),
        }
    }

    pub fn str<'v>(&mut self, value: &'v Value, path: &str) -> Option<&'v str> {
        let s = value.as_str();
        if s.is_none() {
            self.wrong_type(path, Expected::String);
        }
        s
    }

    /// A string of at most `limit` characters.
    pub fn string(&mut self, value: &Value, path: &str, limit: usize) -> Option<String> {
        let s = self.str(value, path)?;
        let length = s.chars().count();
        if length > limit {
            self.structure(path, Structure::TooLong { length, limit });
            return None;
        }
        Some(s.to_owned())
    }

    /// A string of at most `limit` characters, not empty or only spaces.
    pub fn non_empty(&mut self, value: &Value, path: &str, limit: usize) -> Option<String> {
        let s = self.string(value, path, limit)?;
        if s.trim().is_empty() {
            self.structure(path, Structure::Empty);
            return None;
        }
        Some(s)
    }

    /// A whole number from `min` to `max`.
    pub fn integer(&mut self, value: &Value, path: &str, (min, max): (u64, u64)) -> Option<u64> {
        match value.as_u64() {
            Some(n) if (min..=max).contains(&n) => Some(n),
            _ if value.is_number() => {
                self.structure(path, Structure::OutOfRange { min, max });
                None
            }
            _ => {
                self.wrong_type(path, Expected::Integer);
                None
            }
        }
    }

    pub fn boolean(&mut self, value: &Value, path: &str) -> Option<bool> {
        let b = value.as_bool();
        if b.is_none() {
            self.wrong_type(path, Expected::Boolean);
        }
        b
    }

    /// A list of `min` to `max` items, each read with `item`. Its length is checked before
    /// any item is read; every broken item is reported.
    pub fn list<T>(
        &mut self,
        value: &Value,
        path: &str,
        (min, max): (usize, usize),
        mut item: impl FnMut(&mut Self, &Value, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let Some(values) = value.as_array() else {
            self.wrong_type(path, Expected::Array);
            return None;
        };
        let count = values.len();
        if count > max {
            self.structure(path, Structure::TooMany { count, limit: max });
            return None;
        }
        // Every item read, each problem reported, before the list is refused. A loop rather
        // than collects, whose adapters are larger code for each type of item.
        let mut items = Vec::with_capacity(count);
        let mut broken = false;
        for (i, v) in values.iter().enumerate() {
            match item(self, v, &index_path(path, i)) {
                Some(read) => items.push(read),
                None => broken = true,
            }
        }
        if count < min {
            self.structure(
                path,
                Structure::TooFew {
                    count,
                    minimum: min,
                },
            );
            return None;
        }
        (!broken).then_some(items)
    }
}

/// Field `key` of the object at `path`, with its path, unless it is absent or `null`. Apart
/// (and not inlined) so that each field a reader reads is a call, not a copy of the lookup.
#[inline(never)]
fn field<'v>(map: &'v Map<String, Value>, path: &str, key: &str) -> Option<(&'v Value, String)> {
    match map.get(key) {
        None | Some(Value::Null) => None,
        Some(value) => Some((value, key_path(path, key))),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::{Expected, Structure};
    use crate::{bundled, config, framework::ProblemKind};

    /// The structural problems of a framework: the bundled one with `change` made.
    fn framework_problems(change: impl FnOnce(&mut Value)) -> Vec<(String, Structure)> {
        let mut value: Value = serde_json::from_str(bundled::FRAMEWORK_JSON).unwrap();
        change(&mut value);
        let error = crate::Framework::from_json(&value.to_string()).unwrap_err();
        error
            .problems
            .into_iter()
            .filter_map(|p| match p.kind {
                ProblemKind::Structure(s) => Some((p.path, s)),
                _ => None,
            })
            .collect()
    }

    fn config_problems(value: Value) -> Vec<(String, Structure)> {
        let error = config::from_value(&value, &["fr", "en"]).unwrap_err();
        error
            .problems
            .into_iter()
            .filter_map(|p| match p.kind {
                config::ConfigProblemKind::Structure(s) => Some((p.path, s)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn both_readers_report_the_same_mistakes_in_the_same_words() {
        let missing = |field: &str| Structure::MissingField {
            field: field.into(),
        };
        // `null` for a required field is a missing field, in both.
        assert_eq!(
            framework_problems(|f| f["id"] = Value::Null),
            vec![("$".into(), missing("id"))]
        );
        assert_eq!(
            config_problems(json!({ "configVersion": 1, "subject": { "name": null } })),
            vec![("$.subject".into(), missing("name"))]
        );
        // A text over its limit says how long it is, in both.
        let long = "x".repeat(201);
        assert_eq!(
            framework_problems(|f| f["id"] = json!("x".repeat(65))),
            vec![(
                "$.id".into(),
                Structure::TooLong {
                    length: 65,
                    limit: 64
                }
            )]
        );
        assert_eq!(
            config_problems(json!({ "configVersion": 1, "subject": { "name": long } })),
            vec![(
                "$.subject.name".into(),
                Structure::TooLong {
                    length: 201,
                    limit: 200
                }
            )]
        );
        // Wrong types and unknown fields.
        assert_eq!(
            framework_problems(|f| f["levels"] = json!("all")),
            vec![(
                "$.levels".into(),
                Structure::WrongType {
                    expected: Expected::Array
                }
            )]
        );
        assert_eq!(
            config_problems(json!({ "configVersion": 1, "allowedOrigins": "all" })),
            vec![(
                "$.allowedOrigins".into(),
                Structure::WrongType {
                    expected: Expected::Array
                }
            )]
        );
        let unknown = |field: &str| Structure::UnknownField {
            field: field.into(),
        };
        assert_eq!(
            framework_problems(|f| f["colour"] = json!("red")),
            vec![("$.colour".into(), unknown("colour"))]
        );
        assert_eq!(
            config_problems(json!({ "configVersion": 1, "colour": "red" })),
            vec![("$.colour".into(), unknown("colour"))]
        );
        // The same problem reads the same in the command line's English.
        assert_eq!(missing("id").to_string(), "the field `id` is missing");
    }
}
