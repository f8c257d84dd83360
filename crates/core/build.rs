//! Ships the bundled framework without the whitespace between its tokens: the same document
//! (its canonical form, hash and every text unchanged), a quarter smaller in the browser's
//! bundle. The indented file stays the one people read and edit.

use std::path::PathBuf;
use std::{env, fs};

const SOURCE: &str = "frameworks/customs.json";

fn main() {
    println!("cargo::rerun-if-changed={SOURCE}");
    let text = fs::read_to_string(SOURCE).unwrap_or_else(|e| panic!("{SOURCE}: {e}"));
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out.join("customs.json"), without_whitespace(&text))
        .unwrap_or_else(|e| panic!("writing the bundled framework: {e}"));
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
