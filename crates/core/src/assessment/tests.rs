use super::draft::{self, DraftError, Update};
use super::*;
use crate::bundled;

fn framework() -> Framework {
    bundled::framework().unwrap()
}

fn start(framework: &Framework, position: Option<&str>, role: Role) -> Assessment {
    let subject = Subject {
        id: "M-1024".into(),
        name: " Awa Traoré ".into(),
    };
    Assessment::start(
        "d1".into(),
        framework,
        subject,
        position.map(Into::into),
        role,
        1_000,
    )
    .unwrap()
}

/// Rates every competency in scope at `level`, at time `now`.
fn rate_all(a: &mut Assessment, framework: &Framework, rating: Rating, now: u64) {
    for c in a.competencies(framework) {
        a.rate(framework, &c.id, Some(rating.clone()), now).unwrap();
    }
}

#[test]
fn starting_needs_a_name_and_a_known_position() {
    let f = framework();
    let a = start(&f, Some("inspector"), Role::SelfAssessment);
    assert_eq!(a.subject.name, "Awa Traoré", "names are trimmed");
    let nameless = Subject {
        id: String::new(),
        name: "  ".into(),
    };
    let start = |subject, position: &str| {
        Assessment::start(
            "d".into(),
            &f,
            subject,
            Some(position.into()),
            Role::Peer,
            0,
        )
    };
    assert_eq!(
        start(nameless, "inspector"),
        Err(AssessmentError::MissingName)
    );
    assert_eq!(
        start(a.subject.clone(), "astronaut"),
        Err(AssessmentError::UnknownPosition("astronaut".into()))
    );
}

#[test]
fn a_position_limits_the_form_to_its_requirements_page_by_page() {
    let f = framework();
    let a = start(&f, Some("customs-officer"), Role::SelfAssessment);
    let position = f.position("customs-officer").unwrap();
    let mut in_form: Vec<&str> = a.competencies(&f).iter().map(|c| c.id.as_str()).collect();
    let mut required: Vec<&str> = position
        .requirements
        .iter()
        .map(|r| r.competency.as_str())
        .collect();
    in_form.sort();
    required.sort();
    assert_eq!(in_form, required);
    for page in a.pages(&f) {
        assert!(page.competencies.iter().all(|c| c.group == page.group.id));
    }

    let everything = start(&f, None, Role::SelfAssessment);
    assert_eq!(everything.competencies(&f).len(), f.competencies.len());
    assert_eq!(everything.pages(&f).len(), f.groups.len());
}

#[test]
fn progress_counts_answers_per_page_and_overall() {
    let f = framework();
    let mut a = start(&f, Some("customs-officer"), Role::Peer);
    let pages = a.pages(&f);
    let first = &pages[0];
    for c in &first.competencies {
        a.rate(&f, &c.id, Some(Rating::NotObserved), 2_000).unwrap();
    }
    let progress = a.progress(&f);
    assert_eq!(
        progress.pages[0],
        (
            first.group.id.clone(),
            first.competencies.len(),
            first.competencies.len()
        )
    );
    assert_eq!(progress.pages[1].1, 0);
    assert_eq!(progress.answered, first.competencies.len());
    assert_eq!(progress.required, a.competencies(&f).len());
    assert!(!progress.is_complete());
}

#[test]
fn a_page_s_unrated_competencies_are_counted_and_not_observed_is_a_rating() {
    let f = framework();
    let mut a = start(&f, Some("customs-officer"), Role::Peer);
    let ids: Vec<String> = a.pages(&f)[0]
        .competencies
        .iter()
        .map(|c| c.id.clone())
        .collect();
    assert!(ids.len() >= 3, "the first page has enough competencies");
    let page = || ids.iter().map(String::as_str);
    assert_eq!(a.unrated(page()), ids.len());
    a.rate(&f, &ids[0], Some(Rating::NotObserved), 2_000)
        .unwrap();
    a.rate(&f, &ids[1], Some(Rating::Level("trained".into())), 2_000)
        .unwrap();
    assert_eq!(a.unrated(page()), ids.len() - 2);
    a.rate(&f, &ids[1], None, 3_000).unwrap();
    assert_eq!(a.unrated(page()), ids.len() - 1, "a rating taken back");
}

