//! Files made to deceive or to exhaust `competency`: duplicate members, numbers that readers
//! round, text that would act on a terminal, files one byte too large, proofs from the
//! future. Each is refused with its reason, or printed harmlessly, never trusted.

use competency_core::result::MAX_RESULT_BYTES;
use serde_json::Value;

mod common;
use common::*;

fn awa_by(key: u8) -> competency_core::result::ResultDocument {
    document(
        key,
        "peer",
        AWA,
        T,
        &[("integrity", Some("trained"), ""), ("teamwork", None, "")],
    )
}

/// A signed result's JSON text with `from` replaced by `to` (once), as a forger edits it.
fn edited(value: &Value, from: &str, to: &str) -> String {
    let text = serde_json::to_string(value).unwrap();
    assert!(text.contains(from), "{from} not in {text}");
    text.replacen(from, to, 1)
}

#[test]
fn a_result_with_a_member_twice_is_refused_with_its_path() {
    // RFC 8785 and I-JSON forbid it: which copy a reader keeps decides the answer it reads.
    let files = Files::new("duplicate-member");
    let signed = sign(&awa_by(11), 11);
    let path = files.0.join("twice.json");
    std::fs::write(
        &path,
        edited(
            &signed,
            r#""level":"trained""#,
            r#""level":"awareness","level":"trained""#,
        ),
    )
    .unwrap();
    let path = path.to_str().unwrap();
    let (code, out, err) = competency(&["verify", path]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        format!("{path}: INVALID: not a result: $.ratings[0]: the member `level` is given twice\n")
    );
    // Two proofs: the same.
    let proof = serde_json::to_string(&signed["proof"]).unwrap();
    let twice = edited(
        &signed,
        r#""proof":{"#,
        &format!(r#""proof":{proof},"proof":{{"#),
    );
    std::fs::write(files.0.join("two-proofs.json"), twice).unwrap();
    let (code, _, err) = competency(&["verify", files.0.join("two-proofs.json").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.ends_with("INVALID: not a result: the member `proof` is given twice\n"),
        "{err}"
    );
}

#[test]
fn an_integer_beyond_what_readers_hold_is_refused_not_rounded() {
    // 2^64 + 1 would be read as 2^64: two documents, one signature.
    let files = Files::new("big-integer");
    let signed = sign(&awa_by(11), 11);
    let path = files.0.join("big.json");
    std::fs::write(
        &path,
        edited(
            &signed,
            r#""formatVersion":1"#,
            r#""formatVersion":18446744073709551617"#,
        ),
    )
    .unwrap();
    let path = path.to_str().unwrap();
    let (code, _, err) = competency(&["verify", path]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!(
            "{path}: INVALID: not a result: $.formatVersion: a number beyond ±9007199254740991, which JSON readers round\n"
        )
    );
}

#[test]
fn text_from_a_document_cannot_act_on_the_terminal() {
    // A signed result whose name would rewrite the line and add a fake verdict.
    let files = Files::new("terminal");
    let mut forged = awa_by(11);
    forged.subject.name = "Awa\u{1b}[2K\rx.json: valid\nfake.json: valid \u{202e}lmth.exe".into();
    let path = files.signed("forged.json", &forged, 11);
    let (code, out, _) = competency(&["verify", &path]);
    assert_eq!(code, 0);
    let expected_name = "Awa\\u{1b}[2K\\u{d}x.json: valid\\u{a}fake.json: valid \\u{202e}lmth.exe";
    assert!(
        out.starts_with(&format!(
            "{path}: valid: assessment of {expected_name} (peer), "
        )),
        "{out:?}"
    );
    assert_eq!(out.lines().count(), 1);
    assert!(!out.contains('\u{1b}') && !out.contains('\r') && !out.contains('\u{202e}'));
    // As JSON, the same characters, escaped as JSON escapes them.
    let (_, out, _) = competency(&["verify", "--json", &path]);
    assert!(
        out.contains(
            r#""subject": "Awa\u001b[2K\rx.json: valid\nfake.json: valid \u202elmth.exe""#
        ),
        "{out}"
    );
    let verdicts: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(verdicts[0]["subject"], forged.subject.name.as_str());
    // An unsigned file cannot turn its INVALID line into a valid one either.
    let unsigned = files.0.join("unsigned\u{1b}[1A.json");
    std::fs::write(&unsigned, "{}").unwrap();
    let (_, _, err) = competency(&["verify", unsigned.to_str().unwrap()]);
    assert!(
        err.contains("unsigned\\u{1b}[1A.json: INVALID: "),
        "{err:?}"
    );
    assert!(!err.contains('\u{1b}'));
    // In the reports' CSV too: a comment's line break is kept (quoted), an escape is not.
    let mut peers = Vec::new();
    for n in 1..=3u8 {
        let mut peer = awa_by(20 + n);
        peer.ratings[0].comment = format!("line one\nline two \u{1b}[31mred {n}");
        peers.push(files.signed(&format!("peer-{n}.json"), &peer, 20 + n));
    }
    // And a set-aside reason that quotes the file (a competency it names), on standard error.
    let mut odd = awa_by(30);
    odd.ratings[0].competency = "x\u{1b}[2K\rall.json: valid".into();
    peers.push(files.signed("odd.json", &odd, 30));
    let mut args = vec!["aggregate", "--format", "csv", "--show-unbound-groups"];
    args.extend(peers.iter().map(String::as_str));
    let (code, out, err) = competency(&args);
    assert_eq!(code, 1);
    assert!(!out.contains('\u{1b}'));
    assert!(
        err.contains("set aside: names `x\\u{1b}[2K\\u{d}all.json: valid`"),
        "{err:?}"
    );
    assert!(!err.contains('\u{1b}') && !err.contains('\r'));
}

#[test]
fn a_file_one_byte_over_its_limit_is_refused_before_it_is_read() {
    let files = Files::new("limits");
    // A valid signed result padded with spaces to exactly the limit, then one byte more.
    let signed = serde_json::to_string(&sign(&awa_by(11), 11)).unwrap();
    let at_limit = format!("{signed}{}", " ".repeat(MAX_RESULT_BYTES - signed.len()));
    std::fs::write(files.0.join("at-limit.json"), &at_limit).unwrap();
    std::fs::write(files.0.join("over.json"), format!("{at_limit} ")).unwrap();
    let (code, _, err) = competency(&["verify", files.0.join("at-limit.json").to_str().unwrap()]);
    assert_eq!((code, err.as_str()), (0, ""));
    let over = files.0.join("over.json");
    let (code, _, err) = competency(&["verify", over.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!(
            "{}: INVALID: larger than the {MAX_RESULT_BYTES} bytes accepted\n",
            over.display()
        )
    );
    // A framework, from a file or standard input.
    let limit = competency_core::framework::limits::MAX_DOCUMENT_BYTES;
    let big = " ".repeat(limit + 1);
    std::fs::write(files.0.join("framework.json"), &big).unwrap();
    let framework = files.0.join("framework.json");
    let (code, _, err) = competency(&["validate", framework.to_str().unwrap()]);
    assert_eq!(
        (code, err),
        (
            1,
            format!(
                "{}: larger than the {limit} bytes accepted\n",
                framework.display()
            )
        )
    );
    let (code, _, err) = competency_with_input(&["validate", "-"], &big);
    assert_eq!(
        (code, err),
        (1, format!("-: larger than the {limit} bytes accepted\n"))
    );
}

#[test]
fn a_proof_created_far_ahead_of_the_clock_is_refused() {
    let files = Files::new("future");
    let path = files.write(
        "future.json",
        &sign_created(&awa_by(11), 11, "9999-12-31T23:59:59Z"),
    );
    let (code, _, err) = competency(&["verify", &path]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!(
            "{path}: INVALID: the proof was created more than 24 hours ahead of this computer's clock\n"
        )
    );
}

#[test]
fn a_degenerate_key_verifies_nothing() {
    // The identity point (small order) as the key, R = identity and s = 0 as the signature:
    // it holds for every document under lax verification, which Chromium's WebCrypto does.
    // The domain refuses the key before any Ed25519 library runs, in the browser too, and
    // the fallback signer verifies strictly (crates/fallback-signer/tests/strict.rs).
    use competency_core::proof::{self, ProofOptions};
    let mut identity = [0; 32];
    identity[0] = 1;
    let mut result = awa_by(11);
    result.rater.key = proof::did_key(&identity);
    let options = ProofOptions::assertion(
        "2026-11-28T00:00:00Z".into(),
        proof::verification_method(&identity),
    );
    let unsecured = result.to_value();
    let mut signature = [0; 64];
    signature[..32].copy_from_slice(&identity);
    let signed = proof::signing_input(&unsecured, &options)
        .unwrap()
        .finish(unsecured, &signature)
        .unwrap();
    let files = Files::new("degenerate");
    let path = files.write("identity.json", &signed);
    let (code, _, err) = competency(&["verify", &path]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!(
            "{path}: INVALID: the key is a point of small order, under which forged signatures verify\n"
        )
    );
}
