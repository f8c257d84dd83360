//! Generates the translations module (`$OUT_DIR/i18n.rs`, included by `src/i18n.rs`) from
//! `locales/*.json`: one function per plain text, and one struct per text with placeholders
//! (`{{ name }}`), whose fields are the placeholders. A key the app names that no locale
//! has, or a placeholder it forgets or invents, is a compile error; locale files whose keys
//! or placeholders differ are refused here, so a text missing from one language is a build
//! error, not a silent fallback.
//!
//! Also writes the bundled framework in the compact form the widget's first download carries
//! (`write_bundled_framework`).

use std::collections::{BTreeMap, BTreeSet};
use std::error::Error;
use std::fmt::Write as _;
use std::path::PathBuf;

/// French is the default: the first users are francophone.
const LOCALES: [&str; 2] = ["fr", "en"];

/// A text cut at its placeholders: literal parts and placeholder names, in order.
enum Part {
    Text(String),
    Placeholder(String),
}

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let mut texts: Vec<BTreeMap<String, String>> = Vec::new();
    for locale in LOCALES {
        let path = format!("locales/{locale}.json");
        println!("cargo::rerun-if-changed={path}");
        let value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
        let object = value
            .as_object()
            .ok_or(format!("{path} is not an object"))?;
        let mut map = BTreeMap::new();
        for (key, text) in object {
            let text = text
                .as_str()
                .ok_or(format!("{path}: `{key}` is not a string"))?;
            if !key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                return Err(format!("{path}: `{key}` is not a snake_case key").into());
            }
            map.insert(key.clone(), text.to_owned());
        }
        texts.push(map);
    }
    check_same_keys(&texts)?;
    std::fs::write(out_dir.join("i18n.rs"), generate(&texts)?)?;
    write_bundled_framework(&out_dir)?;
    Ok(())
}

/// The bundled framework in its default language alone, checked, in the compact form the
/// widget's first download decodes (`src/framework_text.rs`): `customs.default-language.bin`.
fn write_bundled_framework(out_dir: &std::path::Path) -> Result<(), Box<dyn Error>> {
    use competency_core::framework::{Framework, compact};
    let json = competency_core::bundled::FRAMEWORK_DEFAULT_LANGUAGE_JSON;
    let framework =
        Framework::from_json(json).map_err(|e| format!("the bundled framework: {e}"))?;
    let bytes = compact::encode(&framework).ok_or("the bundled framework: a text holds a NUL")?;
    std::fs::write(out_dir.join("customs.default-language.bin"), bytes)?;
    Ok(())
}

fn check_same_keys(texts: &[BTreeMap<String, String>]) -> Result<(), Box<dyn Error>> {
    let reference: BTreeSet<&String> = texts[0].keys().collect();
    for (locale, other) in LOCALES.iter().zip(texts).skip(1) {
        let other: BTreeSet<&String> = other.keys().collect();
        let missing: Vec<_> = reference.difference(&other).collect();
        let extra: Vec<_> = other.difference(&reference).collect();
        if !missing.is_empty() || !extra.is_empty() {
            return Err(format!(
                "locales/{locale}.json differs from locales/{}.json: missing {missing:?}, extra {extra:?}",
                LOCALES[0]
            )
            .into());
        }
    }
    Ok(())
}

/// `text` cut at its `{{ name }}` placeholders.
fn parts(text: &str) -> Result<Vec<Part>, String> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        if start > 0 {
            parts.push(Part::Text(rest[..start].to_owned()));
        }
        let end = rest[start..]
            .find("}}")
            .ok_or_else(|| format!("unclosed placeholder in {text:?}"))?;
        let name = rest[start + 2..start + end].trim();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(format!("bad placeholder `{name}` in {text:?}"));
        }
        parts.push(Part::Placeholder(name.to_owned()));
        rest = &rest[start + end + 2..];
    }
    if !rest.is_empty() {
        parts.push(Part::Text(rest.to_owned()));
    }
    Ok(parts)
}

fn placeholders(parts: &[Part]) -> BTreeSet<&str> {
    parts
        .iter()
        .filter_map(|p| match p {
            Part::Placeholder(name) => Some(name.as_str()),
            Part::Text(_) => None,
        })
        .collect()
}

