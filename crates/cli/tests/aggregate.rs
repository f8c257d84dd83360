//! `competency aggregate`, run as a user would, over results signed in the test with fixed
//! keys against the bundled framework. Its scale is awareness (1), trained (2), advanced (3),
//! expert (4); the customs officer position requires `trained` in `integrity` (critical).

use std::path::PathBuf;

use competency_core::result::{PlanRecord, ResultDocument};
use serde_json::Value;

mod common;
use common::*;

/// Awa's own result (with a development plan) and her supervisor's.
fn self_and_supervisor(files: &Files) -> Vec<String> {
    let mut own = document(
        1,
        "self",
        AWA,
        T,
        &[
            ("integrity", Some("expert"), "Toujours."),
            ("teamwork", Some("awareness"), ""),
        ],
    );
    own.development_plan = vec![PlanRecord {
        competency: "teamwork".into(),
        target_level: "trained".into(),
        target_date: "2027-06-30".into(),
        actions: Vec::new(),
    }];
    let boss = document(
        2,
        "supervisor",
        AWA,
        T,
        &[
            ("integrity", Some("trained"), "Solide."),
            ("teamwork", Some("advanced"), ""),
        ],
    );
    vec![
        files.signed("self.json", &own, 1),
        files.signed("supervisor.json", &boss, 2),
    ]
}

/// The result of peer number `n` (key `10 + n`).
fn peer(n: u8, level: &str, comment: &str) -> ResultDocument {
    document(
        10 + n,
        "peer",
        AWA,
        T,
        &[("integrity", Some(level), comment), ("teamwork", None, "")],
    )
}

/// Three peers (integrity: awareness, trained, trained) on top of self and supervisor.
fn three_peers(files: &Files) -> Vec<String> {
    let mut paths = self_and_supervisor(files);
    for (n, level, comment) in [
        (1, "awareness", "Peer one speaks."),
        (2, "trained", ""),
        (3, "trained", "Peer three speaks."),
    ] {
        paths.push(files.signed(&format!("peer-{n}.json"), &peer(n, level, comment), 10 + n));
    }
    paths
}

/// The note every run without a campaign prints first on standard error.
const UNBOUND: &str = "note: no --campaign: nothing binds a rater's stated role or id to their key";

/// Runs `aggregate` without a campaign; standard error without the note that says so (which
/// it checks is there).
fn aggregate(options: &[&str], paths: &[String]) -> (i32, String, String) {
    let mut args = vec!["aggregate"];
    args.extend_from_slice(options);
    args.extend(paths.iter().map(String::as_str));
    let (code, out, err) = competency(&args);
    if code == 2 {
        return (code, out, err);
    }
    let (note, rest) = err.split_once('\n').unwrap_or((&err, ""));
    assert!(note.starts_with(UNBOUND), "{err}");
    (code, out, rest.to_owned())
}

fn json(out: &str) -> Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// The row of `competency` in the first person's report.
fn row<'a>(report: &'a Value, competency: &str) -> &'a Value {
    report["subjects"][0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["competency"] == competency)
        .unwrap_or_else(|| panic!("no row for {competency}"))
}

