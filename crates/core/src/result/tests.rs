use super::*;
use crate::assessment::{Assessment, Rating, Role, Subject};
use crate::bundled;

fn submitted(role: Role) -> (Framework, Assessment) {
    let framework = bundled::framework().unwrap();
    let subject = Subject {
        id: "M-1024".into(),
        name: "Awa Traoré".into(),
    };
    let position = Some("customs-officer".to_owned());
    let mut a = Assessment::start(
        "d".into(),
        &framework,
        subject,
        position,
        role,
        1_795_000_000_000,
    )
    .unwrap();
    for (i, c) in a.competencies(&framework).into_iter().enumerate() {
        let rating = if i == 1 {
            Rating::NotObserved
        } else {
            Rating::Level("trained".into())
        };
        a.rate(&framework, &c.id, Some(rating), 1_795_000_100_000)
            .unwrap();
    }
    a.set_comment(&framework, "integrity", "  Exemplary.  ", 1_795_000_200_000)
        .unwrap();
    (framework, a)
}

fn context(framework: &Framework) -> ResultContext<'_> {
    ResultContext {
        app: App {
            name: "competency-widget".into(),
            version: "0.1.0".into(),
        },
        framework,
        framework_sha256: "ab".repeat(32),
        rater: RaterIdentity {
            id: Some("R-7".into()),
            name: None,
            key: "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2".into(),
            key_protection: KeyProtection::NonExtractable,
        },
        locale: "fr".into(),
        id: "5e5c8a28-45b8-4c52-a3a4-0f0d8a5b9e0f".into(),
        challenge: Some("nonce-42".into()),
    }
}

#[test]
fn only_a_submitted_assessment_becomes_a_result() {
    let (framework, a) = submitted(Role::Peer);
    assert_eq!(
        ResultDocument::from_assessment(&a, context(&framework)),
        Err(ResultError::NotSubmitted)
    );
}

#[test]
fn a_result_carries_every_rating_in_form_order() {
    let (framework, mut a) = submitted(Role::Peer);
    a.submit(&framework, 1_795_000_300_000).unwrap();
    let result = ResultDocument::from_assessment(&a, context(&framework)).unwrap();

    let order: Vec<&str> = a
        .competencies(&framework)
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    let rated: Vec<&str> = result
        .ratings
        .iter()
        .map(|r| r.competency.as_str())
        .collect();
    assert_eq!(rated, order);
    assert!(result.ratings[1].not_observed && result.ratings[1].level.is_none());
    assert_eq!(result.ratings[0].comment, "Exemplary.", "notes are trimmed");
    assert_eq!(result.started_at, "2026-11-18T11:06:40Z");
    assert_eq!(result.completed_at, "2026-11-18T11:11:40Z");
    assert_eq!(result.rater.role, "peer");
    assert_eq!(result.subject.position.as_deref(), Some("customs-officer"));
    assert_eq!(result.challenge.as_deref(), Some("nonce-42"));
    // Whom, which role, when, and the start of the id: two peers' files never share a name.
    assert_eq!(
        result.file_name(),
        "evaluation-awa-traore-peer-2026-11-18-1111-5e5c.json"
    );
    let mut another = result.clone();
    another.id = "0b7d1c2e-0000-4000-8000-000000000000".into();
    assert_ne!(another.file_name(), result.file_name());

    let value = result.to_value();
    assert_eq!(value["type"], RESULT_TYPE);
    assert_eq!(value["rater"]["keyProtection"], "non-extractable");
    assert_eq!(ResultDocument::from_value(&value), Ok(result));
}

#[test]
fn reading_refuses_what_is_not_a_result_of_this_format() {
    let (framework, mut a) = submitted(Role::SelfAssessment);
    a.submit(&framework, 1_795_000_300_000).unwrap();
    let good = ResultDocument::from_assessment(&a, context(&framework))
        .unwrap()
        .to_value();
    let check = |edit: fn(&mut serde_json::Value), expected: &str| {
        let mut value = good.clone();
        edit(&mut value);
        let error = ResultDocument::from_value(&value).unwrap_err().to_string();
        assert!(error.contains(expected), "{error}");
    };
    check(
        |v| v["type"] = "Invoice".into(),
        "unsupported result: type Invoice",
    );
    check(|v| v["formatVersion"] = 2.into(), "format version 2");
    check(
        |v| v["rater"]["role"] = "boss".into(),
        "unknown role `boss`",
    );
    check(
        |v| v["ratings"][0]["notObserved"] = true.into(),
        "must be a level or not observed",
    );
    check(|v| v["surprise"] = 1.into(), "unknown field `surprise`");
    check(
        |v| {
            v.as_object_mut().unwrap().remove("ratings");
        },
        "missing field `ratings`",
    );
    // Moments are compared as instants: a completion that is not one is refused.
    check(
        |v| v["completedAt"] = "~ not a date".into(),
        "completedAt is not an RFC 3339 date and time",
    );
    check(
        |v| v["startedAt"] = "2026-11-20".into(),
        "startedAt is not an RFC 3339 date and time",
    );
    check(
        |v| v["invitation"] = serde_json::json!({ "campaign": "360-2027", "token": "short" }),
        "the invitation's token is not a token",
    );
    check(
        |v| v["invitation"] = serde_json::json!({ "campaign": "a b", "token": "x".repeat(22) }),
        "the invitation's campaign is not a campaign id",
    );
}

