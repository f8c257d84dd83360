//! The framework shipped inside the app and the command-line tool, so both work offline.

use crate::framework::{Framework, FrameworkError};

/// The bundled framework document, as shipped: `frameworks/customs.json` without the
/// whitespace between its tokens (see `build.rs`).
pub const FRAMEWORK_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/customs.json"));

/// The same document with each text in its default language alone, `languages` naming that
/// one alone: what the widget's first download carries. The widget fetches the whole
/// document (`frameworks/customs.json`, shipped as `customs.json`) for another language and
/// for a signature, whose framework hash is the whole document's.
pub const FRAMEWORK_DEFAULT_LANGUAGE_JSON: &str =
    include_str!(concat!(env!("OUT_DIR"), "/customs.default-language.json"));

/// The FNV-1a digest of `frameworks/customs.json`, byte for byte (written by `build.rs`).
const FRAMEWORK_FILE_DIGEST: u64 = include!(concat!(env!("OUT_DIR"), "/customs.digest.rs"));

/// Whether `text` is `frameworks/customs.json` as this build carries it, byte for byte: a
/// copy fetched whole from beside the app is taken (and signed against) only then, never one
/// of another version of the app (not a defence: whoever can change that file can change
/// the app).
pub fn is_this_builds_file(text: &str) -> bool {
    crate::fnv::fnv1a(text.bytes()) == FRAMEWORK_FILE_DIGEST
}

/// Loads the bundled framework. The test suite proves it valid, so this fails only if a build
/// shipped a broken document.
pub fn framework() -> Result<Framework, FrameworkError> {
    Framework::from_json(FRAMEWORK_JSON)
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::text::LocalizedText;

    const FILE: &str = include_str!("../frameworks/customs.json");

    /// What ships is the indented file, token for token: only whitespace outside strings went.
    #[test]
    fn the_shipped_framework_is_the_file_without_its_indentation() {
        let parse = |text: &str| serde_json::from_str::<Value>(text).unwrap();
        assert_eq!(parse(FRAMEWORK_JSON), parse(FILE));
        assert!(FRAMEWORK_JSON.len() * 4 < FILE.len() * 3);
        assert!(!FRAMEWORK_JSON.contains('\n'));
        // Spaces inside texts stay.
        assert!(FRAMEWORK_JSON.contains("\"Formé\""));
        assert!(FRAMEWORK_JSON.contains("Intégrité et déontologie"));
    }

    /// The default language's document is the whole one with every other language's texts
    /// taken out, and nothing else: the same framework, read in that language.
    #[test]
    fn the_default_language_document_is_the_whole_one_in_that_language() {
        let whole = framework().unwrap();
        let first = Framework::from_json(FRAMEWORK_DEFAULT_LANGUAGE_JSON).unwrap();
        assert_eq!(
            whole.languages.len(),
            2,
            "the bundled framework has two languages"
        );
        assert_eq!(
            first.languages,
            std::slice::from_ref(&whole.default_language)
        );
        assert!(FRAMEWORK_DEFAULT_LANGUAGE_JSON.len() * 3 < FRAMEWORK_JSON.len() * 2);
        assert!(!FRAMEWORK_DEFAULT_LANGUAGE_JSON.contains("Integrity and ethics"));
        assert_eq!(
            first,
            Framework {
                languages: first.languages.clone(),
                ..in_language(&whole, &whole.default_language)
            }
        );
    }

    /// `framework` with each text in `language` alone.
    fn in_language(framework: &Framework, language: &str) -> Framework {
        let text = |t: &LocalizedText| {
            LocalizedText::new(
                t.iter()
                    .filter(|(l, _)| *l == language)
                    .map(|(l, t)| (l.to_owned(), t.to_owned()))
                    .collect(),
            )
        };
        let mut f = framework.clone();
        for t in [&mut f.title, &mut f.description, &mut f.source] {
            *t = text(t);
        }
        for level in &mut f.levels {
            level.label = text(&level.label);
            level.description = text(&level.description);
        }
        for group in &mut f.groups {
            group.name = text(&group.name);
            group.description = text(&group.description);
        }
        for c in &mut f.competencies {
            c.name = text(&c.name);
            c.definition = text(&c.definition);
            for indicator in c.indicators.iter_mut().flatten() {
                *indicator = text(indicator);
            }
            for resource in &mut c.resources {
                resource.title = text(&resource.title);
            }
        }
        for p in &mut f.positions {
            p.title = text(&p.title);
            p.description = text(&p.description);
            p.family = text(&p.family);
        }
        f
    }

    /// The file is taken as it is; the same document written otherwise, or one character
    /// changed, is not.
    #[test]
    fn only_the_file_byte_for_byte_is_this_builds() {
        assert!(is_this_builds_file(FILE));
        assert!(!is_this_builds_file(FRAMEWORK_JSON));
        assert!(!is_this_builds_file(&FILE.replacen("Formé", "Forme", 1)));
        assert!(!is_this_builds_file(&format!("{FILE} ")));
    }
}
