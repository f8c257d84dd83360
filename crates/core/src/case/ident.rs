//! Identifiers: deterministic UUIDs for export, valid ids and language tags for import, and the
//! RFC 3339 check of the caller's timestamp.

use std::collections::HashSet;

use uuid::Uuid;

use crate::framework::limits::MAX_ID_CHARS;

/// The UUID v5 namespace of CASE documents written by this program: a document's identifier is
/// `UUID v5(NAMESPACE, framework id)`. Fixed forever, or every exported identifier changes.
pub const NAMESPACE: Uuid = Uuid::from_u128(0xb890_5180_1a2a_4934_8e80_a7f6_2d5d_59fb);

/// The identifier of a framework's CASE document.
pub(super) fn document(framework_id: &str) -> Uuid {
    Uuid::new_v5(&NAMESPACE, framework_id.as_bytes())
}

/// The identifier of an object of the document, named by kind and ids, such as
/// `competency:integrity` (ids cannot contain `:`, so names cannot collide).
pub(super) fn object(document: &Uuid, name: &str) -> Uuid {
    Uuid::new_v5(document, name.as_bytes())
}

/// The `urn:uuid:` URI of an identifier (RFC 9562).
pub(super) fn urn(id: &Uuid) -> String {
    format!("urn:uuid:{id}")
}

/// Our id rule: letters, digits, `-`, `_`, `.`; at most [`MAX_ID_CHARS`].
pub(super) fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_ID_CHARS
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// `fr`, `en`, `pt-BR`: two or three letters, then subtags of two to eight letters or digits.
pub(super) fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let primary = parts.next().unwrap_or_default();
    s.len() <= MAX_ID_CHARS
        && (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The nearest valid id: accents dropped from Latin letters, every other character that an id
/// cannot hold turned into `-`, runs of `-` merged, cut to [`MAX_ID_CHARS`]. Empty when nothing
/// is left.
pub(super) fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let folded = fold(c);
        if !folded.is_empty() {
            out.push_str(folded);
        } else if c.is_ascii_alphanumeric() || matches!(c, '.' | '_') {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out = out.trim_matches('-').to_owned();
    out.truncate(MAX_ID_CHARS);
    out.trim_end_matches('-').to_owned()
}

/// A Latin letter with a diacritic (or a ligature) as plain ASCII; empty for any other.
fn fold(c: char) -> &'static str {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "A",
        'ç' => "c",
        'Ç' => "C",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'È' | 'É' | 'Ê' | 'Ë' => "E",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' => "I",
        'ñ' => "n",
        'Ñ' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "O",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' => "Y",
        'æ' => "ae",
        'Æ' => "AE",
        'œ' => "oe",
        'Œ' => "OE",
        'ß' => "ss",
        _ => "",
    }
}

/// Hands out ids that are unique among those already given.
#[derive(Debug, Default)]
pub(super) struct Ids(HashSet<String>);

impl Ids {
    /// The first candidate that is a valid id not yet given, else the first valid one with a
    /// number appended. `fallback`, a valid id, stands in when no candidate is valid.
    pub(super) fn give<'c>(
        &mut self,
        candidates: impl IntoIterator<Item = &'c str>,
        fallback: &'c str,
    ) -> String {
        let mut valid: Vec<&str> = candidates.into_iter().filter(|c| is_id(c)).collect();
        if valid.is_empty() {
            valid.push(fallback);
        }
        let chosen = match valid.iter().find(|c| !self.0.contains(**c)) {
            Some(id) => (*id).to_owned(),
            None => {
                let base = valid.first().copied().unwrap_or("id");
                (2..)
                    .map(|n| {
                        let suffix = format!("-{n}");
                        let mut id = base.to_owned();
                        id.truncate(MAX_ID_CHARS - suffix.len());
                        id + &suffix
                    })
                    .find(|id| !self.0.contains(id))
                    .unwrap_or_default()
            }
        };
        self.0.insert(chosen.clone());
        chosen
    }
}

/// An RFC 3339 date and time: `2025-03-01T09:30:00Z`, `2025-03-01T09:30:00.5+01:00`.
pub(super) fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(range)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let date_ok = (|| {
        let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
        let days = crate::time::days_in_month(year, month)?;
        let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
        let separators = b[4] == b'-'
            && b[7] == b'-'
            && matches!(b[10], b'T' | b't')
            && b[13] == b':'
            && b[16] == b':';
        Some(separators && (1..=days).contains(&day) && hour < 24 && minute < 60 && second <= 60)
    })()
    .unwrap_or(false);
    if !date_ok {
        return false;
    }
    let mut rest = &s[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let end = fraction
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(fraction.len());
        if end == 0 {
            return false;
        }
        rest = &fraction[end..];
    }
    match rest.as_bytes() {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            let all_digits = [h1, h2, m1, m2].iter().all(|d| d.is_ascii_digit());
            all_digits && (h1 - b'0') * 10 + (h2 - b'0') < 24 && (m1 - b'0') * 10 + (m2 - b'0') < 60
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_keeps_what_an_id_can_hold() {
        for (input, expected) in [
            ("CCSS.Math.Content.6.RP.A", "CCSS.Math.Content.6.RP.A"),
            ("MD Table", "MD-Table"),
            ("  Référentiel — œuvre ", "Referentiel-oeuvre"),
            ("数学", ""),
            ("a//b", "a-b"),
        ] {
            assert_eq!(slug(input), expected, "slug({input:?})");
        }
        assert_eq!(slug(&"x".repeat(100)).len(), MAX_ID_CHARS);
    }

    #[test]
    fn ids_are_unique() {
        let mut ids = Ids::default();
        assert_eq!(ids.give(["a b", "a"], "item"), "a");
        assert_eq!(ids.give(["a"], "item"), "a-2");
        assert_eq!(ids.give(["", "x y"], "item"), "item");
        assert_eq!(ids.give([], "item"), "item-2");
        let long = "y".repeat(MAX_ID_CHARS);
        assert_eq!(ids.give([long.as_str()], "item"), long);
        let second = ids.give([long.as_str()], "item");
        assert!(second.ends_with("-2") && second.len() == MAX_ID_CHARS);
    }

    #[test]
    fn rfc3339_timestamps() {
        for ok in [
            "2025-03-01T09:30:00Z",
            "2024-02-29T23:59:60+01:00",
            "2025-03-01t09:30:00.123z",
            "2025-03-01T09:30:00-05:30",
        ] {
            assert!(is_rfc3339(ok), "{ok}");
        }
        for bad in [
            "",
            "2025-03-01",
            "2025-03-01 09:30:00Z",
            "2025-02-29T09:30:00Z",
            "2025-13-01T09:30:00Z",
            "2025-03-01T24:00:00Z",
            "2025-03-01T09:30:00",
            "2025-03-01T09:30:00.Z",
            "2025-03-01T09:30:00+0100",
            "2025-03-01T09:30:00+01:60",
            "２０２５-03-01T09:30:00Z",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
    }
}