#[test]
fn an_invitation_is_signed_into_the_result() {
    let (framework, mut a) = submitted(Role::Peer);
    a.invitation = Some(crate::assessment::InvitationRef {
        campaign: "360-2027".into(),
        token: "x3JvYSBkZSBsYSBwYWl4LWc".into(),
    });
    a.submit(&framework, 1_795_000_300_000).unwrap();
    let value = ResultDocument::from_assessment(&a, context(&framework))
        .unwrap()
        .to_value();
    assert_eq!(
        value["invitation"],
        serde_json::json!({ "campaign": "360-2027", "token": "x3JvYSBkZSBsYSBwYWl4LWc" })
    );
    let read = ResultDocument::from_value(&value).unwrap();
    assert_eq!(read.invitation.as_ref().unwrap().campaign, "360-2027");
    assert_eq!(
        read.completed(),
        crate::time::parse_rfc3339(&read.completed_at)
    );
}

#[test]
fn a_self_assessments_plan_is_in_the_result_in_the_raters_words() {
    let (framework, mut a) = submitted(Role::SelfAssessment);
    let now = 1_795_000_250_000;
    a.choose_for_plan(&framework, "teamwork", true, now)
        .unwrap();
    a.set_plan_level(&framework, "teamwork", Some("advanced"), now)
        .unwrap();
    a.set_plan_date(&framework, "teamwork", Some("2027-06-30"), now)
        .unwrap();
    a.set_plan_resource(&framework, "teamwork", 0, true, now)
        .unwrap();
    a.add_plan_action(&framework, "teamwork", "Animer le briefing", now)
        .unwrap();
    // Chosen then taken out: not in the result.
    a.choose_for_plan(&framework, "integrity", true, now)
        .unwrap();
    a.choose_for_plan(&framework, "integrity", false, now)
        .unwrap();
    a.submit(&framework, 1_795_000_300_000).unwrap();
    let mut context = context(&framework);
    context.locale = "en".into();
    let result = ResultDocument::from_assessment(&a, context).unwrap();
    assert_eq!(
        result.development_plan,
        [PlanRecord {
            competency: "teamwork".into(),
            target_level: "advanced".into(),
            target_date: "2027-06-30".into(),
            actions: vec![
                PlanActionRecord {
                    source: ActionSource::Framework,
                    text: "Workshop on team cohesion and handling disagreement".into(),
                    link: None,
                },
                PlanActionRecord {
                    source: ActionSource::Own,
                    text: "Animer le briefing".into(),
                    link: None,
                },
            ],
        }]
    );
    let json = result.to_value();
    assert_eq!(json["developmentPlan"][0]["actions"][1]["source"], "own");
    assert_eq!(ResultDocument::from_value(&json).unwrap(), result);
}

#[test]
fn a_completion_dated_after_the_signature_is_not_believed() {
    // A rater's result dated 9999 would win over their later ones, as "the latest".
    let (framework, mut a) = submitted(Role::Peer);
    a.submit(&framework, 1_795_000_300_000).unwrap();
    let mut value = ResultDocument::from_assessment(&a, context(&framework))
        .unwrap()
        .to_value();
    let key = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
    let method = format!("{key}#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
    value["proof"] = serde_json::json!({ "created": "2026-11-18T12:00:00Z" });
    assert!(check_verified(&value, &method, None).is_ok());
    value["completedAt"] = "2026-11-19T12:00:00Z".into();
    assert!(
        check_verified(&value, &method, None).is_ok(),
        "a day later, exactly"
    );
    value["completedAt"] = "2026-11-19T12:00:01Z".into();
    assert_eq!(
        check_verified(&value, &method, None),
        Err(CheckError::CompletedAfterSigning)
    );
    value["completedAt"] = "9999-12-31T23:59:59Z".into();
    assert_eq!(
        check_verified(&value, &method, None),
        Err(CheckError::CompletedAfterSigning)
    );
}
