//! The one strict reading step for JSON that comes from outside: results, frameworks,
//! configurations, campaigns, drafts and messages are all parsed here before anything reads
//! them.
//!
//! Stricter than JSON itself, as I-JSON (RFC 7493) and RFC 8785 ask of what gets signed:
//! - **No name twice in one object.** Parsers disagree on which copy wins: a result with two
//!   `level` members verifies with the signature of one reading while another program reads
//!   the other answer.
//! - **Numbers stay within I-JSON's exact range**, ±(2^53 − 1): a larger number is rounded
//!   by double-precision readers (an integer beyond 64 bits by this one too), so that two
//!   different documents would canonicalise, and verify, alike. A fraction within the range
//!   is read, for the format's own reader to judge (none of our formats has one).
//! - **Bounded**: the size is checked before parsing, the nesting while parsing (never
//!   deeper than [`MAX_DEPTH`]).
//!
//! Each refusal says where, with the JSON path of the problem (`$.ratings[3].level`).

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// Deepest nesting of arrays and objects accepted (our formats need fewer than ten).
pub const MAX_DEPTH: usize = 64;
/// The largest integer every JSON reader holds exactly (2^53 − 1).
pub const MAX_EXACT_INTEGER: u64 = (1 << 53) - 1;

/// Why a text was not read. The message says what is wrong, without where (see
/// [`JsonError::path`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JsonError {
    /// Larger than the limit, in bytes; not parsed at all.
    #[error("{bytes} bytes, more than the {limit} accepted")]
    TooLarge { bytes: usize, limit: usize },
    /// Not JSON: the parser's words, at a line and column (from 1).
    #[error("not JSON at line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// Arrays and objects nested deeper than [`MAX_DEPTH`], at `path`.
    #[error("nested deeper than {MAX_DEPTH} levels")]
    TooDeep { path: String },
    /// The object at `path` has the member `name` twice.
    #[error("the member `{name}` is given twice")]
    DuplicateName { path: String, name: String },
    /// A number beyond ±(2^53 − 1), which readers round, at `path`.
    #[error("a number beyond ±{MAX_EXACT_INTEGER}, which JSON readers round")]
    InexactNumber { path: String },
}

impl JsonError {
    /// The JSON path of the problem (`$` for the document as a whole).
    pub fn path(&self) -> &str {
        match self {
            JsonError::TooLarge { .. } | JsonError::Syntax { .. } => "$",
            JsonError::TooDeep { path }
            | JsonError::DuplicateName { path, .. }
            | JsonError::InexactNumber { path } => path,
        }
    }
}

/// Parses `text` (at most `limit` bytes) strictly (see the module's documentation).
pub fn parse(text: &str, limit: usize) -> Result<Value, JsonError> {
    if text.len() > limit {
        return Err(JsonError::TooLarge {
            bytes: text.len(),
            limit,
        });
    }
    let refusal = RefCell::new(None);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let seed = Strict {
        path: "$".to_owned(),
        depth: 0,
        refusal: &refusal,
    };
    let parsed = seed
        .deserialize(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value));
    match parsed {
        Ok(value) => Ok(value),
        Err(e) => Err(refusal.into_inner().unwrap_or_else(|| JsonError::Syntax {
            line: e.line(),
            column: e.column(),
            message: syntax_message(&e),
        })),
    }
}

/// serde_json's message without its " at line L column C" (said apart).
fn syntax_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

/// The path of member `name` inside the object at `path`: `$.a`, or `$["a b"]` when the
/// name is not a plain identifier.
pub fn member_path(path: &str, name: &str) -> String {
    let plain = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !name.starts_with('-');
    if plain {
        format!("{path}.{name}")
    } else {
        let quoted = serde_json::to_string(&crate::config::clip(name)).unwrap_or_default();
        format!("{path}[{quoted}]")
    }
}

/// Reads one value at `path`, `depth` levels down, recording why it refuses in `refusal`.
struct Strict<'r> {
    path: String,
    depth: usize,
    refusal: &'r RefCell<Option<JsonError>>,
}

