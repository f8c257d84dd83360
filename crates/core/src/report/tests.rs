//! Aggregates computed by hand. The bundled framework's scale is awareness (1), trained (2),
//! advanced (3), expert (4); the customs officer position requires `trained` (2) in
//! `integrity` (critical) and `teamwork`.

use super::*;
use crate::bundled;
use crate::result::{App, KeyProtection, Rater, RatingRecord, SubjectRecord};

fn framework() -> Framework {
    bundled::framework().unwrap()
}

fn reference() -> FrameworkReference {
    FrameworkReference {
        id: "customs-competencies".into(),
        version: framework().version,
        sha256: "ab".repeat(32),
    }
}

/// A result from the rater with key `key`, rating each (competency, level or None for not
/// observed, comment).
fn result(
    key: &str,
    role: Role,
    completed: &str,
    ratings: &[(&str, Option<&str>, &str)],
) -> Source {
    let framework = framework();
    Source {
        name: format!("{key}-{completed}.json"),
        result: ResultDocument {
            kind: crate::result::RESULT_TYPE.into(),
            format_version: crate::result::FORMAT_VERSION,
            id: format!("id-{key}-{completed}"),
            app: App {
                name: "test".into(),
                version: "0".into(),
            },
            framework: FrameworkReference {
                id: framework.id.clone(),
                ..reference()
            },
            subject: SubjectRecord {
                id: "M-1024".into(),
                name: "Awa Traoré".into(),
                position: Some("customs-officer".into()),
            },
            rater: Rater {
                role: role.id().into(),
                id: None,
                name: None,
                key: format!("did:key:{key}"),
                key_protection: KeyProtection::NonExtractable,
            },
            locale: "fr".into(),
            started_at: completed.into(),
            completed_at: completed.into(),
            ratings: ratings
                .iter()
                .map(|(competency, level, comment)| RatingRecord {
                    competency: (*competency).into(),
                    level: level.map(str::to_owned),
                    not_observed: level.is_none(),
                    comment: (*comment).into(),
                    evidence: String::new(),
                })
                .collect(),
            development_plan: Vec::new(),
            challenge: None,
            invitation: None,
            proof: None,
        },
        token_sha256: None,
    }
}

fn expected() -> FrameworkReference {
    FrameworkReference {
        id: framework().id,
        ..reference()
    }
}

/// Without a campaign, every group shown (a quick look).
fn run(sources: Vec<Source>) -> Report {
    let options = Options {
        show_unbound_groups: true,
        ..Options::default()
    };
    aggregate(&framework(), &expected(), None, sources, &options)
}

const T: &str = "2026-11-20T10:00:00Z";

fn peer(key: &str, level: &str, comment: &str) -> Source {
    result(
        key,
        Role::Peer,
        T,
        &[("integrity", Some(level), comment), ("teamwork", None, "")],
    )
}

fn base() -> Vec<Source> {
    vec![
        result(
            "self",
            Role::SelfAssessment,
            T,
            &[
                ("integrity", Some("expert"), "Toujours."),
                ("teamwork", Some("awareness"), ""),
            ],
        ),
        result(
            "boss",
            Role::Supervisor,
            T,
            &[
                ("integrity", Some("trained"), "Solide."),
                ("teamwork", Some("advanced"), ""),
            ],
        ),
    ]
}

#[test]
fn two_peers_are_left_out_entirely() {
    let mut sources = base();
    sources.push(peer("p1", "awareness", "Peer one speaks."));
    sources.push(peer("p2", "awareness", "Peer two speaks."));
    let report = run(sources);
    assert!(report.set_aside.is_empty());
    let awa = &report.subjects[0];
    assert_eq!(awa.hidden, vec!["peer"]);
    assert_eq!(
        awa.raters,
        BTreeMap::from([("self".into(), 1), ("supervisor".into(), 1)])
    );
    let integrity = &awa.rows[0];
    assert_eq!(integrity.competency, "integrity");
    assert!(integrity.group(Role::Peer).is_none());
    // The others' figure is the supervisor's alone: the peers' 1s are not in it.
    assert_eq!(integrity.others.mean, Some(2.0));
    assert_eq!(integrity.others.raters, 1);
    assert!(awa.comments.iter().all(|c| c.group != "peer"));
    assert!(!awa.comments.iter().any(|c| c.text.contains("Peer")));
    // Self 4 against others 2: a blind spot.
    assert_eq!(integrity.finding, Some(Finding::BlindSpot));
    assert_eq!(integrity.required, Some(2));
    assert!(integrity.critical);
    let csv = to_csv(&report, &framework(), "fr");
    assert!(!csv.contains("Peer"));
}