#[test]
fn ratings_must_be_levels_of_the_scale_for_competencies_in_scope() {
    let f = framework();
    let mut a = start(&f, Some("customs-officer"), Role::SelfAssessment);
    let outside = f
        .competencies
        .iter()
        .find(|c| !a.in_scope(&f, &c.id))
        .unwrap();
    assert_eq!(
        a.rate(&f, &outside.id, Some(Rating::NotObserved), 1),
        Err(AssessmentError::NotInScope(outside.id.clone()))
    );
    assert_eq!(
        a.rate(&f, "integrity", Some(Rating::Level("master".into())), 1),
        Err(AssessmentError::UnknownLevel("master".into()))
    );
    let long = "x".repeat(MAX_NOTE_CHARS + 1);
    assert_eq!(
        a.set_comment(&f, "integrity", &long, 1),
        Err(AssessmentError::TooLong {
            limit: MAX_NOTE_CHARS
        })
    );
    assert!(a.answers.is_empty(), "refused changes change nothing");
}

#[test]
fn every_role_must_rate_every_competency_and_not_observed_counts() {
    let f = framework();
    for role in Role::ALL {
        let mut a = start(&f, Some("inspector"), role);
        let all = a.competencies(&f).len();
        assert_eq!(a.missing(&f).len(), all, "{role:?}");
        assert!(matches!(a.submit(&f, 5), Err(AssessmentError::Incomplete(m)) if m.len() == all));
        rate_all(&mut a, &f, Rating::NotObserved, 3_000);
        assert_eq!(a.missing(&f), [], "{role:?}");
        a.submit(&f, 4_000).unwrap();
    }
}

#[test]
fn a_supervisor_explains_a_rating_below_a_critical_requirement() {
    let f = framework();
    let critical = f
        .position("inspector")
        .unwrap()
        .requirements
        .iter()
        .find(|r| r.critical && r.level != "awareness")
        .unwrap();
    for role in Role::ALL {
        let mut a = start(&f, Some("inspector"), role);
        rate_all(&mut a, &f, Rating::Level("expert".into()), 2_000);
        a.rate(
            &f,
            &critical.competency,
            Some(Rating::Level("awareness".into())),
            2_001,
        )
        .unwrap();
        let missing = a.missing(&f);
        if role == Role::Supervisor {
            assert_eq!(
                missing,
                [Missing {
                    competency: critical.competency.clone(),
                    reason: MissingReason::BelowRequiredUnexplained
                }]
            );
            a.set_evidence(
                &f,
                &critical.competency,
                "Missed two seizures in March.",
                2_002,
            )
            .unwrap();
            assert_eq!(a.missing(&f), []);
        } else {
            assert_eq!(missing, [], "{role:?} need not explain");
        }
    }
}

/// `missing_for`, one competency at a time, says what `missing` says of it: checked for every
/// competency in scope, through every role, ratings that need explaining, and a plan.
#[test]
fn missing_for_one_competency_agrees_with_missing() {
    let f = framework();
    let agree = |a: &Assessment| {
        let all = a.missing(&f);
        for c in a.competencies(&f) {
            let first = all.iter().find(|m| m.competency == c.id).map(|m| m.reason);
            assert_eq!(a.missing_for(&f, &c.id), first, "{} ({:?})", c.id, a.role);
        }
    };
    for role in Role::ALL {
        let mut a = start(&f, Some("inspector"), role);
        agree(&a);
        rate_all(&mut a, &f, Rating::Level("awareness".into()), 2_000);
        agree(&a);
        let first = a.competencies(&f)[0].id.clone();
        a.rate(&f, &first, None, 2_001).unwrap();
        a.set_comment(
            &f,
            &a.competencies(&f)[1].id.clone(),
            "Seen at the port.",
            2_002,
        )
        .unwrap();
        agree(&a);
    }
    let mut a = self_assessment(&f);
    a.choose_for_plan(&f, "teamwork", true, DAY + 1).unwrap();
    agree(&a);
    assert_eq!(
        a.missing_for(&f, "teamwork"),
        Some(MissingReason::Plan(PlanGap::NoTargetLevel))
    );
    a.set_plan_level(&f, "teamwork", Some("advanced"), DAY + 2)
        .unwrap();
    agree(&a);
}

