//! Ships the bundled framework without the whitespace between its tokens: the same document
//! (its canonical form, hash and every text unchanged), a quarter smaller in the browser's
//! bundle. The indented file stays the one people read and edit.
//!
//! Also writes that document in its default language alone (`languages` naming it alone),
//! which is what the widget's first download carries, and the FNV-1a digest of the indented
//! file, which the widget fetches whole for another language or a signature and checks
//! against it (see `bundled.rs`).

use std::path::PathBuf;
use std::{env, fs};

use serde_json::Value;

#[path = "src/fnv.rs"]
mod fnv;

const SOURCE: &str = "frameworks/customs.json";

fn main() {
    println!("cargo::rerun-if-changed={SOURCE}");
    let text = fs::read_to_string(SOURCE).unwrap_or_else(|e| panic!("{SOURCE}: {e}"));
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let write = |name: &str, contents: &str| {
        fs::write(out.join(name), contents).unwrap_or_else(|e| panic!("writing {name}: {e}"))
    };
    write("customs.json", &without_whitespace(&text));
    write(
        "customs.default-language.json",
        &default_language_only(&text),
    );
    write(
        "customs.digest.rs",
        &format!("0x{:016x}", fnv::fnv1a(text.bytes())),
    );
}

/// `json` without the whitespace outside its strings.
fn without_whitespace(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            out.push(c);
        }
    }
    out
}

/// The framework `json` with each text in its default language alone.
fn default_language_only(json: &str) -> String {
    let mut document: Value =
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{SOURCE}: {e}"));
    let default = document["defaultLanguage"]
        .as_str()
        .unwrap_or_else(|| panic!("{SOURCE}: no defaultLanguage"))
        .to_owned();
    let languages: Vec<String> = document["languages"]
        .as_array()
        .unwrap_or_else(|| panic!("{SOURCE}: no languages"))
        .iter()
        .filter_map(|l| l.as_str().map(str::to_owned))
        .collect();
    keep_language(&mut document, &languages, &default);
    document["languages"] = Value::from(vec![default]);
    serde_json::to_string(&document).expect("a value serialises")
}

/// Keeps `language` alone in every text under `value`: an object whose members are all
/// strings named by one of `languages`.
fn keep_language(value: &mut Value, languages: &[String], language: &str) {
    match value {
        Value::Object(members) => {
            let text = !members.is_empty()
                && members
                    .iter()
                    .all(|(name, v)| v.is_string() && languages.contains(name));
            if text {
                members.retain(|name, _| name == language);
            } else {
                members
                    .values_mut()
                    .for_each(|v| keep_language(v, languages, language));
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| keep_language(v, languages, language)),
        _ => {}
    }
}
