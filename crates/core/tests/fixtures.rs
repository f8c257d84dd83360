//! Every file in `fixtures/invalid/` is a broken framework with one kind of problem; the
//! `.expected` file beside it lists every problem the loader must report, one per line.
//! `BLESS=1 cargo test -p competency-core --test fixtures` rewrites the `.expected` files from
//! the loader's output: read the diff before committing it.

use std::fs;
use std::path::{Path, PathBuf};

use competency_core::Framework;

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn each_invalid_fixture_reports_exactly_its_expected_problems() {
    let files = fixtures("invalid");
    assert!(files.len() >= 12, "only {} fixtures", files.len());
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for file in files {
        let json = fs::read_to_string(&file).unwrap();
        let got = match Framework::from_json(&json) {
            Ok(_) => String::from("(no problem)\n"),
            Err(error) => format!("{error}\n"),
        };
        let expected_file = file.with_extension("expected");
        if bless {
            fs::write(&expected_file, &got).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&expected_file).unwrap_or_default();
        if got != expected {
            failures.push(format!(
                "{}\n--- expected\n{expected}--- got\n{got}",
                file.display()
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn each_valid_fixture_loads() {
    for file in fixtures("valid") {
        let json = fs::read_to_string(&file).unwrap();
        if let Err(error) = Framework::from_json(&json) {
            panic!("{}:\n{error}", file.display());
        }
    }
}