#[test]
fn a_submitted_assessment_is_read_only() {
    let f = framework();
    let mut a = start(&f, Some("hr-officer"), Role::SelfAssessment);
    rate_all(&mut a, &f, Rating::Level("trained".into()), 2_000);
    a.submit(&f, 3_000).unwrap();
    assert_eq!(a.status, Status::Submitted { at: 3_000 });
    assert_eq!(a.step, Step::Review);
    let before = a.clone();
    assert_eq!(
        a.rate(&f, "integrity", None, 4_000),
        Err(AssessmentError::ReadOnly)
    );
    assert_eq!(
        a.set_comment(&f, "integrity", "late", 4_000),
        Err(AssessmentError::ReadOnly)
    );
    assert_eq!(a.submit(&f, 4_000), Err(AssessmentError::ReadOnly));
    assert_eq!(a, before);
    a.go_to(&f, Step::Page(0)).unwrap();
}

#[test]
fn pages_out_of_range_are_refused() {
    let f = framework();
    let mut a = start(&f, None, Role::Peer);
    assert_eq!(
        a.go_to(&f, Step::Page(4)),
        Err(AssessmentError::NoSuchPage(4))
    );
    a.go_to(&f, Step::Page(3)).unwrap();
    a.go_to(&f, Step::Review).unwrap();
}

#[test]
fn merging_two_copies_keeps_every_answer_and_the_latest_change() {
    let f = framework();
    let base = start(&f, None, Role::Peer);
    let (mut tab1, mut tab2) = (base.clone(), base.clone());
    tab1.rate(
        &f,
        "integrity",
        Some(Rating::Level("trained".into())),
        2_000,
    )
    .unwrap();
    tab2.rate(&f, "teamwork", Some(Rating::NotObserved), 2_100)
        .unwrap();
    tab2.rate(&f, "integrity", Some(Rating::Level("expert".into())), 2_200)
        .unwrap();
    tab1.set_comment(&f, "accountability", "Reliable.", 2_300)
        .unwrap();

    let mut merged = tab1.clone();
    merged.merge(&tab2);
    let rating = |a: &Assessment, c: &str| a.answer(c).and_then(|a| a.rating.clone());
    assert_eq!(
        rating(&merged, "integrity"),
        Some(Rating::Level("expert".into()))
    );
    assert_eq!(rating(&merged, "teamwork"), Some(Rating::NotObserved));
    assert_eq!(
        merged.answer("accountability").unwrap().comment,
        "Reliable."
    );

    let mut other_way = tab2.clone();
    other_way.merge(&tab1);
    assert_eq!(other_way.answers, merged.answers, "merging is symmetric");

    let mut submitted = base.clone();
    rate_all(&mut submitted, &f, Rating::NotObserved, 3_000);
    submitted.submit(&f, 3_100).unwrap();
    tab1.merge(&submitted);
    assert!(tab1.is_submitted());

    let mut stranger = base.clone();
    stranger.id = "d2".into();
    stranger.rate(&f, "integrity", None, 9_000).unwrap();
    let before = tab2.clone();
    tab2.merge(&stranger);
    assert_eq!(tab2, before, "another draft is never merged in");
}

#[test]
fn a_draft_reads_back_equal() {
    let f = framework();
    let mut a = start(&f, Some("inspector"), Role::Supervisor);
    a.rate(
        &f,
        "integrity",
        Some(Rating::Level("advanced".into())),
        2_000,
    )
    .unwrap();
    a.rate(&f, "teamwork", Some(Rating::NotObserved), 2_001)
        .unwrap();
    a.set_comment(
        &f,
        "teamwork",
        "Never seen in a team — « guillemets » <b>",
        2_002,
    )
    .unwrap();
    a.go_to(&f, Step::Page(2)).unwrap();
    a.invitation = Some(InvitationRef {
        campaign: "360-2027".into(),
        token: "x3JvYSBkZSBsYSBwYWl4LWc".into(),
    });
    let opened = draft::open(&draft::to_json(&a), &f).unwrap();
    assert_eq!(opened.assessment, a);
    assert_eq!(opened.updates, []);
}