fn generate(texts: &[BTreeMap<String, String>]) -> Result<String, Box<dyn Error>> {
    let mut out = String::new();
    writeln!(
        out,
        "/// The interface languages; the first is the default."
    )?;
    writeln!(
        out,
        "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]\n#[allow(non_camel_case_types)]\npub enum Locale {{"
    )?;
    for (i, locale) in LOCALES.iter().enumerate() {
        if i == 0 {
            writeln!(out, "    #[default]")?;
        }
        writeln!(out, "    {locale},")?;
    }
    writeln!(out, "}}\n")?;
    writeln!(out, "impl Locale {{")?;
    writeln!(out, "    /// Every locale, the default first.")?;
    writeln!(out, "    pub fn get_all() -> &'static [Locale] {{")?;
    let all: Vec<String> = LOCALES.iter().map(|l| format!("Locale::{l}")).collect();
    writeln!(out, "        &[{}]\n    }}\n", all.join(", "))?;
    writeln!(out, "    /// Its language tag.")?;
    writeln!(
        out,
        "    pub const fn as_str(self) -> &'static str {{\n        match self {{"
    )?;
    for locale in LOCALES {
        writeln!(out, "            Locale::{locale} => {locale:?},")?;
    }
    writeln!(out, "        }}\n    }}\n}}\n")?;
    writeln!(
        out,
        "impl std::str::FromStr for Locale {{\n    type Err = ();\n"
    )?;
    writeln!(
        out,
        "    fn from_str(tag: &str) -> Result<Self, ()> {{\n        match tag {{"
    )?;
    for locale in LOCALES {
        writeln!(out, "            {locale:?} => Ok(Locale::{locale}),")?;
    }
    writeln!(out, "            _ => Err(()),\n        }}\n    }}\n}}\n")?;

    writeln!(
        out,
        "/// One function per text, one struct per text with placeholders (see `td_string!`)."
    )?;
    writeln!(
        out,
        "#[allow(non_camel_case_types, clippy::all)]\npub mod keys {{\n    use super::Locale;\n"
    )?;
    for key in texts[0].keys() {
        let cut: Vec<Vec<Part>> = texts
            .iter()
            .map(|t| parts(&t[key]))
            .collect::<Result<_, _>>()?;
        let names = placeholders(&cut[0]);
        for (locale, parts) in LOCALES.iter().zip(&cut).skip(1) {
            if placeholders(parts) != names {
                return Err(format!(
                    "`{key}` has placeholders {:?} in {locale} but {names:?} in {}",
                    placeholders(parts),
                    LOCALES[0]
                )
                .into());
            }
        }
        if names.is_empty() {
            writeln!(
                out,
                "    pub const fn {key}(locale: Locale) -> &'static str {{\n        match locale {{"
            )?;
            for (locale, map) in LOCALES.iter().zip(texts) {
                writeln!(out, "            Locale::{locale} => {:?},", map[key])?;
            }
            writeln!(out, "        }}\n    }}\n")?;
            continue;
        }
        let names: Vec<&str> = names.into_iter().collect();
        let generics: Vec<String> = (0..names.len()).map(|i| format!("T{i}")).collect();
        writeln!(out, "    pub struct {key}<{}> {{", generics.join(", "))?;
        for (name, generic) in names.iter().zip(&generics) {
            writeln!(out, "        pub {name}: {generic},")?;
        }
        writeln!(out, "    }}\n")?;
        let bounds: Vec<String> = generics
            .iter()
            .map(|g| format!("{g}: std::fmt::Display"))
            .collect();
        writeln!(
            out,
            "    impl<{}> {key}<{}> {{\n        pub fn render(&self, locale: Locale) -> String {{\n            match locale {{",
            bounds.join(", "),
            generics.join(", ")
        )?;
        for (locale, parts) in LOCALES.iter().zip(&cut) {
            let mut format = String::new();
            let mut arguments = Vec::new();
            for part in parts {
                match part {
                    Part::Text(text) => {
                        format.push_str(&text.replace('{', "{{").replace('}', "}}"))
                    }
                    Part::Placeholder(name) => {
                        format.push_str("{}");
                        arguments.push(format!("self.{name}"));
                    }
                }
            }
            writeln!(
                out,
                "                Locale::{locale} => format!({format:?}, {}),",
                arguments.join(", ")
            )?;
        }
        writeln!(out, "            }}\n        }}\n    }}\n")?;
    }
    writeln!(out, "}}")?;
    Ok(out)
}
