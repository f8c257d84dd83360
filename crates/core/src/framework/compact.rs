//! A validated framework in a compact form of the program's own, for the bundled copy in the
//! widget's first download: decoding it takes a few hundred bytes of code where reading and
//! checking a JSON document takes tens of kilobytes (the JSON reader is fetched only when a
//! framework arrives as JSON).
//!
//! Only [`encode`] writes it, from a [`Framework`] that passed every check, at build time;
//! [`decode`] gives back the same framework. The fields come in the order of the types'
//! declarations: a list is its length then its items, a [`LocalizedText`] a list of
//! (language, text) pairs. The numbers (lengths, kinds, flags: unsigned LEB128) come first,
//! led by their length in bytes; then the strings, each in UTF-8 ended by a NUL byte, one
//! after the other: kept together, the texts compress better than the JSON document (10.8
//! KB brotli rather than 11.4 for the bundled framework in French). A framework with a NUL
//! in a text has no compact form. There is no version: the form lives and dies with one
//! build.

use super::{Competency, Framework, Group, Level, Position, Requirement, Resource, ResourceKind};
use crate::text::LocalizedText;

/// The resource kinds by their number in the compact form ([`kind_number`]).
const KINDS: [ResourceKind; 5] = [
    ResourceKind::ELearning,
    ResourceKind::Course,
    ResourceKind::OnTheJob,
    ResourceKind::Reading,
    ResourceKind::Mentoring,
];

/// A resource kind's number, its place in [`KINDS`]: a match, so that a new kind does not
/// compile before it has a number (and a place there).
fn kind_number(kind: ResourceKind) -> u64 {
    match kind {
        ResourceKind::ELearning => 0,
        ResourceKind::Course => 1,
        ResourceKind::OnTheJob => 2,
        ResourceKind::Reading => 3,
        ResourceKind::Mentoring => 4,
    }
}

/// The framework in the compact form, unless one of its texts holds a NUL character.
pub fn encode(framework: &Framework) -> Option<Vec<u8>> {
    let mut w = Writer::default();
    let f = framework;
    w.str(&f.id);
    w.str(&f.version);
    w.str(&f.default_language);
    w.list(&f.languages, |w, l| w.str(l));
    w.text(&f.title);
    w.text(&f.description);
    w.text(&f.source);
    w.list(&f.levels, |w, l| {
        w.str(&l.id);
        w.text(&l.label);
        w.text(&l.description);
    });
    w.list(&f.groups, |w, g| {
        w.str(&g.id);
        w.text(&g.name);
        w.text(&g.description);
    });
    w.list(&f.competencies, |w, c| {
        w.str(&c.id);
        w.str(&c.group);
        w.text(&c.name);
        w.text(&c.definition);
        w.list(&c.indicators, |w, level| w.list(level, Writer::text));
        w.list(&c.resources, |w, r| {
            w.text(&r.title);
            w.num(kind_number(r.kind));
            w.option(r.link.as_deref(), Writer::str);
            w.option(r.duration_hours, |w, hours| w.num(hours));
        });
    });
    w.list(&f.positions, |w, p| {
        w.str(&p.id);
        w.text(&p.title);
        w.text(&p.description);
        w.text(&p.family);
        w.list(&p.requirements, |w, r| {
            w.str(&r.competency);
            w.str(&r.level);
            w.num(u64::from(r.critical));
        });
    });
    if w.text_with_nul {
        return None;
    }
    let mut bytes = Writer::default();
    bytes.num(w.numbers.len() as u64);
    let mut bytes = bytes.numbers;
    bytes.extend(w.numbers);
    bytes.extend(w.text);
    Some(bytes)
}

/// The framework [`encode`] wrote, or none if `bytes` are not exactly that.
pub fn decode(bytes: &[u8]) -> Option<Framework> {
    let mut r = Reader {
        numbers: bytes,
        text: &[],
    };
    let length = usize::try_from(r.num()?).ok()?;
    (r.numbers, r.text) = r.numbers.split_at_checked(length)?;
    let framework = Framework {
        id: r.str()?,
        version: r.str()?,
        default_language: r.str()?,
        languages: r.list(Reader::str)?,
        title: r.text()?,
        description: r.text()?,
        source: r.text()?,
        levels: r.list(|r| {
            Some(Level {
                id: r.str()?,
                label: r.text()?,
                description: r.text()?,
            })
        })?,
        groups: r.list(|r| {
            Some(Group {
                id: r.str()?,
                name: r.text()?,
                description: r.text()?,
            })
        })?,
        competencies: r.list(|r| {
            Some(Competency {
                id: r.str()?,
                group: r.str()?,
                name: r.text()?,
                definition: r.text()?,
                indicators: r.list(|r| r.list(Reader::text))?,
                resources: r.list(|r| {
                    Some(Resource {
                        title: r.text()?,
                        kind: *KINDS.get(usize::try_from(r.num()?).ok()?)?,
                        link: r.option(Reader::str)?,
                        duration_hours: r.option(Reader::num)?,
                    })
                })?,
            })
        })?,
        positions: r.list(|r| {
            Some(Position {
                id: r.str()?,
                title: r.text()?,
                description: r.text()?,
                family: r.text()?,
                requirements: r.list(|r| {
                    Some(Requirement {
                        competency: r.str()?,
                        level: r.str()?,
                        critical: r.num()? != 0,
                    })
                })?,
            })
        })?,
    };
    (r.numbers.is_empty() && r.text.is_empty()).then_some(framework)
}