#[test]
fn unreadable_and_newer_drafts_are_reported_not_guessed() {
    let f = framework();
    let check = |json: &str, expected: fn(&DraftError) -> bool| {
        let error = draft::open(json, &f).unwrap_err();
        assert!(expected(&error), "{json}: {error:?}");
    };
    check("", |e| matches!(e, DraftError::Unreadable(_)));
    check("{\"formatVersion\": 1}", |e| {
        matches!(e, DraftError::Unreadable(_))
    });
    check("{\"formatVersion\": 7, \"whatever\": true}", |e| {
        *e == DraftError::NewerFormat(7)
    });
    let mut a = start(&f, None, Role::Peer);
    a.framework_id = "another".into();
    check(&draft::to_json(&a), |e| {
        matches!(e, DraftError::OtherFramework { .. })
    });
}

/// Regression: a draft saved in format 1 must keep opening in every later version.
#[test]
fn a_format_1_draft_from_an_older_framework_is_brought_up_to_date() {
    let f = framework();
    let saved = r#"{"formatVersion":1,"id":"d-old","frameworkId":"customs-competencies",
        "frameworkVersion":"0.9.0","subject":{"id":"M-7","name":"Moussa Diarra"},
        "position":"customs-officer","role":"peer",
        "answers":{
            "integrity":{"level":"trained","changedAt":10},
            "teamwork":{"notObserved":true,"comment":"Not in my team.","changedAt":11},
            "smuggling-detection":{"level":"expert","changedAt":12},
            "customs-law":{"level":"master","evidence":"Drafted the circular.","changedAt":13}},
        "page":9,"startedAt":1,"updatedAt":13}"#;
    let opened = draft::open(saved, &f).unwrap();
    assert_eq!(
        opened.updates,
        [
            Update::FrameworkVersion {
                from: "0.9.0".into(),
                to: f.version.clone()
            },
            Update::LevelRemoved {
                competency: "customs-law".into(),
                level: "master".into()
            },
            Update::AnswerSetAside("smuggling-detection".into()),
        ]
    );
    let a = opened.assessment;
    assert_eq!(a.framework_version, f.version);
    assert_eq!(
        a.answer("integrity").unwrap().rating,
        Some(Rating::Level("trained".into()))
    );
    assert_eq!(a.answer("teamwork").unwrap().comment, "Not in my team.");
    let law = a.answer("customs-law").unwrap();
    assert_eq!(
        (law.rating.clone(), law.evidence.as_str()),
        (None, "Drafted the circular.")
    );
    assert!(a.set_aside.contains_key("smuggling-detection"));
    assert_eq!(
        a.set_aside["customs-law"].rating,
        Some(Rating::Level("master".into()))
    );
    assert_eq!(
        a.step,
        Step::Page(0),
        "a page past the end goes back to the first"
    );
}

#[test]
fn a_removed_position_widens_the_form_to_every_competency() {
    let f = framework();
    let mut a = start(&f, Some("inspector"), Role::Other);
    a.position = Some("retired-post".into());
    let opened = draft::open(&draft::to_json(&a), &f).unwrap();
    assert_eq!(
        opened.updates,
        [Update::PositionRemoved("retired-post".into())]
    );
    assert_eq!(
        opened.assessment.competencies(&f).len(),
        f.competencies.len()
    );
}

