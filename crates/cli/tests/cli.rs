//! Runs the built `competency` binary as a user would.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use std::io::Write;

/// Runs `competency args…` with `stdin`; returns exit code, standard output and error.
fn competency_with_input(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_competency"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the competency binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn competency(args: &[&str]) -> (i32, String, String) {
    competency_with_input(args, "")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(name: &str) -> String {
    repo()
        .join("crates/core/tests/fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn summary_of_the_bundled_framework_in_french_by_default() {
    let (code, out, err) = competency(&["summary"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Référentiel de compétences des douanes"),
        "{out}"
    );
    assert!(
        out.contains("\nLevels: Notions, Formé, Confirmé, Expert\n"),
        "{out}"
    );
    assert!(out.contains("\nValeurs fondamentales (4)\n  - Intégrité et déontologie\n"));
    assert!(
        out.ends_with("\n4 groups, 25 competencies, 9 positions\n"),
        "{out}"
    );
}

#[test]
fn summary_in_english() {
    let (code, out, _) = competency(&["summary", "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("\nLevels: Awareness, Trained, Advanced, Expert\n"),
        "{out}"
    );
    assert!(
        out.contains("\nCore values (4)\n  - Integrity and ethics\n"),
        "{out}"
    );
}

#[test]
fn validate_a_valid_file() {
    let path = repo().join("crates/core/frameworks/customs.json");
    let (code, out, err) = competency(&["validate", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.ends_with(
            "valid framework `customs-competencies` version 1.0.0 \
             (4 levels, 4 groups, 25 competencies, 9 positions)\n"
        ),
        "{out}"
    );
}

#[test]
fn validate_prints_every_problem_with_its_path_and_fails() {
    let path = fixture("invalid/unknown-references.json");
    let (code, out, err) = competency(&["validate", &path]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    let expected = std::fs::read_to_string(fixture("invalid/unknown-references.expected")).unwrap();
    assert_eq!(err, format!("{path} is not a valid framework:\n{expected}"));
}

#[test]
fn validate_reads_standard_input() {
    let (code, _, err) = competency_with_input(&["validate", "-"], "{\"formatVersion\": 1,");
    assert_eq!(code, 1);
    assert!(
        err.starts_with("- is not a valid framework:\n$: not valid JSON at line 1, column 20"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [
        &["frobnicate"][..],
        &["validate"],
        &["validate", "a", "b"],
        &["summary", "--colour", "red"],
        &["schema", "extra"],
    ] {
        let (code, out, err) = competency(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert_eq!(out, "", "{args:?}");
        assert!(!err.is_empty(), "{args:?}");
    }
    let (code, _, err) = competency(&["validate", "/nonexistent/framework.json"]);
    assert_eq!(
        (
            code,
            err.starts_with("cannot read /nonexistent/framework.json")
        ),
        (2, true)
    );
}

#[test]
fn options_take_their_value_after_an_equals_sign_too() {
    let spaced = competency(&["summary", "--lang", "en"]);
    let joined = competency(&["summary", "--lang=en"]);
    assert_eq!(spaced.0, 0, "{}", spaced.2);
    assert!(spaced.1.contains("Levels: Awareness"), "{}", spaced.1);
    assert_eq!(joined, spaced);
    // A switch takes no value; an option needs one.
    let (code, out, err) = competency(&["verify", "--json=yes", "result.json"]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(err.contains("--json"), "{err}");
    let (code, _, err) = competency(&["summary", "--lang"]);
    assert_eq!(code, 2);
    assert!(err.contains("--lang"), "{err}");
}

#[test]
fn after_a_double_dash_a_dash_begins_a_file_name() {
    let (code, _, err) = competency(&["validate", "--", "--framework.json"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("cannot read --framework.json"), "{err}");
    let (code, _, err) = competency(&["validate", "--framework.json"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("unknown option `--framework.json`"),
        "{err}"
    );
}

#[test]
fn every_command_has_its_own_help() {
    for (command, usage) in [
        (&["summary"][..], "  summary [--lang LANG] [FILE]"),
        (&["validate"], "  validate FILE"),
        (&["convert"], "  convert --from FORMAT --to FORMAT"),
        (
            &["verify"],
            "  verify [--framework FILE] [--json] RESULT...",
        ),
        (&["aggregate"], "  aggregate [--campaign FILE]"),
        (
            &["schema"],
            "  schema [framework|result|config|campaign|serve]",
        ),
        (
            &["framework", "export"],
            "  framework export --to xlsx FRAMEWORK OUT.xlsx",
        ),
        (&["framework", "import"], "  framework import IN OUT"),
        (&["serve"], "  serve --config FILE"),
        (
            &["campaign", "new"],
            "  campaign new PLAN.csv --base-url URL",
        ),
        (&["campaign", "status"], "  campaign status CAMPAIGN"),
    ] {
        for help in ["--help", "-h"] {
            // Asked for, the help is all the command does, whatever follows.
            let args: Vec<&str> = command.iter().copied().chain([help, "--unknown"]).collect();
            let (code, out, err) = competency(&args);
            assert_eq!((code, err.as_str()), (0, ""), "{args:?}");
            assert!(out.contains(usage), "{args:?}: {out}");
            assert!(out.contains("Exit status"), "{args:?}: {out}");
            assert!(out.contains("`--lang=en`"), "{args:?}: {out}");
            // Its own entry only.
            let entries = out
                .lines()
                .filter(|l| l.starts_with("  ") && !l.starts_with("   "));
            assert_eq!(entries.count(), 1, "{args:?}: {out}");
        }
        let mut args = vec!["help"];
        args.extend_from_slice(command);
        assert!(competency(&args).1.contains(usage), "{args:?}");
    }
    // Both campaign commands, and the whole usage without a command.
    let (code, out, _) = competency(&["campaign", "--help"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("  campaign new") && out.contains("  campaign status"),
        "{out}"
    );
    assert!(competency(&["help"]).1.contains("  aggregate"));
}

#[test]
fn the_committed_schema_is_what_the_types_generate() {
    let (code, out, _) = competency(&["schema"]);
    assert_eq!(code, 0);
    let committed = std::fs::read_to_string(repo().join("public/framework.schema.json")).unwrap();
    assert!(
        out == committed,
        "public/framework.schema.json is stale: run `cargo run -p competency-cli -- schema > public/framework.schema.json`"
    );
}

#[test]
fn the_schema_accepts_what_the_loader_accepts_and_refuses_broken_structure() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("public/framework.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema");
    let document = |path: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    };

    let bundled = repo().join("crates/core/frameworks/customs.json");
    for path in [
        bundled.to_string_lossy().into_owned(),
        fixture("valid/hostile-text.json"),
    ] {
        let errors: Vec<String> = validator
            .iter_errors(&document(&path))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{path}: {errors:#?}");
    }
    for name in [
        "wrong-types",
        "missing-fields",
        "unknown-fields",
        "unsupported-format-version",
        "empty-texts",
        "invalid-ids-and-language-tags",
        "resources",
        "too-long",
        "list-sizes",
    ] {
        let path = fixture(&format!("invalid/{name}.json"));
        assert!(
            !validator.is_valid(&document(&path)),
            "the schema accepts {name}.json"
        );
    }
}

#[test]
fn convert_to_case_and_back_reports_what_case_cannot_carry() {
    let dir = std::env::temp_dir().join(format!("competency-convert-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let case = dir.join("customs.case.json");
    let native = repo().join("crates/core/frameworks/customs.json");

    let (code, out, err) = competency(&[
        "convert",
        "--from",
        "native",
        "--to",
        "case",
        "--lang",
        "en",
        native.to_str().unwrap(),
        case.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.ends_with(&format!("-> {}\n", case.display())), "{out}");
    let notes: Vec<&str> = err.lines().collect();
    assert_eq!(notes.len(), 3, "{err}");
    assert!(
        notes[0].starts_with("not carried over: the texts in fr"),
        "{err}"
    );
    assert!(
        notes[1].starts_with("not carried over: 9 positions"),
        "{err}"
    );
    assert!(
        notes[2].starts_with("not carried over: 58 learning resources"),
        "{err}"
    );

    let (code, back, err) = competency(&[
        "convert",
        "--from",
        "case",
        "--to",
        "native",
        case.to_str().unwrap(),
        "-",
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    let back: serde_json::Value = serde_json::from_str(&back).unwrap();
    assert_eq!(back["id"], "customs-competencies");
    assert_eq!(back["languages"], serde_json::json!(["en"]));
    assert_eq!(back["competencies"].as_array().unwrap().len(), 25);
    assert_eq!(
        back["competencies"][0]["name"]["en"],
        "Integrity and ethics"
    );
    assert!(back.get("positions").is_none());
}

#[test]
fn convert_refuses_a_case_package_without_proficiency_levels() {
    let samples = repo().join("../shared/case-samples");
    if !samples.is_dir() {
        println!(
            "skipped: {} is absent (CI has the shared CASE samples beside the checkout)",
            samples.display()
        );
        return;
    }
    let sample = samples.join("opensalt-sample-framework.json");
    let (code, out, err) = competency(&[
        "convert",
        "--from",
        "case",
        "--to",
        "native",
        sample.to_str().unwrap(),
        "-",
    ]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert!(
        err.contains("cannot be imported: none of the package's 16 items has proficiency levels"),
        "{err}"
    );
}

#[test]
fn every_shared_case_sample_imports_with_a_named_scale() {
    let samples = repo().join("../shared/case-samples");
    if !samples.is_dir() {
        println!(
            "skipped: {} is absent (CI has the shared CASE samples beside the checkout)",
            samples.display()
        );
        return;
    }
    let mut imported = 0;
    for entry in std::fs::read_dir(&samples).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".json") || name.contains("schema") {
            continue;
        }
        let (code, out, err) = competency(&[
            "convert",
            "--from",
            "case",
            "--to",
            "native",
            "--scale",
            "bundled",
            path.to_str().unwrap(),
            "-",
        ]);
        assert_eq!(code, 0, "{name}: {err}");
        assert!(
            err.lines()
                .any(|l| l.starts_with("assumed: the package has no rubric")),
            "{name}: {err}"
        );
        let (code, _, err) = competency_with_input(&["validate", "-"], &out);
        assert_eq!(code, 0, "{name}: {err}");
        imported += 1;
    }
    assert_eq!(imported, 6);
    // A scale goes with CASE only.
    let (code, _, err) = competency(&[
        "convert", "--from", "native", "--to", "case", "--scale", "bundled", "a", "b",
    ]);
    assert_eq!((code, err.trim()), (2, "--scale goes with --from case"));
}

#[test]
fn convert_needs_known_formats() {
    let (code, _, err) = competency(&["convert", "--from", "xml", "--to", "case", "a", "b"]);
    assert_eq!(code, 2);
    assert_eq!(err.trim(), "--from must be `native` or `case`, not `xml`");
}

/// A result signed as the browser signs it (same domain code), with the bundled framework's
/// hash, written to a temporary file; returns its path and the signed JSON.
fn signed_result(
    name: &str,
    edit: impl FnOnce(&mut serde_json::Value),
) -> (String, serde_json::Value) {
    use competency_core::assessment::{Assessment, Rating, Role, Subject};
    use competency_core::proof::{self, ProofOptions, native};
    use competency_core::result::{
        App, KeyProtection, RaterIdentity, ResultContext, ResultDocument, framework_canonical_json,
    };
    let framework = competency_core::bundled::framework().unwrap();
    let subject = Subject {
        id: "M-1024".into(),
        name: "Awa Traoré".into(),
    };
    let mut a = Assessment::start(
        "d".into(),
        &framework,
        subject,
        Some("hr-officer".into()),
        Role::Peer,
        1_000,
    )
    .unwrap();
    for c in a.competencies(&framework) {
        a.rate(
            &framework,
            &c.id,
            Some(Rating::Level("trained".into())),
            2_000,
        )
        .unwrap();
    }
    a.submit(&framework, 3_000).unwrap();
    let secret = [7u8; 32];
    let public = native::public_key(&secret);
    let hash: String = native::sha256(&framework_canonical_json(&framework))
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let context = ResultContext {
        app: App {
            name: "test".into(),
            version: "0".into(),
        },
        framework: &framework,
        framework_sha256: hash,
        rater: RaterIdentity {
            id: None,
            name: None,
            key: proof::did_key(&public),
            key_protection: KeyProtection::Software,
        },
        locale: "fr".into(),
        id: "00000000-0000-4000-8000-000000000001".into(),
        challenge: None,
    };
    let mut document = ResultDocument::from_assessment(&a, context)
        .unwrap()
        .to_value();
    edit(&mut document);
    let options = ProofOptions::assertion(
        "2026-11-28T00:00:00Z".into(),
        proof::verification_method(&public),
    );
    let signed = native::sign(document, &options, &secret).unwrap();
    let dir = std::env::temp_dir().join(format!("competency-verify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(&signed).unwrap()).unwrap();
    (path.to_string_lossy().into_owned(), signed)
}

fn write_json(name: &str, value: &serde_json::Value) -> String {
    let dir = std::env::temp_dir().join(format!("competency-verify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, value.to_string()).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn verify_gives_one_verdict_per_file_and_fails_if_any_is_invalid() {
    let (good, signed) = signed_result("good.json", |_| {});
    let mut changed = signed.clone();
    changed["ratings"][0]["level"] = "expert".into();
    let changed = write_json("changed.json", &changed);
    let mut bad_signature = signed.clone();
    bad_signature["proof"]["proofValue"] = "zNot0base58".into();
    let bad_signature = write_json("bad-signature.json", &bad_signature);
    let mut other_suite = signed.clone();
    other_suite["proof"]["cryptosuite"] = "ecdsa-rdfc-2019".into();
    let other_suite = write_json("other-suite.json", &other_suite);
    let mut p256 = signed.clone();
    p256["proof"]["verificationMethod"] =
        "did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169#zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169".into();
    let p256 = write_json("p256.json", &p256);
    let mut no_proof = signed.clone();
    no_proof.as_object_mut().unwrap().remove("proof");
    let no_proof = write_json("no-proof.json", &no_proof);

    let (code, out, err) = competency(&["verify", &good]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(": valid: assessment of Awa Traoré (peer)"),
        "{out}"
    );

    let (code, out, err) = competency(&[
        "verify",
        &good,
        &changed,
        &bad_signature,
        &other_suite,
        &p256,
        &no_proof,
    ]);
    assert_eq!((code, out.as_str()), (1, ""));
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 6, "{err}");
    assert!(lines[0].contains(": valid:"), "{err}");
    for (line, reason) in lines[1..].iter().zip([
        "does not match",
        "not an Ed25519 signature",
        "ecdsa-rdfc-2019",
        "Ed25519",
        "no proof",
    ]) {
        assert!(
            line.contains("INVALID") && line.contains(reason),
            "{line} should say {reason}"
        );
    }
}

#[test]
fn verify_checks_the_framework_when_asked() {
    let (good, _) = signed_result("framework.json", |_| {});
    let bundled = repo().join("crates/core/frameworks/customs.json");
    let (code, _, err) = competency(&["verify", "--framework", bundled.to_str().unwrap(), &good]);
    assert_eq!(code, 0, "{err}");
    let other = fixture("valid/hostile-text.json");
    let (code, _, err) = competency(&["verify", "--framework", &other, &good]);
    assert_eq!(code, 1);
    assert!(
        err.contains("made against framework customs-competencies"),
        "{err}"
    );
}

#[test]
fn verify_speaks_json_to_machines() {
    let (good, signed) = signed_result("machine.json", |_| {});
    let mut changed = signed.clone();
    changed["subject"]["name"] = "Someone Else".into();
    let changed = write_json("machine-changed.json", &changed);
    let (code, out, _) = competency(&["verify", "--json", &good, &changed]);
    assert_eq!(code, 1);
    let verdicts: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(verdicts[0]["valid"], true);
    assert_eq!(verdicts[0]["id"], "00000000-0000-4000-8000-000000000001");
    assert_eq!(verdicts[1]["valid"], false);
    assert!(
        verdicts[1]["reason"]
            .as_str()
            .unwrap()
            .contains("does not match")
    );
}

#[test]
fn the_committed_result_schema_is_what_the_types_generate_and_accepts_a_signed_result() {
    let (code, out, _) = competency(&["schema", "result"]);
    assert_eq!(code, 0);
    let committed = std::fs::read_to_string(repo().join("public/result.schema.json")).unwrap();
    assert!(
        out == committed,
        "public/result.schema.json is stale: run `cargo run -p competency-cli -- schema result > public/result.schema.json`"
    );
    let schema: serde_json::Value = serde_json::from_str(&committed).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let (_, signed) = signed_result("schema.json", |_| {});
    let errors: Vec<String> = validator
        .iter_errors(&signed)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn the_committed_config_schema_is_what_the_code_generates_and_accepts_a_configuration() {
    let (code, out, _) = competency(&["schema", "config"]);
    assert_eq!(code, 0);
    let committed = std::fs::read_to_string(repo().join("public/config.schema.json")).unwrap();
    assert!(
        out == committed,
        "public/config.schema.json is stale: run `cargo run -p competency-cli -- schema config > public/config.schema.json`"
    );
    let schema: serde_json::Value = serde_json::from_str(&committed).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let config = serde_json::json!({
        "configVersion": 1,
        "instance": "officer-form",
        "language": "fr",
        "subject": { "id": "M-1024", "name": "Awa Traoré" },
        "position": "customs-officer",
        "rater": { "role": "peer", "id": "R-7", "name": "Chef Diallo" },
        "framework": { "url": "https://hr.example/framework.json" },
        "challenge": "n-123",
        "upload": { "url": "https://hr.example/results", "headers": { "Authorization": "Bearer x" } },
        "minRaters": 3,
        "allowedOrigins": ["https://portal.example"],
        "parentOrigin": "https://portal.example",
        "theme": { "colourAccent": "#0b5394", "font": "Marianne, Arial, sans-serif", "radius": "4px" },
        "screens": ["assessment", "framework", "results"],
        "readOnly": false
    });
    assert!(competency_core::config::from_value(&config, &["fr", "en"]).is_ok());
    let errors: Vec<String> = validator
        .iter_errors(&config)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let mut broken = config.clone();
    broken["allowedOrigins"] = serde_json::json!(["*"]);
    assert!(!validator.is_valid(&broken));
    assert!(competency_core::config::from_value(&broken, &["fr", "en"]).is_err());
}
