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
//!   is read, for the format's own reader to judge (none of our formats has one), when every
//!   reader reads it alike: at most 15 significant digits and an exponent within ±22, which
//!   a double holds after one correctly rounded step.
//! - **Bounded**: the size is checked before parsing, the nesting while parsing (never
//!   deeper than [`MAX_DEPTH`]).
//!
//! Each refusal says where, with the JSON path of the problem (`$.ratings[3].level`).

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
    /// A fraction or an exponent with more than 15 significant digits or an exponent beyond
    /// ±22, at `path`: JSON readers do not all round it alike.
    #[error("a number with more digits, or a larger exponent, than JSON readers all read alike")]
    ImpreciseNumber { path: String },
}

impl JsonError {
    /// The JSON path of the problem (`$` for the document as a whole).
    pub fn path(&self) -> &str {
        match self {
            JsonError::TooLarge { .. } | JsonError::Syntax { .. } => "$",
            JsonError::TooDeep { path }
            | JsonError::DuplicateName { path, .. }
            | JsonError::InexactNumber { path }
            | JsonError::ImpreciseNumber { path } => path,
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
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    let value = parser.value("$", 0)?;
    parser.whitespace();
    if parser.at < parser.bytes.len() {
        return Err(parser.syntax("trailing characters"));
    }
    Ok(value)
}

/// The double a fraction or an exponent `text` (JSON's grammar, already checked) stands for,
/// when one correctly rounded step gives it: at most 15 significant digits (less than 2^53)
/// and a power of ten within ±22 (exact in a double), as every reader computes it (Clinger's
/// fast path). `Err(true)` for a number beyond ±(2^53 − 1) whatever its digits, `Err(false)`
/// for one readers do not all read alike.
fn exact_double(text: &str) -> Result<f64, bool> {
    const POWERS: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        // An exponent beyond an i64 is as good as infinite.
        Some(at) => {
            let exponent = &text[at + 1..];
            let huge = if exponent.starts_with('-') { -1 } else { 1 } << 40;
            (&text[..at], exponent.parse::<i64>().unwrap_or(huge))
        }
        None => (text, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let (mut significand, mut count) = (0u64, 0i64);
    for digit in whole
        .bytes()
        .chain(fraction.bytes())
        .skip_while(|&b| b == b'0')
    {
        if count < 15 {
            significand = significand * 10 + u64::from(digit - b'0');
        }
        count += 1;
    }
    let exponent = exponent.saturating_sub(fraction.len() as i64);
    if count == 0 {
        return Ok(if negative { -0.0 } else { 0.0 });
    }
    // Its first digit stands for 10^16 or more.
    if exponent.saturating_add(count - 1) >= 16 {
        return Err(true);
    }
    let power = match usize::try_from(exponent.unsigned_abs()) {
        Ok(n) if count <= 15 => POWERS.get(n).copied().ok_or(false)?,
        _ => return Err(false),
    };
    let magnitude = if exponent < 0 {
        significand as f64 / power
    } else {
        significand as f64 * power
    };
    Ok(if negative { -magnitude } else { magnitude })
}

/// `value` as compact JSON text, exactly as `serde_json::to_string` writes it (a property
/// test holds it to that): the app's one writer of JSON values, so that the page carries no
/// serializer of serde's for them.
pub fn to_string(value: &Value) -> String {
    let mut out = String::new();
    write(value, &mut out);
    out
}

fn write(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        // serde_json's own digits, the serializer's.
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => quote(s, out),
        Value::Array(items) => {
            out.push('[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (n, (name, item)) in members.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                quote(name, out);
                out.push(':');
                write(item, out);
            }
            out.push('}');
        }
    }
}

/// `text` as a JSON string, escaped as serde_json escapes it: `"`, `\` and the control
/// characters only (`\n` and its kind where JSON has a short escape).
fn quote(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                out.push_str("\\u00");
                out.push(char::from(HEX[c as usize >> 4]));
                out.push(char::from(HEX[c as usize & 0xf]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
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
        let mut quoted = String::new();
        quote(&crate::config::clip(name), &mut quoted);
        format!("{path}[{quoted}]")
    }
}

/// A recursive descent over the text, one value at a time, each at its JSON path. Syntax
/// errors say where as serde_json does (the line, and the column of the offending byte,
/// counted in bytes; at the end of the text, the bytes of its last line), with its words.
struct Parser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
}

impl Parser<'_> {
    /// A syntax error at the byte being read (or at the end of the text).
    fn syntax(&self, message: &str) -> JsonError {
        let next = usize::from(self.at < self.bytes.len());
        self.error_at(self.at + next, message)
    }

    /// A syntax error found once the bytes up to `self.at` were read.
    fn after(&self, message: &str) -> JsonError {
        self.error_at(self.at, message)
    }

    /// A syntax error at the end of the first `end` bytes: its line, and how many bytes of
    /// that line they hold.
    fn error_at(&self, end: usize, message: &str) -> JsonError {
        let before = &self.bytes[..end.min(self.bytes.len())];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |n| n + 1);
        JsonError::Syntax {
            line: 1 + before.iter().filter(|&&b| b == b'\n').count(),
            column: before.len() - line_start,
            message: message.to_owned(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// The next byte after whitespace, which must be there (else "EOF while parsing `what`").
    fn next_token(&mut self, what: &str) -> Result<u8, JsonError> {
        self.whitespace();
        self.peek()
            .ok_or_else(|| self.syntax(&format!("EOF while parsing {what}")))
    }

    /// One value at `path`, inside `depth` arrays and objects.
    fn value(&mut self, path: &str, depth: usize) -> Result<Value, JsonError> {
        match self.next_token("a value")? {
            b'{' => self.object(path, depth),
            b'[' => self.array(path, depth),
            b'"' => self.string().map(Value::String),
            b't' => self.word("true", Value::Bool(true)),
            b'f' => self.word("false", Value::Bool(false)),
            b'n' => self.word("null", Value::Null),
            b'-' | b'0'..=b'9' => self.number(path),
            _ => Err(self.syntax("expected value")),
        }
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, JsonError> {
        for &expected in word.as_bytes() {
            match self.peek() {
                Some(b) if b == expected => self.at += 1,
                Some(_) => return Err(self.syntax("expected ident")),
                None => return Err(self.syntax("EOF while parsing a value")),
            }
        }
        Ok(value)
    }

    fn deeper(&self, path: &str, depth: usize) -> Result<(), JsonError> {
        if depth >= MAX_DEPTH {
            return Err(JsonError::TooDeep {
                path: path.to_owned(),
            });
        }
        Ok(())
    }

    fn array(&mut self, path: &str, depth: usize) -> Result<Value, JsonError> {
        self.deeper(path, depth)?;
        self.at += 1;
        let mut items = Vec::new();
        if self.next_token("a list")? == b']' {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            let item = self.value(&format!("{path}[{}]", items.len()), depth + 1)?;
            items.push(item);
            match self.next_token("a list")? {
                b',' => {
                    self.at += 1;
                    if self.next_token("a value")? == b']' {
                        return Err(self.syntax("trailing comma"));
                    }
                }
                b']' => {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.syntax("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, path: &str, depth: usize) -> Result<Value, JsonError> {
        self.deeper(path, depth)?;
        self.at += 1;
        let mut members = Map::new();
        if self.next_token("an object")? == b'}' {
            self.at += 1;
            return Ok(Value::Object(members));
        }
        loop {
            if self.next_token("an object")? != b'"' {
                return Err(self.syntax("key must be a string"));
            }
            let name = self.string()?;
            if members.contains_key(&name) {
                return Err(JsonError::DuplicateName {
                    path: path.to_owned(),
                    name: crate::config::clip(&name),
                });
            }
            if self.next_token("an object")? != b':' {
                return Err(self.syntax("expected `:`"));
            }
            self.at += 1;
            let value = self.value(&member_path(path, &name), depth + 1)?;
            members.insert(name, value);
            match self.next_token("an object")? {
                b',' => {
                    self.at += 1;
                    if self.next_token("a value")? == b'}' {
                        return Err(self.syntax("trailing comma"));
                    }
                }
                b'}' => {
                    self.at += 1;
                    return Ok(Value::Object(members));
                }
                _ => return Err(self.syntax("expected `,` or `}`")),
            }
        }
    }

    /// A string, from its opening quote.
    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let run = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // Only ASCII bytes end a run: it is whole characters.
            out.push_str(&self.text[run..self.at]);
            match self.peek() {
                None => return Err(self.syntax("EOF while parsing a string")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    out.push(self.escape()?);
                }
                Some(_) => {
                    return Err(self.syntax(
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ));
                }
            }
        }
    }

    /// The character an escape stands for, from the byte after its backslash.
    fn escape(&mut self) -> Result<char, JsonError> {
        let Some(b) = self.peek() else {
            return Err(self.syntax("EOF while parsing a string"));
        };
        self.at += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex()?;
                let code = match first {
                    0xD800..=0xDBFF => {
                        for expected in [b'\\', b'u'] {
                            match self.peek() {
                                None => return Err(self.syntax("EOF while parsing a string")),
                                Some(b) => {
                                    self.at += 1;
                                    if b != expected {
                                        return Err(self.after("unexpected end of hex escape"));
                                    }
                                }
                            }
                        }
                        let second = self.hex()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err(self.after("lone leading surrogate in hex escape"));
                        }
                        0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    }
                    0xDC00..=0xDFFF => {
                        return Err(self.after("lone leading surrogate in hex escape"));
                    }
                    code => code,
                };
                char::from_u32(code).ok_or_else(|| self.after("invalid unicode code point"))?
            }
            _ => return Err(self.after("invalid escape")),
        })
    }

    /// Four hexadecimal digits (refused, as serde_json does, past the fourth).
    fn hex(&mut self) -> Result<u32, JsonError> {
        let Some(digits) = self.bytes.get(self.at..self.at + 4) else {
            self.at = self.bytes.len();
            return Err(self.syntax("EOF while parsing a string"));
        };
        let code = digits.iter().try_fold(0, |code, &b| {
            char::from(b).to_digit(16).map(|digit| code * 16 + digit)
        });
        self.at += 4;
        code.ok_or_else(|| self.after("invalid escape"))
    }

    /// A number at `path`: an integer within ±(2^53 − 1) as one, a fraction or an exponent
    /// as the nearest double when within that range; anything beyond is refused.
    fn number(&mut self, path: &str) -> Result<Value, JsonError> {
        let start = self.at;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let digits = |p: &mut Self| {
            let from = p.at;
            while let Some(b'0'..=b'9') = p.peek() {
                p.at += 1;
            }
            p.at - from
        };
        match self.peek() {
            Some(b'0') => {
                self.at += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.syntax("invalid number"));
                }
            }
            Some(b'1'..=b'9') => {
                digits(self);
            }
            None => return Err(self.syntax("EOF while parsing a value")),
            Some(_) => return Err(self.syntax("invalid number")),
        }
        let integer_end = self.at;
        if self.peek() == Some(b'.') {
            self.at += 1;
            if digits(self) == 0 {
                return Err(self.number_end());
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if digits(self) == 0 {
                return Err(self.number_end());
            }
        }
        let inexact = || JsonError::InexactNumber {
            path: path.to_owned(),
        };
        let text = &self.text[start..self.at];
        if integer_end == self.at {
            let magnitude = &self.text[start + usize::from(negative)..self.at];
            let value = magnitude
                .parse::<u64>()
                .ok()
                .filter(|&n| n <= MAX_EXACT_INTEGER);
            return match (value, negative) {
                (None, _) => Err(inexact()),
                // As serde_json reads it: minus zero is a double.
                (Some(0), true) => Ok(Value::from(-0.0)),
                (Some(n), true) => Ok(Value::from(-(n as i64))),
                (Some(n), false) => Ok(Value::from(n)),
            };
        }
        let value = exact_double(text).map_err(|beyond| {
            if beyond {
                inexact()
            } else {
                JsonError::ImpreciseNumber {
                    path: path.to_owned(),
                }
            }
        })?;
        match serde_json::Number::from_f64(value) {
            Some(number) if value.abs() <= MAX_EXACT_INTEGER as f64 => Ok(Value::Number(number)),
            _ => Err(inexact()),
        }
    }

    /// A number cut short: at the end of the text, or before a byte that cannot follow.
    fn number_end(&self) -> JsonError {
        if self.at < self.bytes.len() {
            self.syntax("invalid number")
        } else {
            self.syntax("EOF while parsing a value")
        }
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
                r#"{"x":[1.5,0.123456789012345,0.1234567890123456]}"#,
                "$.x[2]: a number with more digits, or a larger exponent, than JSON readers all read alike",
            ),
            (
                r#"{"x":1e-23}"#,
                "$.x: a number with more digits, or a larger exponent, than JSON readers all read alike",
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
        let text = r#"{"a":[1,-2,9007199254740991,-9007199254740991,1.5,-2e3,0e99999999999999999999,-0,0.1e-21,true,null,"é\u00e9"],"b":{"c":{}}}"#;
        assert_eq!(
            parse(text, 1 << 20).unwrap(),
            serde_json::from_str::<Value>(text).unwrap()
        );
    }

    /// Whatever serde_json reads, this reader reads alike or refuses for its own rules only
    /// (a name twice, an inexact number, nesting); whatever serde_json refuses, so does it.
    fn agrees_with_serde_json(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let theirs = serde_json::from_str::<Value>(text);
        match (parse(text, 1 << 20), theirs) {
            (Ok(ours), Ok(theirs)) => proptest::prop_assert_eq!(ours, theirs, "{}", text),
            (Ok(ours), Err(e)) => {
                proptest::prop_assert!(false, "{text}: read {ours} where serde_json says {e}")
            }
            (Err(JsonError::Syntax { .. }), Ok(_)) => {
                proptest::prop_assert!(false, "{text}: refused as syntax, yet JSON")
            }
            // The same words at the same place.
            (Err(ours @ JsonError::Syntax { .. }), Err(theirs)) => {
                proptest::prop_assert_eq!(ours, serde_syntax(&theirs), "{:?}", text)
            }
            (Err(_), _) => {}
        }
        Ok(())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4_000))]

        /// Texts made of JSON's own characters, most of them not JSON.
        #[test]
        fn any_text_is_read_as_serde_json_reads_it(
            text in "[{}\\[\\]\":,0-9\\-.eE+\\\\/ubfnrtalsé\u{1F600}\u{7f} \n\t\r\u{0}\u{1f}]{0,40}"
        ) {
            agrees_with_serde_json(&text)?;
        }

        /// Documents cut short, or with a character put in: where and why they are refused.
        #[test]
        fn broken_documents_are_refused_as_serde_json_refuses_them(
            value in json_value(),
            cut in proptest::prelude::any::<proptest::sample::Index>(),
            put in "[{}\\[\\]\":, a0\\-.e\\\\]",
        ) {
            let text = serde_json::to_string_pretty(&value).unwrap();
            let mut at = cut.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            agrees_with_serde_json(&text[..at])?;
            agrees_with_serde_json(&format!("{}{put}{}", &text[..at], &text[at..]))?;
        }

        /// Values written as serde_json writes them.
        #[test]
        fn values_are_written_as_serde_json_writes_them(value in json_value()) {
            proptest::prop_assert_eq!(to_string(&value), serde_json::to_string(&value).unwrap());
        }

        /// Documents serde_json writes, compact and indented.
        #[test]
        fn what_serde_json_writes_is_read_back(value in json_value()) {
            agrees_with_serde_json(&value.to_string())?;
            agrees_with_serde_json(&serde_json::to_string_pretty(&value).unwrap())?;
        }
    }

    /// Any JSON value, aimed at this reader's edges: 64-bit integers either side of the exact
    /// range, short fractions, control characters, escapes and any Unicode in strings and
    /// names (`tests/mutate`'s `any_json`, in another test crate, has none of these).
    fn json_value() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            (-1_000_000i64..1_000_000, 0u32..6)
                .prop_map(|(n, shift)| Value::from(n as f64 / 10f64.powi(shift as i32))),
            "\\PC{0,12}".prop_map(Value::from),
            "[\u{0}-\u{1f}\"\\\\\u{7f}-\u{a0}\u{2028}\u{fffd}\u{10ffff}a]{0,8}"
                .prop_map(Value::from),
        ];
        leaf.prop_recursive(6, 64, 8, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                proptest::collection::btree_map("\\PC{0,6}", inner, 0..8)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// serde_json's syntax error, as this reader words it.
    fn serde_syntax(error: &serde_json::Error) -> JsonError {
        let message = error.to_string();
        JsonError::Syntax {
            line: error.line(),
            column: error.column(),
            message: message[..message.rfind(" at line ").unwrap_or(message.len())].to_owned(),
        }
    }

    #[test]
    fn syntax_errors_say_where_as_serde_json_does() {
        for text in [
            "",
            " ",
            "{",
            "[",
            "[1",
            "[1,",
            "{\"a\"",
            "{\"a\":",
            "{\"a\" 1}",
            "{1:2}",
            "[1 2]",
            "{\"a\":1 \"b\":2}",
            "\"abc",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"a\u{1}b\"",
            "tru",
            "trux",
            "nul",
            "01",
            "-",
            "1.",
            "1.e2",
            "1e",
            "1e+",
            "-a",
            "+1",
            ".5",
            "[1,]",
            "{\"a\":1,}",
            "{\"a\":1,",
            "{\"a\":1, ",
            "{\"a\":1,2}",
            "{\"a\":1",
            "{\"a\"",
            "\n\n  [\n1,\n",
            "{} {}",
            "[]]",
            "\"é\" x",
            "[\"a\" \"b\"]",
            "{\"a\":[1,{\"b\":tru}]}",
        ] {
            let theirs = serde_json::from_str::<Value>(text).unwrap_err();
            assert_eq!(parse(text, 1 << 20), Err(serde_syntax(&theirs)), "{text:?}");
        }
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