#[test]
fn each_rater_identity_has_its_own_key_identity() {
    let subject = Subject {
        id: "M-1".into(),
        name: "Awa".into(),
    };
    let unnamed = Subject {
        id: String::new(),
        name: "Awa".into(),
    };
    let portal = RaterRef {
        id: "R-7".into(),
        name: "Chef".into(),
    };
    let none = RaterRef::default();
    assert_eq!(portal.key_identity(Role::Peer, &subject), "rater:R-7");
    assert_eq!(
        none.key_identity(Role::SelfAssessment, &subject),
        "self:M-1"
    );
    assert_eq!(
        none.key_identity(Role::SelfAssessment, &unnamed),
        "self:Awa"
    );
    assert_eq!(none.key_identity(Role::Peer, &subject), "local");

    // Two raters answering their invitations on one shared computer never share a key.
    let f = framework();
    let mut a = start(&f, None, Role::Peer);
    a.rater = portal;
    assert_eq!(a.key_identity(), "rater:R-7");
    a.invitation = Some(InvitationRef {
        campaign: "360-2027".into(),
        token: "x3JvYSBkZSBsYSBwYWl4LWc".into(),
    });
    assert_eq!(
        a.key_identity(),
        "invitation:360-2027:x3JvYSBkZSBsYSBwYWl4LWc"
    );
}

/// 2026-11-18, in milliseconds.
const DAY: u64 = 1_795_000_000_000;

fn self_assessment(f: &Framework) -> Assessment {
    let mut a = Assessment::start(
        "d-self".into(),
        f,
        Subject {
            id: "M-1024".into(),
            name: "Awa Traoré".into(),
        },
        Some("customs-officer".into()),
        Role::SelfAssessment,
        DAY,
    )
    .unwrap();
    rate_all(&mut a, f, Rating::Level("trained".into()), DAY);
    a
}

#[test]
fn only_a_self_assessment_has_a_plan_and_its_step() {
    let f = framework();
    let mut peer = start(&f, Some("customs-officer"), Role::Peer);
    assert_eq!(
        peer.choose_for_plan(&f, "teamwork", true, 2_000),
        Err(AssessmentError::NoPlan)
    );
    assert_eq!(peer.go_to(&f, Step::Plan), Err(AssessmentError::NoPlan));
    let last = Step::Page(peer.pages(&f).len() - 1);
    assert_eq!(peer.next_step(&f, last), Some(Step::Review));
    assert_eq!(peer.previous_step(&f, Step::Review), Some(last));
    let own = self_assessment(&f);
    assert_eq!(own.next_step(&f, last), Some(Step::Plan));
    assert_eq!(own.next_step(&f, Step::Plan), Some(Step::Review));
    assert_eq!(own.previous_step(&f, Step::Review), Some(Step::Plan));
    assert_eq!(own.previous_step(&f, Step::Plan), Some(last));
    assert_eq!(own.previous_step(&f, Step::Page(0)), None);
}