impl Strict<'_> {
    fn refuse<E: de::Error>(&self, error: JsonError) -> E {
        let message = format!("{}: {error}", error.path());
        self.refusal.borrow_mut().get_or_insert(error);
        E::custom(message)
    }

    fn child(&self, path: String) -> Strict<'_> {
        Strict {
            path,
            depth: self.depth + 1,
            refusal: self.refusal,
        }
    }

    fn deeper<E: de::Error>(&self) -> Result<(), E> {
        if self.depth >= MAX_DEPTH {
            return Err(self.refuse(JsonError::TooDeep {
                path: self.path.clone(),
            }));
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        if v > MAX_EXACT_INTEGER {
            return Err(self.refuse(JsonError::InexactNumber {
                path: self.path.clone(),
            }));
        }
        Ok(Value::from(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        if v.unsigned_abs() > MAX_EXACT_INTEGER {
            return Err(self.refuse(JsonError::InexactNumber {
                path: self.path.clone(),
            }));
        }
        Ok(Value::from(v))
    }

    /// A fraction or an exponent, or an integer beyond 64 bits (which serde_json reads as
    /// the nearest double): kept only within the exact range.
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        match serde_json::Number::from_f64(v) {
            Some(number) if v.abs() <= MAX_EXACT_INTEGER as f64 => Ok(Value::Number(number)),
            _ => Err(self.refuse(JsonError::InexactNumber {
                path: self.path.clone(),
            })),
        }
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.deeper()?;
        let mut items = Vec::new();
        while let Some(item) =
            seq.next_element_seed(self.child(format!("{}[{}]", self.path, items.len())))?
        {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.deeper()?;
        let mut members = Map::new();
        while let Some(name) = map.next_key::<String>()? {
            let path = member_path(&self.path, &name);
            if members.contains_key(&name) {
                return Err(self.refuse(JsonError::DuplicateName {
                    path: self.path.clone(),
                    name: crate::config::clip(&name),
                }));
            }
            let value = map.next_value_seed(self.child(path))?;
            members.insert(name, value);
        }
        Ok(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(text: &str) -> String {
        let error = parse(text, 1 << 20).unwrap_err();
        format!("{}: {error}", error.path())
    }

    #[test]
    fn what_json_allows_and_this_reader_refuses() {
        for (text, expected) in [
            (
                r#"{"ratings":[{"level":"awareness","level":"advanced"}]}"#,
                "$.ratings[0]: the member `level` is given twice",
            ),
            (
                r#"{"a":1,"proof":{},"proof":{}}"#,
                "$: the member `proof` is given twice",
            ),
            (
                r#"{"formatVersion":18446744073709551617}"#,
                "$.formatVersion: a number beyond ±9007199254740991, which JSON readers round",
            ),
            (
                r#"{"n":9007199254740992}"#,
                "$.n: a number beyond ±9007199254740991, which JSON readers round",
            ),
            (
                r#"{"n":-9007199254740992}"#,
                "$.n: a number beyond ±9007199254740991, which JSON readers round",
            ),
            (
                r#"{"odd name":{"x":1e300}}"#,
                "$[\"odd name\"].x: a number beyond ±9007199254740991, which JSON readers round",
            ),
            (
                "{\"a\":1",
                "$: not JSON at line 1, column 6: EOF while parsing an object",
            ),
            (
                "{} {}",
                "$: not JSON at line 1, column 4: trailing characters",
            ),
        ] {
            assert_eq!(refusal(text), expected, "{text}");
        }
    }

    #[test]
    fn what_it_reads_is_what_serde_json_reads() {
        let text = r#"{"a":[1,-2,9007199254740991,-9007199254740991,1.5,-2e3,true,null,"é\u00e9"],"b":{"c":{}}}"#;
        assert_eq!(
            parse(text, 1 << 20).unwrap(),
            serde_json::from_str::<Value>(text).unwrap()
        );
    }

    #[test]
    fn size_and_depth_are_bounded() {
        assert_eq!(
            parse("[1, 2]", 5),
            Err(JsonError::TooLarge { bytes: 6, limit: 5 })
        );
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&deep, 1 << 20).is_ok());
        let deeper = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        let error = parse(&deeper, 1 << 20).unwrap_err();
        assert_eq!(error.path(), format!("${}", "[0]".repeat(MAX_DEPTH)));
        // Far deeper than the parser's own stack allows: refused, not crashed.
        let abyss = "[".repeat(100_000);
        assert!(matches!(
            parse(&abyss, 1 << 20),
            Err(JsonError::TooDeep { .. })
        ));
    }
}