#[test]
fn aggregate_shows_three_peers_beside_self_and_supervisor() {
    let files = Files::new("three-peers");
    let (code, out, err) = aggregate(&["--show-unbound-groups"], &three_peers(&files));
    assert_eq!((code, err.as_str()), (0, ""));
    let report = json(&out);
    assert_eq!(report["type"], "CompetencyReport");
    assert_eq!(report["formatVersion"], 1);
    assert_eq!(report["minRaters"], 3);
    assert_eq!(
        report["framework"],
        serde_json::to_value(bundled_reference()).unwrap()
    );
    assert_eq!(report["setAside"], serde_json::json!([]));
    let awa = &report["subjects"][0];
    assert_eq!(
        (&awa["id"], &awa["name"]),
        (&"M-1024".into(), &"Awa Traoré".into())
    );
    assert_eq!(
        awa["raters"],
        serde_json::json!({ "peer": 3, "self": 1, "supervisor": 1 })
    );
    assert_eq!(awa["hidden"], serde_json::json!([]));

    let integrity = row(&report, "integrity");
    let peers = &integrity["groups"]["peer"];
    // (1 + 2 + 2) / 3
    assert_eq!(peers["mean"].as_f64(), Some(5.0 / 3.0));
    assert_eq!(
        (&peers["raters"], &peers["min"], &peers["max"]),
        (&3.into(), &1.into(), &2.into())
    );
    // Supervisor 2 and peers 1, 2, 2: 7 / 4; self 4 is a blind spot.
    assert_eq!(integrity["others"]["mean"].as_f64(), Some(1.75));
    assert_eq!(integrity["finding"], "blind-spot");
    assert_eq!(
        (&integrity["required"], &integrity["critical"]),
        (&2.into(), &true.into())
    );
    let teamwork = row(&report, "teamwork");
    assert_eq!(teamwork["groups"]["peer"]["notObserved"], 3);
    assert_eq!(teamwork["groups"]["peer"]["mean"], Value::Null);

    let peer_comments: Vec<&str> = awa["comments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["group"] == "peer")
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(peer_comments, ["Peer one speaks.", "Peer three speaks."]);
    assert_eq!(awa["developmentPlan"][0]["competency"], "teamwork");
    assert!(!out.contains("did:key"), "no key in the report");
}

#[test]
fn aggregate_without_a_campaign_says_so_and_hides_anonymous_groups() {
    let files = Files::new("unbound");
    let paths = three_peers(&files);
    let mut args = vec!["aggregate"];
    args.extend(paths.iter().map(String::as_str));
    let (code, out, err) = competency(&args);
    assert_eq!(code, 0);
    assert_eq!(
        err,
        format!(
            "{UNBOUND}, so anyone could have signed as a peer. Peers, direct reports and \
             others are left out (--show-unbound-groups shows them).\n"
        )
    );
    let report = json(&out);
    assert_eq!(report["raterIdentities"], "unbound");
    assert_eq!(report["anonymousGroupsShown"], false);
    assert!(
        report["warning"]
            .as_str()
            .unwrap()
            .starts_with("No campaign was given")
    );
    let awa = &report["subjects"][0];
    assert_eq!(awa["hidden"], serde_json::json!(["peer"]));
    assert!(!out.contains("Peer one speaks."));
}

#[test]
fn aggregate_leaves_two_peers_out_entirely() {
    let files = Files::new("two-peers");
    let mut paths = self_and_supervisor(&files);
    paths.push(files.signed("peer-1.json", &peer(1, "awareness", "Peer one speaks."), 11));
    paths.push(files.signed("peer-2.json", &peer(2, "awareness", "Peer two speaks."), 12));
    let (code, out, err) = aggregate(&[], &paths);
    assert_eq!((code, err.as_str()), (0, ""));
    let report = json(&out);
    let awa = &report["subjects"][0];
    assert_eq!(awa["hidden"], serde_json::json!(["peer"]));
    assert_eq!(
        awa["raters"],
        serde_json::json!({ "self": 1, "supervisor": 1 })
    );
    for row in awa["rows"].as_array().unwrap() {
        assert!(row["groups"].get("peer").is_none(), "{row}");
    }
    // The others' figure is the supervisor's alone.
    assert_eq!(
        row(&report, "integrity")["others"]["mean"].as_f64(),
        Some(2.0)
    );
    assert!(!out.contains("Peer"), "no peer comment: {out}");

    // Two are enough when the minimum says so.
    let (code, out, _) = aggregate(&["--min-raters", "2", "--show-unbound-groups"], &paths);
    assert_eq!(code, 0);
    let report = json(&out);
    assert_eq!(report["minRaters"], 2);
    assert_eq!(
        row(&report, "integrity")["groups"]["peer"]["mean"].as_f64(),
        Some(1.0)
    );
}

#[test]
fn aggregate_reports_and_excludes_a_tampered_file() {
    let files = Files::new("tampered");
    let mut paths = three_peers(&files);
    let mut tampered: Value =
        serde_json::from_str(&std::fs::read_to_string(&paths[4]).unwrap()).unwrap();
    tampered["ratings"][0]["level"] = "expert".into();
    paths[4] = files.write("peer-3-tampered.json", &tampered);
    let (code, out, err) = aggregate(&[], &paths);
    assert_eq!(code, 1);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].starts_with(&format!("{}: INVALID: ", paths[4]))
            && lines[0].contains("does not match"),
        "{err}"
    );
    // The report of the rest is still printed; two peers remain, too few to be shown.
    let report = json(&out);
    assert_eq!(report["subjects"][0]["hidden"], serde_json::json!(["peer"]));
    assert_eq!(report["setAside"], serde_json::json!([]));
    assert!(!out.contains("tampered"));
}

#[test]
fn aggregate_refuses_results_of_another_framework() {
    let files = Files::new("other-framework");
    let paths = three_peers(&files);
    let other = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/valid/hostile-text.json");
    let (code, out, err) = aggregate(&["--framework", other.to_str().unwrap()], &paths);
    assert_eq!(code, 1);
    assert_eq!(err.lines().count(), 5, "{err}");
    assert!(
        err.lines()
            .all(|l| l.contains(": INVALID: made against framework customs-competencies")),
        "{err}"
    );
    assert_eq!(json(&out)["subjects"], serde_json::json!([]));
}