#[test]
fn a_chosen_plan_entry_needs_a_target_a_date_and_an_action_before_submission() {
    let f = framework();
    let mut a = self_assessment(&f);
    assert!(a.missing(&f).is_empty());
    a.choose_for_plan(&f, "teamwork", true, DAY + 1).unwrap();
    let reasons: Vec<_> = a.missing(&f).into_iter().map(|m| m.reason).collect();
    assert_eq!(
        reasons,
        [
            MissingReason::Plan(PlanGap::NoTargetLevel),
            MissingReason::Plan(PlanGap::NoTargetDate),
            MissingReason::Plan(PlanGap::NoAction),
        ]
    );
    // The plan does not count in the answers' progress.
    assert!(a.progress(&f).is_complete());
    assert!(matches!(
        a.submit(&f, DAY + 2),
        Err(AssessmentError::Incomplete(_))
    ));
    assert_eq!(
        a.set_plan_level(&f, "teamwork", Some("master"), DAY + 3),
        Err(AssessmentError::UnknownLevel("master".into()))
    );
    a.set_plan_level(&f, "teamwork", Some("advanced"), DAY + 3)
        .unwrap();
    for bad in ["2026-02-30", "30/06/2027", "2027-6-30"] {
        assert_eq!(
            a.set_plan_date(&f, "teamwork", Some(bad), DAY + 4),
            Err(AssessmentError::BadDate(bad.into()))
        );
    }
    assert_eq!(
        a.set_plan_date(&f, "teamwork", Some("2026-11-16"), DAY + 4),
        Err(AssessmentError::DateInThePast("2026-11-16".into()))
    );
    a.set_plan_date(&f, "teamwork", Some("2026-11-18"), DAY + 4)
        .unwrap();
    assert_eq!(
        a.set_plan_resource(&f, "teamwork", 99, true, DAY + 5),
        Err(AssessmentError::NoSuchResource(99))
    );
    a.set_plan_resource(&f, "teamwork", 0, true, DAY + 5)
        .unwrap();
    a.set_plan_resource(&f, "teamwork", 0, true, DAY + 5)
        .unwrap();
    a.add_plan_action(&f, "teamwork", "  ", DAY + 6).unwrap();
    a.add_plan_action(&f, "teamwork", " Lead the night shift <b>. ", DAY + 6)
        .unwrap();
    assert_eq!(
        a.plan["teamwork"].actions,
        [
            PlanAction::Resource(0),
            PlanAction::Own("Lead the night shift <b>.".into())
        ]
    );
    let long = "x".repeat(plan::MAX_ACTION_CHARS + 1);
    assert!(matches!(
        a.add_plan_action(&f, "teamwork", &long, DAY + 7),
        Err(AssessmentError::TooLong { .. })
    ));
    assert!(a.missing(&f).is_empty());
    // Taken out, an entry no longer blocks nor shows, and comes back as it was.
    a.choose_for_plan(&f, "integrity", true, DAY + 8).unwrap();
    a.choose_for_plan(&f, "integrity", false, DAY + 9).unwrap();
    assert!(a.missing(&f).is_empty());
    assert_eq!(a.plan_items(&f).len(), 1);
    a.submit(&f, DAY + 10).unwrap();
    assert_eq!(
        a.add_plan_action(&f, "teamwork", "more", DAY + 11),
        Err(AssessmentError::ReadOnly)
    );
}

#[test]
fn plans_merge_entry_by_entry_and_survive_the_draft() {
    let f = framework();
    let mut tab1 = self_assessment(&f);
    let mut tab2 = tab1.clone();
    tab1.choose_for_plan(&f, "teamwork", true, DAY + 10)
        .unwrap();
    tab2.choose_for_plan(&f, "integrity", true, DAY + 11)
        .unwrap();
    tab2.choose_for_plan(&f, "teamwork", false, DAY + 12)
        .unwrap();
    tab1.merge(&tab2);
    assert!(tab1.plan["integrity"].chosen);
    assert!(!tab1.plan["teamwork"].chosen, "the later removal wins");
    tab1.set_plan_resource(&f, "integrity", 1, true, DAY + 13)
        .unwrap();
    tab1.add_plan_action(&f, "integrity", "« Mentorat »", DAY + 13)
        .unwrap();
    tab1.set_plan_date(&f, "integrity", Some("2027-06-30"), DAY + 13)
        .unwrap();
    tab1.go_to(&f, Step::Plan).unwrap();
    let opened = draft::open(&draft::to_json(&tab1), &f).unwrap();
    assert_eq!(opened.assessment, tab1);
    assert_eq!(opened.updates, []);
}

#[test]
fn a_plan_pointing_at_what_the_framework_dropped_is_cleared_and_said() {
    let mut f = framework();
    let mut a = self_assessment(&f);
    a.set_plan_resource(&f, "teamwork", 1, true, DAY + 1)
        .unwrap();
    a.set_plan_level(&f, "teamwork", Some("expert"), DAY + 1)
        .unwrap();
    let json = draft::to_json(&a);
    f.competencies
        .iter_mut()
        .find(|c| c.id == "teamwork")
        .unwrap()
        .resources
        .truncate(1);
    f.levels.pop();
    let opened = draft::open(&json, &f).unwrap();
    assert!(
        opened
            .updates
            .contains(&Update::PlanChanged("teamwork".into()))
    );
    let item = &opened.assessment.plan["teamwork"];
    assert_eq!(
        (item.actions.len(), item.target_level.as_deref()),
        (0, None)
    );
}

