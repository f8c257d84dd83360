//! Problems found in a document, as data: each located by its JSON path, all of them (up to
//! a limit) rather than only the first. Frameworks and configurations each have their kinds
//! of problem ([`crate::framework::ProblemKind`], [`crate::config::ConfigProblemKind`]); each
//! interface words them in its own language, `Display` in English for the command line.

use std::fmt;

/// Most problems reported for one document; past this the list says it was cut.
pub const MAX_PROBLEMS: usize = 500;

/// One problem, located by a JSON path such as `$.competencies[3].name.fr`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<K> {
    pub path: String,
    pub kind: K,
}

/// Why a document was refused: every problem found, not only the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused<K> {
    pub problems: Vec<Located<K>>,
    /// More problems were found than [`MAX_PROBLEMS`]; the rest are left out.
    pub truncated: bool,
}

impl<K: fmt::Display> fmt::Display for Located<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.kind)
    }
}

impl<K: fmt::Display> fmt::Display for Refused<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        if self.truncated {
            write!(f, "\n(more problems were found and left out)")?;
        }
        Ok(())
    }
}

impl<K: fmt::Debug + fmt::Display> std::error::Error for Refused<K> {}

/// Collects problems while a document is read and checked, up to [`MAX_PROBLEMS`].
#[derive(Debug)]
pub(crate) struct Problems<K> {
    list: Vec<Located<K>>,
    truncated: bool,
}

impl<K> Default for Problems<K> {
    fn default() -> Self {
        Problems {
            list: Vec::new(),
            truncated: false,
        }
    }
}

impl<K> Problems<K> {
    pub(crate) fn push(&mut self, path: impl Into<String>, kind: K) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(Located {
                path: path.into(),
                kind,
            });
        } else {
            self.truncated = true;
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub(crate) fn into_error(self) -> Refused<K> {
        Refused {
            problems: self.list,
            truncated: self.truncated,
        }
    }

    pub(crate) fn into_result<T>(self, value: T) -> Result<T, Refused<K>> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self.into_error())
        }
    }
}
