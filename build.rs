//! Generates the `i18n` module from `locales/*.json`, so that every translation key used in the
//! app is checked at compile time, and refuses locale files whose keys differ: a text missing
//! from one language is a build error, not a silent fallback.

use std::collections::BTreeSet;
use std::error::Error;
use std::path::PathBuf;

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};

/// French is the default: the first users are francophone.
const LOCALES: [&str; 2] = ["fr", "en"];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);

    // Interpolated strings can also be built as plain text (`td_string!`), which costs far less
    // WebAssembly than a view per message.
    let options = ParseOptions::default().interpolate_display(true);
    let mut config = Config::new(LOCALES[0])?.parse_options(options);
    for locale in &LOCALES[1..] {
        config = config.add_locale(locale)?;
    }
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    check_same_keys()?;
    translations.generate_i18n_module(out_dir.join("i18n"))?;
    Ok(())
}

fn check_same_keys() -> Result<(), Box<dyn Error>> {
    let keys = |locale: &str| -> Result<BTreeSet<String>, Box<dyn Error>> {
        let text = std::fs::read_to_string(format!("locales/{locale}.json"))?;
        let value: serde_json::Value = serde_json::from_str(&text)?;
        let mut keys = BTreeSet::new();
        collect_keys(&value, "", &mut keys);
        Ok(keys)
    };
    let reference = keys(LOCALES[0])?;
    for locale in &LOCALES[1..] {
        let other = keys(locale)?;
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

fn collect_keys(value: &serde_json::Value, prefix: &str, keys: &mut BTreeSet<String>) {
    if let serde_json::Value::Object(map) = value {
        for (key, value) in map {
            let path = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            collect_keys(value, &path, keys);
            keys.insert(path);
        }
    }
}