#[test]
fn aggregate_writes_csv() {
    let files = Files::new("csv");
    let (code, out, err) = aggregate(
        &["--format", "csv", "--lang", "en", "--show-unbound-groups"],
        &three_peers(&files),
    );
    assert_eq!((code, err.as_str()), (0, ""));
    // For English spreadsheets: commas, decimal points, and a byte order mark first.
    let out = out.strip_prefix('\u{feff}').expect("a byte order mark");
    let lines: Vec<&str> = out.split("\r\n").collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    assert_eq!(
        header[..7],
        [
            "subject_id",
            "subject_name",
            "position",
            "competency",
            "competency_name",
            "required",
            "critical"
        ]
    );
    assert!(
        header.contains(&"peers_mean")
            && header.ends_with(&["all_others_mean", "gap", "finding", "rater_identities"])
    );
    let integrity: Vec<&str> = lines[1].split(',').collect();
    let cell = |name: &str| integrity[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!(cell("competency"), "integrity");
    assert_eq!(cell("competency_name"), "Integrity and ethics");
    assert_eq!(cell("peers_mean"), "1.67");
    assert_eq!(cell("all_others_mean"), "1.75");
    assert_eq!(cell("rater_identities"), "unbound");
    // Two rows (integrity, teamwork), then the final line break.
    assert_eq!(lines.len(), 4, "{out}");
    assert_eq!(lines[3], "");
}

#[test]
fn aggregate_usage_errors_exit_with_2() {
    let files = Files::new("usage");
    let paths = self_and_supervisor(&files);
    for options in [
        &["--min-raters", "0"][..],
        &["--min-raters", "-1"],
        &["--min-raters", "two"],
        &["--format", "xml"],
        &["--subject", " "],
        &["--colour", "red"],
        &["--min-raters"],
    ] {
        let (code, out, err) = aggregate(options, &paths);
        assert_eq!((code, out.as_str()), (2, ""), "{options:?}: {err}");
        assert!(!err.is_empty(), "{options:?}");
    }
    let (_, _, err) = aggregate(&["--min-raters", "0"], &paths);
    assert_eq!(
        err.trim(),
        "--min-raters must be a whole number of at least 1, not `0`"
    );
    let (code, out, err) = competency(&["aggregate"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.starts_with("usage: competency aggregate"), "{err}");
}

#[test]
fn aggregate_sets_aside_the_earlier_result_of_the_same_key() {
    let files = Files::new("same-key");
    let mut paths = self_and_supervisor(&files);
    let later = document(
        2,
        "supervisor",
        AWA,
        "2026-11-21T09:00:00Z",
        &[("integrity", Some("advanced"), "")],
    );
    paths.push(files.signed("supervisor-later.json", &later, 2));
    let (code, out, err) = aggregate(&[], &paths);
    assert_eq!((code, err.as_str()), (1, ""));
    let report = json(&out);
    assert_eq!(
        report["setAside"],
        serde_json::json!([{ "source": paths[1], "reason": "superseded", "by": paths[2] }])
    );
    assert_eq!(report["subjects"][0]["raters"]["supervisor"], 1);
    let integrity = row(&report, "integrity");
    assert_eq!(
        integrity["groups"]["supervisor"]["mean"].as_f64(),
        Some(3.0)
    );
    // The earlier result's comment went with it.
    assert!(!out.contains("Solide."));

    // CSV has no room for it: standard error names it.
    let (code, _, err) = aggregate(&["--format", "csv"], &paths);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!(
            "{}: set aside: superseded by {}, the latest result from the same rater\n",
            paths[1], paths[2]
        )
    );
}

#[test]
fn aggregate_for_one_subject_sets_the_others_aside() {
    let files = Files::new("subject");
    let mut paths = three_peers(&files);
    let moussa = document(
        20,
        "self",
        ("", "Moussa  DIALLO"),
        T,
        &[("integrity", Some("expert"), "")],
    );
    paths.push(files.signed("moussa.json", &moussa, 20));

    let (code, out, _) = aggregate(&[], &paths);
    assert_eq!(code, 0);
    assert_eq!(json(&out)["subjects"].as_array().unwrap().len(), 2);

    // Leaving the others out is what was asked: not a failure.
    let (code, out, err) = aggregate(&["--subject", "M-1024"], &paths);
    assert_eq!((code, err.as_str()), (0, ""));
    let report = json(&out);
    assert_eq!(report["subjects"].as_array().unwrap().len(), 1);
    assert_eq!(report["subjects"][0]["name"], "Awa Traoré");
    assert_eq!(
        report["setAside"],
        serde_json::json!([{ "source": paths[5], "reason": "otherSubject", "name": "Moussa  DIALLO" }])
    );

    // By name, with spaces and case folded; in French (the framework's language) by default:
    // semicolons between cells, for French spreadsheets.
    let (code, out, err) = aggregate(&["--subject", "moussa diallo", "--format", "csv"], &paths);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.starts_with("\u{feff}subject_id;subject_name;"), "{out}");
    assert!(
        out.lines().nth(1).unwrap().starts_with(";Moussa  DIALLO;"),
        "{out}"
    );
    assert_eq!(err.lines().count(), 5, "{err}");
    assert!(
        err.starts_with(&format!(
            "{}: set aside: about Awa Traoré, not moussa diallo\n",
            paths[0]
        )),
        "{err}"
    );
}