#[derive(Default)]
struct Writer {
    numbers: Vec<u8>,
    text: Vec<u8>,
    /// Whether a string held a NUL, which ends strings here.
    text_with_nul: bool,
}

impl Writer {
    fn num(&mut self, mut n: u64) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.numbers.push(byte);
                return;
            }
            self.numbers.push(byte | 0x80);
        }
    }

    fn str(&mut self, s: &str) {
        self.text_with_nul |= s.contains('\0');
        self.text.extend_from_slice(s.as_bytes());
        self.text.push(0);
    }

    fn text(&mut self, text: &LocalizedText) {
        self.num(text.iter().count() as u64);
        for (language, text) in text.iter() {
            self.str(language);
            self.str(text);
        }
    }

    fn list<T>(&mut self, items: &[T], mut item: impl FnMut(&mut Self, &T)) {
        self.num(items.len() as u64);
        for value in items {
            item(self, value);
        }
    }

    fn option<T>(&mut self, value: Option<T>, some: impl FnOnce(&mut Self, T)) {
        match value {
            None => self.num(0),
            Some(value) => {
                self.num(1);
                some(self, value);
            }
        }
    }
}

struct Reader<'a> {
    /// The numbers not read yet.
    numbers: &'a [u8],
    /// The strings' bytes not read yet.
    text: &'a [u8],
}

impl Reader<'_> {
    fn num(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let (&byte, rest) = self.numbers.split_first()?;
            self.numbers = rest;
            n |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn str(&mut self) -> Option<String> {
        let len = self.text.iter().position(|b| *b == 0)?;
        let (text, rest) = self.text.split_at(len);
        self.text = &rest[1..];
        Some(std::str::from_utf8(text).ok()?.to_owned())
    }

    fn text(&mut self) -> Option<LocalizedText> {
        LocalizedText::from_ordered(self.list(|r| Some((r.str()?, r.str()?)))?)
    }

    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        // No allocation ahead from the length alone: it may be wrong. A loop rather than a
        // collect, whose adapter is larger code for each type of item.
        let mut items = Vec::new();
        for _ in 0..self.num()? {
            items.push(item(self)?);
        }
        Some(items)
    }

    fn option<T>(&mut self, some: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.num()? {
            0 => Some(None),
            1 => some(self).map(Some),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::bundled;

    #[test]
    fn the_bundled_framework_comes_back_equal_in_both_its_forms() {
        for json in [
            bundled::FRAMEWORK_JSON,
            bundled::FRAMEWORK_DEFAULT_LANGUAGE_JSON,
        ] {
            let framework = Framework::from_json(json).unwrap();
            let bytes = encode(&framework).unwrap();
            assert_eq!(decode(&bytes), Some(framework));
            // Smaller than the JSON it stands for.
            assert!(
                bytes.len() < json.len(),
                "{} of {}",
                bytes.len(),
                json.len()
            );
        }
    }

    #[test]
    fn every_resource_kind_and_optional_field_comes_back() {
        let mut framework = bundled::framework().unwrap();
        let resources = &mut framework.competencies[0].resources;
        let first = resources[0].clone();
        resources.clear();
        for (n, kind) in KINDS.into_iter().enumerate() {
            assert_eq!(kind_number(kind), n as u64, "{kind:?} at its number");
            resources.push(Resource {
                kind,
                link: (n % 2 == 0).then(|| format!("https://example.org/{n}")),
                duration_hours: (n % 2 == 1).then_some(u64::MAX - n as u64),
                ..first.clone()
            });
        }
        framework.positions[0].requirements[0].critical = true;
        framework.positions[0].requirements[1].critical = false;
        assert_eq!(decode(&encode(&framework).unwrap()), Some(framework));
    }

    #[test]
    fn a_text_with_a_nul_has_no_compact_form() {
        let mut framework = bundled::framework().unwrap();
        framework.competencies[3].name = LocalizedText::from([("fr", "avant\0après")]);
        assert_eq!(encode(&framework), None);
    }

    #[test]
    fn bytes_cut_short_or_followed_by_more_are_refused() {
        let bytes = encode(&bundled::framework().unwrap()).unwrap();
        for len in [0, 1, bytes.len() / 2, bytes.len() - 1] {
            assert_eq!(decode(&bytes[..len]), None, "cut at {len}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None);
        // A text that is not UTF-8: the first "é" made a byte no UTF-8 has.
        let mut broken = bytes;
        let at = broken.windows(2).position(|w| w == [0xc3, 0xa9]).unwrap();
        broken[at] = 0xff;
        assert_eq!(decode(&broken), None);
    }
}