#[test]
fn the_profile_puts_critical_gaps_first_and_strengths_by_margin() {
    let f = framework();
    let mut a = self_assessment(&f);
    // Required: trained (rank 1) for these; integrity and customs-law are critical.
    let rate = |a: &mut Assessment, c: &str, level: &str| {
        a.rate(&f, c, Some(Rating::Level(level.into())), DAY + 1)
            .unwrap()
    };
    rate(&mut a, "teamwork", "awareness");
    rate(&mut a, "customs-law", "awareness");
    rate(&mut a, "integrity", "expert");
    rate(&mut a, "accountability", "advanced");
    a.rate(
        &f,
        "service-orientation",
        Some(Rating::NotObserved),
        DAY + 1,
    )
    .unwrap();
    let profile = crate::profile::Profile::of(&f, &a);
    let ids = |rows: Vec<&crate::profile::ProfileRow>| -> Vec<String> {
        rows.into_iter().map(|r| r.competency.id.clone()).collect()
    };
    assert_eq!(ids(profile.priority_gaps()), ["customs-law", "teamwork"]);
    // A plan offers the gaps first, then every other competency in the form's order.
    let order: Vec<&str> = profile.plan_order().iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        order[..4],
        [
            "customs-law",
            "teamwork",
            "integrity",
            "service-orientation"
        ]
    );
    assert_eq!(order.len(), profile.rows.len());
    // Integrity is two levels above; then, one level above, in the form's order.
    let strengths = ids(profile.strengths());
    assert_eq!(strengths[..2], ["integrity", "accountability"]);
    assert!(!strengths.contains(&"teamwork".to_owned()));
    let integrity = &profile.rows[0];
    assert_eq!(
        (integrity.level, integrity.required, integrity.critical),
        (Some(3), Some(1), true)
    );
    assert_eq!(integrity.gap(), Some(2));
    let service = profile
        .rows
        .iter()
        .find(|r| r.competency.id == "service-orientation")
        .unwrap();
    assert_eq!((service.level, service.gap()), (None, None));
}

#[test]
fn two_copies_merge_field_by_field() {
    let f = framework();
    let base = start(&f, None, Role::Peer);
    let (mut tab1, mut tab2) = (base.clone(), base.clone());
    // Tab 1 writes a comment; tab 2, which never saw it, rates the same competency later.
    tab1.set_comment(&f, "integrity", "Refused every gift.", 2_000)
        .unwrap();
    tab2.rate(&f, "integrity", Some(Rating::Level("expert".into())), 2_100)
        .unwrap();
    let mut merged = tab1.clone();
    merged.merge(&tab2);
    let answer = merged.answer("integrity").unwrap();
    assert_eq!(answer.comment, "Refused every gift.", "the comment is kept");
    assert_eq!(answer.rating, Some(Rating::Level("expert".into())));
    let mut other_way = tab2.clone();
    other_way.merge(&tab1);
    assert_eq!(other_way.answers, merged.answers, "merging is symmetric");

    // Of two ratings, the later wins, whichever copy made it; the comment stays.
    tab1.rate(
        &f,
        "integrity",
        Some(Rating::Level("trained".into())),
        2_200,
    )
    .unwrap();
    tab2.merge(&tab1);
    let answer = tab2.answer("integrity").unwrap();
    assert_eq!(answer.rating, Some(Rating::Level("trained".into())));
    assert_eq!(answer.comment, "Refused every gift.");
    let mut earlier = base.clone();
    earlier
        .rate(
            &f,
            "integrity",
            Some(Rating::Level("awareness".into())),
            2_050,
        )
        .unwrap();
    earlier
        .set_evidence(&f, "integrity", "The audit of May.", 2_060)
        .unwrap();
    earlier.merge(&tab2);
    let answer = earlier.answer("integrity").unwrap();
    assert_eq!(
        answer.rating,
        Some(Rating::Level("trained".into())),
        "the later rating wins"
    );
    assert_eq!(
        (answer.comment.as_str(), answer.evidence.as_str()),
        ("Refused every gift.", "The audit of May.")
    );
}

