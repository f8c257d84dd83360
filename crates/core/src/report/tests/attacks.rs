//! Each attack on a 360 report, as HR would try it with well-signed files: anyone can make a
//! key and sign a result that claims any role, subject, rater id or date. Each test names the
//! attack it stops in its first line.

use sha2::{Digest, Sha256};

use super::*;
use crate::campaign::{self, Campaign, Invitation, Outcome};
use crate::result::InvitationRecord;
use crate::time::Moment;

const CAMPAIGN: &str = "360-2027";

fn sha(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// A well-formed token, one per name.
fn token(name: &str) -> String {
    format!("{name:-<22}")
}

/// A campaign about Awa (customs officer), minimum 3, with one invitation per
/// `(invitation id, role, token name)`.
fn campaign(invitations: &[(&str, Role, &str)]) -> Campaign {
    Campaign {
        id: CAMPAIGN.into(),
        title: "360 2027".into(),
        framework: expected(),
        min_raters: 3,
        subjects: vec![
            campaign::Subject {
                id: "M-1024".into(),
                name: "Awa Traoré".into(),
                position: Some("customs-officer".into()),
            },
            campaign::Subject {
                id: "M-2001".into(),
                name: "Moussa Diallo".into(),
                position: None,
            },
        ],
        invitations: invitations
            .iter()
            .map(|(id, role, name)| Invitation {
                id: (*id).into(),
                subject: "M-1024".into(),
                role: *role,
                rater_name: Some(format!("rater of {id}")),
                rater_id: None,
                closes: None,
                token_sha256: sha(token(name).as_bytes()),
            })
            .collect(),
    }
}

/// `source` as answering the invitation with the token named `name`.
fn invited(mut source: Source, name: &str) -> Source {
    source.result.invitation = Some(InvitationRecord {
        campaign: CAMPAIGN.into(),
        token: token(name),
    });
    Source::new(source.name, source.result, sha)
}

fn run_with(campaign: &Campaign, sources: Vec<Source>) -> Report {
    aggregate(
        &framework(),
        &expected(),
        Some(campaign),
        sources,
        &Options::default(),
    )
}

/// Self, supervisor and three peers, each through their invitation.
fn invited_base() -> Vec<Source> {
    let mut sources = base();
    sources[0] = invited(sources[0].clone(), "self");
    sources[1] = invited(sources[1].clone(), "boss");
    sources.push(invited(peer("p1", "trained", "Peer one speaks."), "p1"));
    sources.push(invited(peer("p2", "trained", ""), "p2"));
    sources.push(invited(peer("p3", "advanced", ""), "p3"));
    sources
}

fn full_campaign() -> Campaign {
    campaign(&[
        ("I-self", Role::SelfAssessment, "self"),
        ("I-boss", Role::Supervisor, "boss"),
        ("I-p1", Role::Peer, "p1"),
        ("I-p2", Role::Peer, "p2"),
        ("I-p3", Role::Peer, "p3"),
        ("I-p4", Role::Peer, "p4"),
    ])
}

fn reasons(report: &Report) -> Vec<(String, SetAsideReason)> {
    report
        .set_aside
        .iter()
        .map(|s| (s.source.clone(), s.reason.clone()))
        .collect()
}

#[test]
fn sybil_peers_signed_with_keys_made_on_the_spot_form_no_group() {
    // Attack: one genuine peer plus two results signed with new keys, all claiming `peer`,
    // make a group of three whose mean gives the genuine peer's level away.
    let c = campaign(&[("I-p1", Role::Peer, "genuine")]);
    let mut sources = vec![invited(
        peer("genuine", "expert", "Genuine words."),
        "genuine",
    )];
    sources.push(peer("forged1", "awareness", ""));
    // Even with a token of their own making.
    sources.push(invited(peer("forged2", "awareness", ""), "forged2"));
    let report = run_with(&c, sources);
    assert_eq!(
        reasons(&report),
        [
            (format!("forged1-{T}.json"), SetAsideReason::NotInvited),
            (
                format!("forged2-{T}.json"),
                SetAsideReason::UnknownInvitation
            ),
        ]
    );
    let awa = &report.subjects[0];
    assert_eq!(awa.hidden, ["peer"]);
    assert!(awa.rows.iter().all(|r| r.group(Role::Peer).is_none()));
    assert!(awa.comments.is_empty());

    // Without a campaign, the same files show no peer group unless asked for, and the
    // report says that nothing binds its raters.
    let mut sources = base();
    sources.push(peer("genuine", "expert", "Genuine words."));
    sources.push(peer("forged1", "awareness", ""));
    sources.push(peer("forged2", "awareness", ""));
    let report = aggregate(
        &framework(),
        &expected(),
        None,
        sources,
        &Options::default(),
    );
    assert_eq!(report.subjects[0].hidden, ["peer"]);
    assert!(
        !report.subjects[0]
            .comments
            .iter()
            .any(|c| c.group == "peer")
    );
    let json = ReportDocument::new(&report).to_json();
    assert!(json.contains(r#""raterIdentities": "unbound""#), "{json}");
    assert!(json.contains(r#""anonymousGroupsShown": false"#), "{json}");
    assert!(to_csv(&report, &framework(), "fr").contains(";unbound\r\n"));
}

#[test]
fn a_forged_result_naming_the_supervisors_portal_id_replaces_nobody() {
    // Attack: a result naming the genuine supervisor's portal id and role, signed with
    // another key and dated 9999, superseded the genuine one ("latest wins").
    let c = &full_campaign();
    let mut sources = invited_base();
    sources[1].result.rater.id = Some("S-1".into());
    let mut forged = result(
        "forger",
        Role::Supervisor,
        "9999-12-31T23:59:59Z",
        &[("integrity", Some("awareness"), "")],
    );
    forged.result.rater.id = Some("S-1".into());
    sources.push(forged);
    let report = run_with(c, sources);
    assert_eq!(
        reasons(&report),
        [(
            "forger-9999-12-31T23:59:59Z.json".into(),
            SetAsideReason::NotInvited
        )]
    );
    let supervisor = report.subjects[0].rows[0].group(Role::Supervisor).unwrap();
    assert_eq!(supervisor.mean, Some(2.0));

    // Without a campaign, the forged result cannot replace the supervisor either: a portal id
    // signed with two keys voids both.
    let mut sources = base();
    sources[1].result.rater.id = Some("S-1".into());
    let mut forged = result(
        "forger",
        Role::Supervisor,
        "9999-12-31T23:59:59Z",
        &[("integrity", Some("awareness"), "")],
    );
    forged.result.rater.id = Some("S-1".into());
    sources.push(forged);
    let report = run(sources);
    assert!(
        report.subjects[0]
            .rows
            .iter()
            .all(|r| r.group(Role::Supervisor).is_none())
    );
    assert_eq!(
        report
            .set_aside
            .iter()
            .map(|s| s.reason.clone())
            .collect::<Vec<_>>(),
        [SetAsideReason::KeysConflict, SetAsideReason::KeysConflict]
    );
}

#[test]
fn a_token_used_by_a_second_key_sets_both_aside() {
    // Attack: whoever got hold of the supervisor's link answers with their own key.
    let c = &full_campaign();
    let mut sources = invited_base();
    sources.push(invited(
        result(
            "thief",
            Role::Supervisor,
            "2026-11-21T08:00:00Z",
            &[("integrity", Some("awareness"), "")],
        ),
        "boss",
    ));
    let report = run_with(c, sources);
    let conflict = SetAsideReason::Conflict {
        invitation: "I-boss".into(),
    };
    assert_eq!(
        reasons(&report),
        [
            (format!("boss-{T}.json"), conflict.clone()),
            ("thief-2026-11-21T08:00:00Z.json".into(), conflict),
        ]
    );
    assert!(report.subjects[0].rows[0].group(Role::Supervisor).is_none());
    assert_eq!(report.invitations.get("I-boss"), Some(&Outcome::Conflict));
    // The report says why, but never which invitation (with the campaign file, whose).
    let json = ReportDocument::new(&report).to_json();
    assert!(json.contains(r#""reason": "conflict""#), "{json}");
    assert!(!json.contains("I-boss"), "{json}");
    let completion = c.completion(&report.invitations);
    let supervisor = completion
        .iter()
        .find(|r| r.role == Role::Supervisor)
        .unwrap();
    assert_eq!(
        (supervisor.answered, supervisor.conflicts.clone()),
        (0, vec!["rater of I-boss".to_owned()])
    );
}

#[test]
fn a_token_for_another_subject_role_or_position_counts_nowhere() {
    // Attack: a peer's genuine token reused to rate another person, or in another role, or
    // against another position's competencies.
    let c = full_campaign();
    let mut moussa = invited(peer("p1", "expert", ""), "p1");
    moussa.result.subject = SubjectRecord {
        id: "M-2001".into(),
        name: "Moussa Diallo".into(),
        position: None,
    };
    let as_boss = invited(
        result(
            "p2",
            Role::Supervisor,
            T,
            &[("integrity", Some("expert"), "")],
        ),
        "p2",
    );
    let mut other_position = invited(peer("p3", "expert", ""), "p3");
    other_position.result.subject.position = Some("head-of-border-post".into());
    let report = run_with(&c, vec![moussa, as_boss, other_position]);
    let mismatch = |invitation: &str, field| SetAsideReason::InvitationMismatch {
        invitation: invitation.into(),
        field,
    };
    assert_eq!(
        reasons(&report)
            .into_iter()
            .map(|(_, r)| r)
            .collect::<Vec<_>>(),
        [
            mismatch("I-p1", "subject"),
            mismatch("I-p2", "role"),
            mismatch("I-p3", "position"),
        ]
    );
    assert!(report.subjects.is_empty());
}

#[test]
fn a_result_completed_after_its_invitation_closed_does_not_count() {
    // Attack: answering once the campaign is over (or a late change of mind).
    let mut c = full_campaign();
    for invitation in &mut c.invitations {
        invitation.closes = Moment::parse("2026-11-30T23:59:59Z");
    }
    let mut sources = invited_base();
    // Half an hour into December in UTC, though "30" as written.
    sources[2].result.completed_at = "2026-11-30T23:30:00-01:00".into();
    // The last minute of November in UTC, though "December" as written.
    sources[3].result.completed_at = "2026-12-01T00:59:00+01:00".into();
    let report = run_with(&c, sources);
    assert_eq!(
        reasons(&report),
        [(
            format!("p1-{T}.json"),
            SetAsideReason::AfterClosing {
                invitation: "I-p1".into(),
                closes: "2026-11-30T23:59:59Z".into()
            }
        )]
    );
    assert_eq!(report.subjects[0].hidden, ["peer"], "two peers in time");
}

#[test]
fn a_report_on_one_person_does_not_depend_on_who_else_is_asked_for() {
    // Attack: a result naming Awa by name only joined her in a full run but was set aside
    // under `--subject M-1024`; the two reports gave that peer's level exactly.
    let mut sources = base();
    sources.push(peer("p1", "trained", ""));
    sources.push(peer("p2", "trained", ""));
    sources.push(peer("p3", "trained", ""));
    let mut by_name = peer("p4", "expert", "");
    by_name.result.subject.id = String::new();
    sources.push(by_name);
    let options = |subject: Option<&str>| Options {
        subject: subject.map(str::to_owned),
        show_unbound_groups: true,
        ..Options::default()
    };
    let full = aggregate(
        &framework(),
        &expected(),
        None,
        sources.clone(),
        &options(None),
    );
    let one = aggregate(
        &framework(),
        &expected(),
        None,
        sources.clone(),
        &options(Some("M-1024")),
    );
    let awa = |r: &Report| r.subjects.iter().find(|s| s.id == "M-1024").cloned();
    assert_eq!(awa(&full), awa(&one));
    assert_eq!(
        awa(&full).unwrap().rows[0].group(Role::Peer).unwrap().mean,
        Some(2.0)
    );
    // The result without an id is about someone else: the person known by that name alone.
    assert_eq!(full.subjects.len(), 2);
    assert_eq!(full.subjects[1].id, "");
    let by_name = aggregate(
        &framework(),
        &expected(),
        None,
        sources,
        &options(Some("awa traoré")),
    );
    assert_eq!(by_name.subjects.len(), 1);
    assert_eq!(by_name.subjects[0].id, "");
}

#[test]
fn a_lone_raters_comment_on_a_competency_is_not_shown() {
    // Attack: for a competency only one peer answered ("not observed" plus a comment), the
    // peers' row and that comment were shown, though three peers rated the rest.
    let mut sources = base();
    sources.push(result(
        "p1",
        Role::Peer,
        T,
        &[
            ("integrity", Some("trained"), ""),
            ("teamwork", None, "Lone words."),
        ],
    ));
    sources.push(result(
        "p2",
        Role::Peer,
        T,
        &[("integrity", Some("trained"), "")],
    ));
    sources.push(result(
        "p3",
        Role::Peer,
        T,
        &[("integrity", Some("trained"), "")],
    ));
    let report = run(sources);
    let awa = &report.subjects[0];
    assert!(
        awa.rows[0].group(Role::Peer).is_some(),
        "three rated integrity"
    );
    let teamwork = awa
        .rows
        .iter()
        .find(|r| r.competency == "teamwork")
        .unwrap();
    assert!(teamwork.group(Role::Peer).is_none());
    assert!(!awa.comments.iter().any(|c| c.text == "Lone words."));
}

#[test]
fn results_linked_through_a_key_and_a_portal_id_count_the_same_in_any_order() {
    // Attack: a result sharing a key with one and a portal id with another left two of the
    // three counted, depending on the order of the files. Linked, they are one rater's; and
    // as they were signed with two keys, none counts, whatever the order.
    let mut a = peer("k1", "trained", "");
    a.result.rater.id = Some("P1".into());
    let mut b = result(
        "k1",
        Role::Peer,
        "2026-11-20T11:00:00Z",
        &[("integrity", Some("trained"), "")],
    );
    b.result.rater.id = Some("P2".into());
    let mut c = peer("k3", "trained", "");
    c.result.rater.id = Some("P2".into());
    for order in [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ] {
        let all = [&a, &b, &c];
        let sources = order.iter().map(|&i| all[i].clone()).collect();
        let report = run(sources);
        let reasons: Vec<_> = report.set_aside.iter().map(|s| s.reason.clone()).collect();
        assert_eq!(reasons, vec![SetAsideReason::KeysConflict; 3], "{order:?}");
        assert!(report.subjects.is_empty(), "{order:?}");
    }
    // One key, three results: the latest counts, in any order.
    let later = |at: &str, level: &str| {
        let mut r = result("k9", Role::Peer, at, &[("integrity", Some(level), "")]);
        r.name = format!("k9-{at}");
        r
    };
    let same_key = [
        later("2026-11-20T10:00:00Z", "awareness"),
        later("2026-11-20T12:00:00Z", "expert"),
        later("2026-11-20T11:00:00Z", "trained"),
    ];
    for order in [[0, 1, 2], [2, 1, 0], [1, 0, 2]] {
        let sources = order.iter().map(|&i| same_key[i].clone()).collect();
        let report = run(sources);
        assert!(report.set_aside.iter().all(|s| matches!(
            &s.reason,
            SetAsideReason::Superseded { by } if by == "k9-2026-11-20T12:00:00Z"
        )));
    }
}

#[test]
fn two_results_of_one_key_at_the_same_instant_count_the_same_in_any_order() {
    // 10:00 UTC and 11:00 at UTC+1 are one instant, with the same id: the content decides,
    // never the order of the files, and neither is said to be "the same result".
    let mut first = peer("k7", "awareness", "");
    first.name = "first.json".into();
    let mut second = peer("k7", "expert", "");
    second.name = "second.json".into();
    second.result.completed_at = "2026-11-20T11:00:00+01:00".into();
    second.result.id = first.result.id.clone();
    let counted = |sources: Vec<Source>| {
        let report = run(sources);
        assert!(matches!(
            report.set_aside[0].reason,
            SetAsideReason::Superseded { .. }
        ));
        report.set_aside[0].source.clone()
    };
    assert_eq!(
        counted(vec![first.clone(), second.clone()]),
        counted(vec![second, first])
    );
}

#[test]
fn a_completion_that_is_not_a_date_wins_nothing() {
    // Attack: `completedAt` compared as text, so "~ not a date" beat every real date.
    let mut sources = base();
    sources.push(result(
        "boss",
        Role::Supervisor,
        "~ not a date",
        &[("integrity", Some("expert"), "")],
    ));
    let report = run(sources);
    assert_eq!(
        reasons(&report),
        [("boss-~ not a date.json".into(), SetAsideReason::BadDate)]
    );
    let supervisor = report.subjects[0].rows[0].group(Role::Supervisor).unwrap();
    assert_eq!(supervisor.mean, Some(2.0));
}

#[test]
fn the_latest_of_one_invitation_is_the_latest_instant() {
    // 23:00 at UTC-2 is 01:00 UTC the next day: later than 00:30 UTC, though it reads
    // earlier as text.
    let c = &full_campaign();
    let mut sources = invited_base();
    let mut again = sources[1].clone();
    again.name = "boss-again.json".into();
    again.result.id = "boss-again".into();
    again.result.completed_at = "2026-11-20T23:00:00-02:00".into();
    again.result.ratings[0].level = Some("expert".into());
    let mut between = sources[1].clone();
    between.name = "boss-between.json".into();
    between.result.id = "boss-between".into();
    between.result.completed_at = "2026-11-21T00:30:00Z".into();
    sources.extend([again, between]);
    let report = run_with(c, sources);
    let supervisor = report.subjects[0].rows[0].group(Role::Supervisor).unwrap();
    assert_eq!(supervisor.mean, Some(4.0));
    assert_eq!(report.set_aside.len(), 2);
    assert!(report.set_aside.iter().all(|s| matches!(
        &s.reason,
        SetAsideReason::Superseded { by } if by == "boss-again.json"
    )));
}

#[test]
fn one_key_answering_two_invitations_for_one_person_counts_once() {
    let c = &full_campaign();
    let mut sources = invited_base();
    // p3's key answers p4's invitation too: three invitations answered, two raters.
    let mut twice = sources[4].clone();
    twice.name = "p3-again.json".into();
    twice.result.id = "p3-again".into();
    sources.push(invited(twice, "p4"));
    let report = run_with(c, sources);
    assert_eq!(report.subjects[0].raters.get("peer"), Some(&3));
    assert_eq!(report.set_aside.len(), 1);
    let answered = ["I-p3", "I-p4"].map(|id| report.invitations.get(id));
    assert!(
        matches!(answered, [None, Some(_)] | [Some(_), None]),
        "{answered:?}"
    );
}

#[test]
fn invited_answers_make_the_report_and_the_completion() {
    let c = &full_campaign();
    let sources = invited_base();
    let report = run_with(c, sources);
    assert!(report.set_aside.is_empty(), "{:?}", report.set_aside);
    let awa = &report.subjects[0];
    assert_eq!(
        (awa.id.as_str(), awa.name.as_str(), awa.position.as_deref()),
        ("M-1024", "Awa Traoré", Some("customs-officer"))
    );
    let peers = awa.rows[0].group(Role::Peer).unwrap();
    assert_eq!((peers.raters, peers.mean), (3, Some(7.0 / 3.0)));
    let json = ReportDocument::new(&report).to_json();
    assert!(json.contains(r#""raterIdentities": "bound-by-campaign""#));
    assert!(!json.contains("I-p1"), "the report names no invitation");
    assert!(to_csv(&report, &framework(), "fr").contains(";campaign:360-2027\r\n"));

    let completion = c.completion(&report.invitations);
    let rows: Vec<_> = completion
        .iter()
        .map(|r| (r.role, r.invited, r.answered, r.pending.clone()))
        .collect();
    assert_eq!(
        rows,
        [
            (Role::SelfAssessment, 1, 1, vec![]),
            (Role::Supervisor, 1, 1, vec![]),
            (Role::Peer, 4, 3, vec!["rater of I-p4".to_owned()]),
        ]
    );
    assert_eq!(
        campaign::completion_csv(&completion, "en"),
        "\u{feff}subject_id,subject_name,role,invited,answered,pending,conflicts\r\n\
         M-1024,Awa Traoré,self,1,1,,\r\n\
         M-1024,Awa Traoré,supervisor,1,1,,\r\n\
         M-1024,Awa Traoré,peer,4,3,rater of I-p4,\r\n"
    );
    // For French spreadsheets: semicolons (a comma in a name needs no quotes then).
    assert!(campaign::completion_csv(&completion, "fr").starts_with(
        "\u{feff}subject_id;subject_name;role;invited;answered;pending;conflicts\r\n"
    ));
}

#[test]
fn the_campaigns_minimum_is_the_least_a_report_shows() {
    let mut c = full_campaign();
    c.min_raters = 4;
    let sources = invited_base();
    let options = Options {
        min_raters: 2,
        ..Options::default()
    };
    let report = aggregate(&framework(), &expected(), Some(&c), sources, &options);
    assert_eq!(report.min_raters, 4);
    assert_eq!(report.subjects[0].hidden, ["peer"]);
}
