use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::*;
use crate::bundled;

fn sha(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

fn reference() -> FrameworkReference {
    FrameworkReference {
        id: "customs-competencies".into(),
        version: "1.0.0".into(),
        sha256: "ab".repeat(32),
    }
}

fn document() -> Value {
    json!({
        "type": "CompetencyCampaign",
        "formatVersion": 1,
        "id": "360-2027",
        "title": "360 2027, Ouagadougou",
        "framework": reference(),
        "minRaters": 3,
        "subjects": [
            { "id": "M-1024", "name": "Awa Traoré", "position": "customs-officer" },
            { "id": "M-2001", "name": "Moussa Diallo" }
        ],
        "invitations": [
            {
                "id": "I-0001", "subject": "M-1024", "role": "self",
                "raterName": "Awa Traoré", "raterId": "M-1024",
                "tokenSha256": crate::proof::hex(&sha(b"a-token-of-twenty-two-chars"))
            },
            {
                "id": "I-0002", "subject": "M-1024", "role": "peer",
                "raterName": "Moussa Diallo", "raterId": "M-2001",
                "closes": "2027-01-31T23:59:59Z",
                "tokenSha256": crate::proof::hex(&sha(b"another-token-of-22-chars"))
            }
        ]
    })
}

fn problems(value: &Value) -> Vec<String> {
    match Campaign::from_json(&value.to_string()) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn a_campaign_reads_and_writes_back_the_same() {
    let campaign = Campaign::from_json(&document().to_string()).unwrap();
    assert_eq!(campaign.invitations[1].role, Role::Peer);
    assert_eq!(
        campaign.invitations[1].closes.as_ref().map(|c| c.millis),
        crate::time::parse_rfc3339("2027-01-31T23:59:59Z")
    );
    assert_eq!(campaign.invitations[0].rater_label(), "Awa Traoré");
    let written: Value = serde_json::from_str(&campaign.to_json()).unwrap();
    assert_eq!(written, document());
}

#[test]
fn every_problem_of_a_campaign_is_reported_with_its_path() {
    let mut bad = document();
    bad["id"] = json!("360 2027");
    bad["title"] = json!("  ");
    bad["minRaters"] = json!(0);
    bad["framework"]["sha256"] = json!("AB");
    bad["subjects"][1]["id"] = json!("M-1024");
    let second = bad["invitations"][1].clone();
    bad["invitations"][0]["role"] = json!("boss");
    bad["invitations"][1]["subject"] = json!("M-9999");
    bad["invitations"][1]["closes"] = json!("31/01/2027");
    bad["invitations"][1]["tokenSha256"] = json!("not hex");
    let mut again = second.clone();
    again["id"] = json!("I-0001");
    again["raterId"] = json!("M-1024");
    again["tokenSha256"] = bad["invitations"][0]["tokenSha256"].clone();
    let mut self_again = bad["invitations"][0].clone();
    self_again["id"] = json!("I-0004");
    self_again["role"] = json!("self");
    let mut first_self = bad["invitations"][0].clone();
    first_self["id"] = json!("I-0003");
    first_self["role"] = json!("self");
    first_self["raterId"] = json!("M-7");
    first_self["tokenSha256"] = json!(crate::proof::hex(&sha(b"third-token-of-22-chars")));
    self_again["raterId"] = json!("M-8");
    self_again["tokenSha256"] = json!(crate::proof::hex(&sha(b"fourth-token-of-22-chars")));
    for invitation in [again, first_self, self_again] {
        bad["invitations"].as_array_mut().unwrap().push(invitation);
    }
    assert_eq!(
        problems(&bad),
        [
            "$.id: an id is 1 to 100 ASCII letters, digits, `.`, `_` and `-`",
            "$.title: empty",
            "$.framework.sha256: not a SHA-256 in 64 lowercase hexadecimal digits",
            "$.minRaters: must be a whole number from 1 to 50",
            "$.subjects[1]: a second subject with the HR id `M-1024`",
            "$.invitations[0].role: unknown role `boss` (self, supervisor, peer, direct-report or other)",
            "$.invitations[1].subject: no subject has the HR id `M-9999`",
            "$.invitations[1].closes: not an RFC 3339 date and time",
            "$.invitations[1].tokenSha256: not a SHA-256 in 64 lowercase hexadecimal digits",
            "$.invitations[2].id: a second invitation with the id `I-0001`",
            "$.invitations[2].raterId: rater `M-1024` is already invited to rate this subject",
            "$.invitations[2].tokenSha256: the same token as another invitation",
            "$.invitations[4]: a second self-assessment invitation for this subject",
        ]
    );
}

#[test]
fn what_is_not_a_campaign_is_said_in_one_problem() {
    for (text, expected) in [
        (
            "{",
            "$: not a campaign file: not JSON at line 1, column 1: EOF while parsing an object",
        ),
        (
            r#"{"type":"CompetencyAssessmentResult"}"#,
            "$.type: not a campaign (its `type` is not `CompetencyCampaign`)",
        ),
        (
            r#"{"type":"CompetencyCampaign","formatVersion":2}"#,
            "$.formatVersion: campaign format 2 is not supported (only 1)",
        ),
    ] {
        let error = Campaign::from_json(text).unwrap_err();
        assert_eq!(error.to_string(), expected);
    }
    let mut typo = document();
    typo["invitations"][0]["tokenSHA256"] = typo["invitations"][0]["tokenSha256"].take();
    let error = Campaign::from_json(&typo.to_string()).unwrap_err();
    assert!(
        error.to_string().contains("unknown field `tokenSHA256`"),
        "{error}"
    );
    let huge = " ".repeat(MAX_CAMPAIGN_BYTES + 1);
    assert_eq!(
        Campaign::from_json(&huge).unwrap_err().problems[0].kind,
        CampaignProblemKind::TooLarge {
            limit: MAX_CAMPAIGN_BYTES
        }
    );
}

#[test]
fn a_campaign_is_checked_against_the_framework_of_the_report() {
    let framework = bundled::framework().unwrap();
    let mut campaign = Campaign::from_json(&document().to_string()).unwrap();
    let mut reference = reference();
    reference.version = framework.version.clone();
    campaign.framework.version = framework.version.clone();
    assert_eq!(campaign.check_framework(&framework, &reference), Ok(()));
    campaign.subjects[1].position = Some("juggler".into());
    reference.sha256 = "cd".repeat(32);
    let problems: Vec<String> = campaign
        .check_framework(&framework, &reference)
        .unwrap_err()
        .problems
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        problems,
        [
            format!(
                "$.framework: the campaign uses framework customs-competencies {}, not the one given (or another content of it)",
                framework.version
            ),
            "$.subjects[1].position: the framework has no position `juggler`".to_owned(),
        ]
    );
}

#[test]
fn tokens_are_128_bits_in_base64url() {
    assert_eq!(token_from_bytes(&[0; 16]), "AAAAAAAAAAAAAAAAAAAAAA");
    assert_eq!(token_from_bytes(&[0xff; 16]), "_____________________w");
    let token = token_from_bytes(&[0xfb, 0xef, 0xbe, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    assert_eq!(token, "----AQIDBAUGBwgJCgsMDQ");
    assert!(is_token(&token));
    assert!(!is_token("too-short"));
    assert!(!is_token("has a space in it, which needs escaping"));
    assert!(!is_token(&"a".repeat(129)));
    assert!(is_id("I-0001") && is_id("360.2027_ouaga"));
    assert!(!is_id("") && !is_id("a/b") && !is_id(&"a".repeat(101)));
}

#[test]
fn an_invitation_link_opens_the_widget_on_that_assessment() {
    let campaign = Campaign::from_json(&document().to_string()).unwrap();
    let link = invitation_link(
        "https://rh.example/competences/",
        "fr",
        &campaign.id,
        campaign.subject("M-1024"),
        &campaign.invitations[1],
        "another-token-of-22-chars",
        Some("https://rh.example/results"),
    );
    assert_eq!(
        link,
        "https://rh.example/competences/?lang=fr&campaign=360-2027&token=another-token-of-22-chars\
         &subject=M-1024&name=Awa%20Traor%C3%A9&position=customs-officer&role=peer\
         &upload=https%3A%2F%2Frh.example%2Fresults"
    );
    // What the link says is what the widget reads from its address.
    let url = link.split_once('?').unwrap().1;
    let params: Vec<(String, String)> = url
        .split('&')
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap();
            (name.to_owned(), percent_decode(value))
        })
        .collect();
    let layer = crate::config::from_url_params(|name| {
        params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    });
    let config = crate::config::from_value(&Value::Object(layer), &["fr", "en"]).unwrap();
    assert_eq!(config.subject.unwrap().name, "Awa Traoré");
    assert_eq!(
        config.invitation,
        Some(crate::assessment::InvitationRef {
            campaign: "360-2027".into(),
            token: "another-token-of-22-chars".into()
        })
    );
    assert_eq!(config.rater.unwrap().role, Role::Peer);
    assert_eq!(config.upload.unwrap().url, "https://rh.example/results");
    // An address that already has parameters.
    assert!(
        invitation_link(
            "https://rh.example/?instance=hr",
            "en",
            &campaign.id,
            campaign.subject("M-1024"),
            &campaign.invitations[0],
            "t",
            None,
        )
        .starts_with("https://rh.example/?instance=hr&lang=en&")
    );
    assert!(is_base_url("https://rh.example/competences/"));
    assert!(!is_base_url("https://rh.example/#start"));
    assert!(!is_base_url("file:///srv/widget/index.html"));
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn completion_names_who_has_not_answered() {
    let campaign = Campaign::from_json(&document().to_string()).unwrap();
    let outcomes = BTreeMap::from([("I-0001".to_owned(), Outcome::Answered)]);
    let rows = campaign.completion(&outcomes);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (rows[0].role, rows[0].answered, rows[0].invited),
        (Role::SelfAssessment, 1, 1)
    );
    assert_eq!(
        (rows[1].role, rows[1].pending.clone()),
        (Role::Peer, vec!["Moussa Diallo".to_owned()])
    );
}
