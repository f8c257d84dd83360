//! Runs the built `competency` binary as a user would.

use std::process::Command;

fn competency(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_competency"))
        .args(args)
        .output()
        .expect("the competency binary runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn summary_of_the_bundled_framework_in_french_by_default() {
    let (code, out, err) = competency(&["summary"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Référentiel des compétences douanières (customs-competencies "));
    assert!(out.contains("\nValeurs fondamentales (3)\n  - Intégrité et éthique\n"));
    assert!(out.ends_with("\n4 groups, 10 competencies\n"), "{out}");
}

#[test]
fn summary_in_english() {
    let (code, out, _) = competency(&["summary", "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(out.contains("\nManagement competencies (2)\n  - Leading people\n"));
}

#[test]
fn summary_of_a_broken_file_lists_its_problems() {
    let dir = std::env::temp_dir().join(format!("competency-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("broken.json");
    std::fs::write(&path, "{\"formatVersion\": 1,").unwrap();
    let (code, out, err) = competency(&["summary", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert!(
        err.contains("is not a valid framework:\n$: line 1, column 20"),
        "{err}"
    );
}

#[test]
fn unknown_command_shows_usage() {
    let (code, _, err) = competency(&["frobnicate"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown command `frobnicate`") && err.contains("Usage: competency"));
}