#[test]
fn three_peers_are_shown_with_mean_spread_and_comments() {
    let mut sources = base();
    sources.push(peer("p1", "awareness", "Peer one speaks."));
    sources.push(peer("p2", "trained", ""));
    sources.push(peer("p3", "trained", "Peer three speaks."));
    let report = run(sources);
    let awa = &report.subjects[0];
    assert!(awa.hidden.is_empty());
    assert_eq!(awa.raters.get("peer"), Some(&3));
    let integrity = &awa.rows[0];
    let peers = integrity.group(Role::Peer).unwrap();
    assert_eq!(peers.raters, 3);
    assert_eq!(peers.not_observed, 0);
    assert_eq!(peers.mean, Some(5.0 / 3.0));
    assert_eq!((peers.min, peers.max), (Some(1), Some(2)));
    // Others: supervisor 2, peers 1, 2, 2 → 7 / 4.
    assert_eq!(integrity.others.mean, Some(1.75));
    assert_eq!(integrity.gap(), Some(-0.25));
    assert_eq!(integrity.finding, Some(Finding::BlindSpot));
    // Teamwork: the peers did not observe it; self 1 against the supervisor's 3.
    let teamwork = awa
        .rows
        .iter()
        .find(|r| r.competency == "teamwork")
        .unwrap();
    let peers = teamwork.group(Role::Peer).unwrap();
    assert_eq!((peers.raters, peers.not_observed, peers.mean), (3, 3, None));
    assert_eq!(teamwork.others.mean, Some(3.0));
    assert_eq!(teamwork.finding, Some(Finding::HiddenStrength));
    let peer_comments: Vec<_> = awa
        .comments
        .iter()
        .filter(|c| c.group == "peer")
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(peer_comments, ["Peer one speaks.", "Peer three speaks."]);
    let json = ReportDocument::new(&report).to_json();
    assert!(!json.contains("did:key"), "no author, no key in the report");
    let csv = to_csv(&report, &framework(), "en");
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let line: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
    let cell = |name: &str| line[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!(cell("competency"), "integrity");
    assert_eq!(cell("peers_mean"), "1.67");
    assert_eq!(cell("all_others_mean"), "1.75");
    assert_eq!(cell("finding"), "blind-spot");
    // For French spreadsheets: semicolons and decimal commas.
    let csv = to_csv(&report, &framework(), "fr");
    let header: Vec<&str> = csv.lines().next().unwrap().split(';').collect();
    let line: Vec<&str> = csv.lines().nth(1).unwrap().split(';').collect();
    let cell = |name: &str| line[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!(cell("peers_mean"), "1,67");
    assert_eq!(cell("gap"), "-0,25");
}

#[test]
fn a_competency_too_few_peers_gave_a_level_to_shows_no_peer_figure() {
    let mut sources = base();
    sources.push(peer("p1", "expert", ""));
    sources.push(peer("p2", "expert", ""));
    sources.push(result(
        "p3",
        Role::Peer,
        T,
        &[
            ("integrity", None, "I did not see it."),
            ("teamwork", None, ""),
        ],
    ));
    sources[2].result.ratings[0].comment = "Only two of us rated this.".into();
    let report = run(sources);
    let integrity = &report.subjects[0].rows[0];
    assert!(integrity.group(Role::Peer).is_none());
    // Nor their comments on it, which would point at the two.
    assert!(
        report.subjects[0]
            .comments
            .iter()
            .all(|c| c.group != "peer"),
        "{:?}",
        report.subjects[0].comments
    );
    // Nor are the two peers' 4s in the others' figure, which is the supervisor's alone.
    assert_eq!(integrity.others.mean, Some(2.0));
    // Nobody gave a level to teamwork: the counts say nothing about anyone.
    let teamwork = &report.subjects[0].rows[1];
    assert_eq!(teamwork.group(Role::Peer).unwrap().not_observed, 3);
}

#[test]
fn a_result_naming_what_the_framework_lacks_is_set_aside() {
    let mut sources = base();
    sources.push(result(
        "x",
        Role::Peer,
        T,
        &[("integrity", Some("guru"), "")],
    ));
    sources.push(result(
        "y",
        Role::Peer,
        T,
        &[("juggling", Some("expert"), "")],
    ));
    let report = run(sources);
    let reasons: Vec<_> = report.set_aside.iter().map(|s| s.reason.clone()).collect();
    assert_eq!(
        reasons,
        [
            SetAsideReason::NotInFramework {
                what: "integrity/guru".into()
            },
            SetAsideReason::NotInFramework {
                what: "juggling".into()
            },
        ]
    );
}

#[test]
fn the_same_file_twice_is_said_to_be_repeated() {
    let mut sources = base();
    sources.push(sources[1].clone());
    let report = run(sources);
    assert_eq!(
        report.set_aside[0].reason,
        SetAsideReason::Repeated {
            of: format!("boss-{T}.json")
        }
    );
}

#[test]
fn the_same_key_twice_counts_once_the_latest() {
    let mut sources = base();
    sources.push(result(
        "boss",
        Role::Supervisor,
        "2026-11-21T09:00:00Z",
        &[("integrity", Some("advanced"), "")],
    ));
    // Listed after the later one: still the earlier, still set aside.
    sources.push(result(
        "boss",
        Role::Supervisor,
        "2026-11-19T09:00:00Z",
        &[("integrity", Some("awareness"), "")],
    ));
    let report = run(sources);
    let awa = &report.subjects[0];
    assert_eq!(awa.raters.get("supervisor"), Some(&1));
    assert_eq!(awa.rows[0].group(Role::Supervisor).unwrap().mean, Some(3.0));
    let later = "boss-2026-11-21T09:00:00Z.json";
    assert_eq!(
        report.set_aside,
        vec![
            SetAside {
                source: format!("boss-{T}.json"),
                reason: SetAsideReason::Superseded { by: later.into() },
            },
            SetAside {
                source: "boss-2026-11-19T09:00:00Z.json".into(),
                reason: SetAsideReason::Superseded { by: later.into() },
            },
        ]
    );
}

#[test]
fn another_framework_version_or_content_is_set_aside() {
    let mut sources = base();
    let mut old = peer("p1", "expert", "");
    old.result.framework.version = "0.9.0".into();
    let mut edited = peer("p2", "expert", "");
    edited.result.framework.sha256 = "cd".repeat(32);
    sources.push(old);
    sources.push(edited);
    let report = run(sources);
    assert_eq!(report.set_aside.len(), 2);
    assert!(matches!(
        &report.set_aside[0].reason,
        SetAsideReason::OtherFramework { version, .. } if version == "0.9.0"
    ));
    assert_eq!(report.subjects[0].raters.get("peer"), None);
    assert!(report.subjects[0].hidden.is_empty());
}

#[test]
fn another_person_is_set_aside_when_one_is_asked_for() {
    let mut sources = base();
    let mut other = peer("p1", "expert", "");
    other.result.subject = SubjectRecord {
        id: String::new(),
        name: "Moussa  DIALLO".into(),
        position: None,
    };
    sources.push(other.clone());
    let all = run(sources.clone());
    assert_eq!(all.subjects.len(), 2);
    assert_eq!(all.subjects[1].name, "Moussa  DIALLO");
    // A person known by name alone is found with spaces and case folded.
    let options = Options {
        subject: Some("moussa diallo".into()),
        show_unbound_groups: true,
        ..Options::default()
    };
    let one = aggregate(&framework(), &expected(), None, sources.clone(), &options);
    assert_eq!(one.subjects.len(), 1);
    assert_eq!(one.set_aside.len(), 2);
    let options = Options {
        subject: Some("M-1024".into()),
        show_unbound_groups: true,
        ..Options::default()
    };
    let awa = aggregate(&framework(), &expected(), None, sources, &options);
    assert_eq!(awa.subjects[0].name, "Awa Traoré");
    assert_eq!(
        awa.set_aside,
        vec![SetAside {
            source: other.name,
            reason: SetAsideReason::OtherSubject {
                name: "Moussa  DIALLO".into()
            },
        }]
    );
}

#[test]
fn all_not_observed_gives_counts_and_no_mean() {
    let sources = vec![
        result("boss", Role::Supervisor, T, &[("integrity", None, "")]),
        result("p1", Role::Peer, T, &[("integrity", None, "")]),
        result("p2", Role::Peer, T, &[("integrity", None, "")]),
        result("p3", Role::Peer, T, &[("integrity", None, "")]),
    ];
    let report = run(sources);
    let row = &report.subjects[0].rows[0];
    assert_eq!(row.others.raters, 4);
    assert_eq!(row.others.not_observed, 4);
    assert_eq!(
        (row.others.mean, row.gap(), row.finding),
        (None, None, None)
    );
    let csv = to_csv(&report, &framework(), "fr");
    assert!(csv.lines().nth(1).unwrap().contains(";;3;3;;;"));
}

#[test]
fn the_minimum_is_configurable_and_never_below_one() {
    let mut sources = base();
    sources.push(peer("p1", "advanced", ""));
    sources.push(peer("p2", "advanced", ""));
    let options = Options {
        min_raters: 2,
        show_unbound_groups: true,
        ..Options::default()
    };
    let report = aggregate(&framework(), &expected(), None, sources.clone(), &options);
    assert_eq!(report.subjects[0].raters.get("peer"), Some(&2));
    let options = Options {
        min_raters: 0,
        ..Options::default()
    };
    assert_eq!(
        aggregate(&framework(), &expected(), None, sources, &options).min_raters,
        1
    );
}

#[test]
fn the_plan_comes_from_the_persons_own_result() {
    let mut sources = base();
    sources[0].result.development_plan = vec![crate::result::PlanRecord {
        competency: "teamwork".into(),
        target_level: "trained".into(),
        target_date: "2027-06-30".into(),
        actions: Vec::new(),
    }];
    sources[1].result.development_plan = vec![crate::result::PlanRecord {
        competency: "integrity".into(),
        target_level: "expert".into(),
        target_date: "2027-06-30".into(),
        actions: Vec::new(),
    }];
    let report = run(sources);
    let plan = &report.subjects[0].development_plan;
    assert_eq!(plan.len(), 1);
    assert_eq!(plan[0].competency, "teamwork");
}

#[test]
fn one_portal_id_signed_with_two_keys_counts_not_at_all() {
    // Without a campaign nothing says which key is the rater's: a second key naming a
    // rater's portal id voids both (it never replaces the first).
    let mut sources = base();
    sources.push(peer("p1", "awareness", ""));
    sources.push(peer("p2", "awareness", ""));
    let mut again = result(
        "p2-laptop",
        Role::Peer,
        "2026-11-21T08:00:00Z",
        &[("integrity", Some("expert"), "")],
    );
    again.result.rater.id = Some("R-2".into());
    sources[3].result.rater.id = Some("R-2".into());
    sources.push(again);
    let report = run(sources);
    assert_eq!(report.subjects[0].hidden, ["peer"], "one peer left");
    let reasons: Vec<_> = report.set_aside.iter().map(|s| s.reason.clone()).collect();
    assert_eq!(
        reasons,
        [SetAsideReason::KeysConflict, SetAsideReason::KeysConflict]
    );
}

mod attacks;
