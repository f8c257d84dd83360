//! What the tests of `competency` share: running the binary, and results signed in the test
//! with fixed keys against the bundled framework.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

use competency_core::proof::{self, ProofOptions, native};
use competency_core::result::{
    self, App, FrameworkReference, KeyProtection, Rater, RatingRecord, ResultDocument,
    SubjectRecord,
};
use serde_json::Value;

pub mod service;

/// Runs `competency args…`; returns exit code, standard output and error.
pub fn competency(args: &[&str]) -> (i32, String, String) {
    competency_with_input(args, "")
}

/// Runs `competency args…` with `stdin`; returns exit code, standard output and error.
pub fn competency_with_input(args: &[&str], stdin: &str) -> (i32, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_competency"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the competency binary runs");
    // The command may stop reading early (a file too large): that is not the test's failure.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let output = child.wait_with_output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The bundled framework's reference, its content hash included.
pub fn bundled_reference() -> FrameworkReference {
    let framework = competency_core::bundled::framework().unwrap();
    native::framework_reference(&framework)
}

pub const AWA: (&str, &str) = ("M-1024", "Awa Traoré");
pub const T: &str = "2026-11-20T10:00:00Z";

/// The result the rater holding secret key `[key; 32]` gives `subject` (HR id, name) as
/// `role`, completed at `completed`: each rating is (competency, level or `None` for not
/// observed, comment).
pub fn document(
    key: u8,
    role: &str,
    subject: (&str, &str),
    completed: &str,
    ratings: &[(&str, Option<&str>, &str)],
) -> ResultDocument {
    let public = native::public_key(&[key; 32]);
    ResultDocument {
        kind: result::RESULT_TYPE.into(),
        format_version: result::FORMAT_VERSION,
        id: format!("result-{key}-{completed}"),
        app: App {
            name: "test".into(),
            version: "0".into(),
        },
        framework: bundled_reference(),
        subject: SubjectRecord {
            id: subject.0.into(),
            name: subject.1.into(),
            position: Some("customs-officer".into()),
        },
        rater: Rater {
            role: role.into(),
            id: None,
            name: None,
            key: proof::did_key(&public),
            key_protection: KeyProtection::NonExtractable,
        },
        locale: "fr".into(),
        started_at: "2026-11-01T08:00:00Z".into(),
        completed_at: completed.into(),
        ratings: ratings
            .iter()
            .map(|&(competency, level, comment)| RatingRecord {
                competency: competency.into(),
                level: level.map(str::to_owned),
                not_observed: level.is_none(),
                comment: comment.into(),
                evidence: String::new(),
            })
            .collect(),
        development_plan: Vec::new(),
        challenge: None,
        invitation: None,
        proof: None,
    }
}

/// `document` signed with the secret key `[key; 32]` its rater names.
pub fn sign(document: &ResultDocument, key: u8) -> Value {
    sign_created(document, key, "2026-11-28T00:00:00Z")
}

/// `document` signed with the secret key `[key; 32]`, its proof `created` then.
pub fn sign_created(document: &ResultDocument, key: u8, created: &str) -> Value {
    let secret = [key; 32];
    let options = ProofOptions::assertion(
        created.into(),
        proof::verification_method(&native::public_key(&secret)),
    );
    native::sign(document.to_value(), &options, &secret).unwrap()
}

/// A directory of its own for each test.
pub struct Files(pub PathBuf);

impl Files {
    pub fn new(test: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("competency-cli-{}-{test}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Files(dir)
    }

    /// Writes `value` as `name`; returns its path.
    pub fn write(&self, name: &str, value: &Value) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, serde_json::to_string_pretty(value).unwrap()).unwrap();
        path.to_string_lossy().into_owned()
    }

    /// Signs `document` with `[key; 32]` and writes it as `name`.
    pub fn signed(&self, name: &str, document: &ResultDocument, key: u8) -> String {
        self.write(name, &sign(document, key))
    }
}

impl Drop for Files {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