#[test]
fn plan_entries_merge_part_by_part() {
    let f = framework();
    let mut tab1 = self_assessment(&f);
    tab1.choose_for_plan(&f, "teamwork", true, DAY + 10)
        .unwrap();
    let mut tab2 = tab1.clone();
    tab1.set_plan_date(&f, "teamwork", Some("2027-06-30"), DAY + 20)
        .unwrap();
    tab2.add_plan_action(&f, "teamwork", "Lead the spring audit", DAY + 21)
        .unwrap();
    tab2.set_plan_level(&f, "teamwork", Some("expert"), DAY + 22)
        .unwrap();
    tab1.set_plan_level(&f, "teamwork", Some("advanced"), DAY + 23)
        .unwrap();
    let mut merged = tab1.clone();
    merged.merge(&tab2);
    let item = &merged.plan["teamwork"];
    assert_eq!(item.target_date.as_deref(), Some("2027-06-30"));
    assert_eq!(
        item.actions,
        [PlanAction::Own("Lead the spring audit".into())]
    );
    assert_eq!(
        item.target_level.as_deref(),
        Some("advanced"),
        "the later level wins"
    );
    tab2.merge(&tab1);
    assert_eq!(tab2.plan, merged.plan, "merging is symmetric");
}

#[test]
fn a_draft_stamps_each_field_and_an_older_one_s_stamp_counts_for_every_field() {
    let f = framework();
    let mut a = start(&f, None, Role::Peer);
    a.rate(
        &f,
        "integrity",
        Some(Rating::Level("advanced".into())),
        2_000,
    )
    .unwrap();
    a.set_comment(&f, "integrity", "Firm.", 2_500).unwrap();
    let json = draft::to_json(&a);
    let written: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(written["formatVersion"], 4, "{json}");
    assert_eq!(
        written["answers"]["integrity"],
        serde_json::json!({
            "level": "advanced",
            "comment": "Firm.",
            "ratingChangedAt": 2000,
            "commentChangedAt": 2500
        }),
        "{json}"
    );

    // A format 3 copy of the same draft, one stamp per answer: its rating is later than
    // ours, its comment earlier.
    let saved = r#"{"formatVersion":3,"id":"d1","frameworkId":"customs-competencies",
        "frameworkVersion":"1.0.0","subject":{"id":"M-1024","name":"Awa Traoré"},
        "role":"peer",
        "answers":{"integrity":{"level":"trained","comment":"Old note.","changedAt":2200}},
        "startedAt":1000,"updatedAt":2200}"#;
    let older = draft::open(saved, &f).unwrap().assessment;
    let answer = older.answer("integrity").unwrap();
    assert_eq!(answer.changed, AnswerStamps::all(2_200));
    a.merge(&older);
    let answer = a.answer("integrity").unwrap();
    assert_eq!(answer.rating, Some(Rating::Level("trained".into())));
    assert_eq!(answer.comment, "Firm.");
}

/// A draft is read as strictly as any outside document: a competency answered twice is not
/// read as whichever copy a parser keeps, a stamp beyond what JSON readers hold exactly is
/// not rounded.
#[test]
fn a_draft_with_a_name_twice_or_an_inexact_stamp_is_unreadable() {
    let f = framework();
    let mut a = start(&f, None, Role::Peer);
    a.rate(&f, "integrity", Some(Rating::Level("trained".into())), 10)
        .unwrap();
    let json = draft::to_json(&a);
    let answer = r#""integrity":{"level":"trained","ratingChangedAt":10}"#;
    assert!(json.contains(answer), "{json}");

    let twice = json.replace(
        answer,
        &format!(r#"{answer},"integrity":{{"level":"expert","ratingChangedAt":10}}"#),
    );
    match draft::open(&twice, &f) {
        Err(DraftError::Unreadable(why)) => {
            assert!(why.contains("`integrity` is given twice"), "{why}");
            assert!(why.contains("$.answers"), "{why}");
        }
        other => panic!("read: {other:?}"),
    }
    let inexact = json.replace(
        r#""ratingChangedAt":10"#,
        r#""ratingChangedAt":18446744073709551615"#,
    );
    assert!(matches!(
        draft::open(&inexact, &f),
        Err(DraftError::Unreadable(_))
    ));
    // The same draft as written opens.
    assert_eq!(draft::open(&json, &f).unwrap().assessment, a);
}
