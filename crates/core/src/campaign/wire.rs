//! The campaign file, version 1: its serialised types, converted to and from [`Campaign`], and
//! its JSON Schema (`public/campaign.schema.json`).
//!
//! ```json
//! {
//!   "type": "CompetencyCampaign",
//!   "formatVersion": 1,
//!   "id": "360-2027-ouaga",
//!   "title": "360 2027, Ouagadougou",
//!   "framework": { "id": "customs-competencies", "version": "1.0.0", "sha256": "…" },
//!   "minRaters": 3,
//!   "subjects": [{ "id": "M-1024", "name": "Awa Traoré", "position": "customs-officer" }],
//!   "invitations": [{
//!     "id": "I-0001", "subject": "M-1024", "role": "peer",
//!     "raterName": "Moussa Diallo", "raterId": "M-2001",
//!     "closes": "2027-01-31T23:59:59Z",
//!     "tokenSha256": "…64 hexadecimal digits…"
//!   }]
//! }
//! ```

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::problem::{CampaignError, CampaignProblemKind as Kind, Problems};
use super::*;
use crate::assessment::MAX_NAME_CHARS;
use crate::config::MIN_RATERS_RANGE;
use crate::config::clip;

/// A campaign as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(
        title = "Competency 360 campaign",
        description = "Who HR invites to rate whom, in which role. Each invitation holds the SHA-256 of a secret token that only its rater receives; a result counts in the campaign's reports only when it carries a token of an invitation whose subject and role it states."
    )
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CampaignDocument {
    /// Always `CompetencyCampaign`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Always 1 for this format.
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 1)))]
    pub format_version: u64,
    /// 1 to 100 ASCII letters, digits, `.`, `_` and `-`; results carry it with their token.
    pub id: String,
    pub title: String,
    /// The framework every result must be made against.
    pub framework: FrameworkReference,
    /// The smallest group of peers, direct reports or others a report shows, counted in
    /// answered invitations (1 to 50).
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 50)))]
    pub min_raters: u64,
    pub subjects: Vec<SubjectDocument>,
    pub invitations: Vec<InvitationDocument>,
}

/// A person rated in the campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SubjectDocument {
    /// The person's HR id: how every result about them names them.
    pub id: String,
    pub name: String,
    /// Their position's id in the framework.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
}

/// One rater invited to rate one subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InvitationDocument {
    /// 1 to 100 ASCII letters, digits, `.`, `_` and `-`, unique in the campaign.
    pub id: String,
    /// The subject's HR id.
    pub subject: String,
    /// `self`, `supervisor`, `peer`, `direct-report` or `other`.
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rater_name: Option<String>,
    /// The rater's HR id; a rater is invited at most once per subject.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rater_id: Option<String>,
    /// After this moment (RFC 3339) the invitation's answers no longer count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closes: Option<String>,
    /// The SHA-256 of the invitation's token (UTF-8), 64 lowercase hexadecimal digits.
    pub token_sha256: String,
}

impl From<&Campaign> for CampaignDocument {
    fn from(campaign: &Campaign) -> Self {
        CampaignDocument {
            kind: CAMPAIGN_TYPE.to_owned(),
            format_version: FORMAT_VERSION,
            id: campaign.id.clone(),
            title: campaign.title.clone(),
            framework: campaign.framework.clone(),
            min_raters: campaign.min_raters as u64,
            subjects: campaign
                .subjects
                .iter()
                .map(|s| SubjectDocument {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    position: s.position.clone(),
                })
                .collect(),
            invitations: campaign
                .invitations
                .iter()
                .map(|i| InvitationDocument {
                    id: i.id.clone(),
                    subject: i.subject.clone(),
                    role: i.role.id().to_owned(),
                    rater_name: i.rater_name.clone(),
                    rater_id: i.rater_id.clone(),
                    closes: i.closes.as_ref().map(|c| c.text.clone()),
                    token_sha256: crate::proof::hex(&i.token_sha256),
                })
                .collect(),
        }
    }
}

/// Reads a campaign file: its size first, then its type and version, its structure, and then
/// every rule, each problem with its path.
pub(super) fn read(text: &str) -> Result<Campaign, CampaignError> {
    let mut problems = Problems::default();
    let refuse = |path: &str, kind: Kind| {
        let mut problems = Problems::default();
        problems.push(path, kind);
        Err(problems.into_error())
    };
    let value = match crate::json::parse(text, MAX_CAMPAIGN_BYTES) {
        Ok(value) => value,
        Err(error) => {
            let path = error.path().to_owned();
            let kind = match error {
                crate::json::JsonError::TooLarge { limit, .. } => Kind::TooLarge { limit },
                crate::json::JsonError::Syntax { .. } => Kind::Unreadable(error.to_string()),
                other => Kind::Strict(other),
            };
            return refuse(&path, kind);
        }
    };
    if value.get("type").and_then(|t| t.as_str()) != Some(CAMPAIGN_TYPE) {
        return refuse("$.type", Kind::NotACampaign);
    }
    match value.get("formatVersion") {
        Some(v) if v.as_u64() == Some(FORMAT_VERSION) => {}
        other => {
            let found = other.map_or_else(|| "missing".to_owned(), |v| clip(&v.to_string()));
            return refuse("$.formatVersion", Kind::UnsupportedVersion(found));
        }
    }
    let document: CampaignDocument = match serde_json::from_value(value) {
        Ok(document) => document,
        Err(e) => return refuse("$", Kind::Unreadable(e.to_string())),
    };
    let campaign = check(document, &mut problems);
    problems.into_result(campaign)
}

/// Checks a campaign's rules and builds it; what is wrong goes to `problems`.
fn check(document: CampaignDocument, problems: &mut Problems) -> Campaign {
    let id_at = |problems: &mut Problems, path: &str, id: &str| {
        if !is_id(id) {
            problems.push(path, Kind::BadId);
        }
    };
    let text_at = |problems: &mut Problems, path: &str, text: &str, limit: usize| {
        if text.trim().is_empty() {
            problems.push(path, Kind::Empty);
        } else if text.chars().count() > limit {
            problems.push(path, Kind::TooLong { limit });
        }
    };
    id_at(problems, "$.id", &document.id);
    text_at(problems, "$.title", &document.title, MAX_TITLE_CHARS);
    if !is_sha256(&document.framework.sha256) {
        problems.push("$.framework.sha256", Kind::BadSha256);
    }
    let (min, max) = MIN_RATERS_RANGE;
    if !(min..=max).contains(&document.min_raters) {
        problems.push("$.minRaters", Kind::OutOfRange { min, max });
    }
    if document.invitations.len() > MAX_INVITATIONS {
        problems.push(
            "$.invitations",
            Kind::TooMany {
                limit: MAX_INVITATIONS,
            },
        );
        return empty(document);
    }
    if document.subjects.len() > MAX_INVITATIONS {
        problems.push(
            "$.subjects",
            Kind::TooMany {
                limit: MAX_INVITATIONS,
            },
        );
        return empty(document);
    }

    let mut subjects = Vec::with_capacity(document.subjects.len());
    let mut subject_ids = BTreeSet::new();
    for (i, s) in document.subjects.into_iter().enumerate() {
        let path = format!("$.subjects[{i}]");
        text_at(problems, &format!("{path}.id"), &s.id, MAX_NAME_CHARS);
        text_at(problems, &format!("{path}.name"), &s.name, MAX_NAME_CHARS);
        if let Some(position) = &s.position {
            text_at(
                problems,
                &format!("{path}.position"),
                position,
                crate::config::MAX_POSITION_CHARS,
            );
        }
        if !subject_ids.insert(s.id.clone()) {
            problems.push(&path, Kind::DuplicateSubject(clip(&s.id)));
        }
        subjects.push(Subject {
            id: s.id,
            name: s.name,
            position: s.position,
        });
    }

    let mut invitations = Vec::with_capacity(document.invitations.len());
    let mut invitation_ids = BTreeSet::new();
    let mut tokens = BTreeSet::new();
    let mut selves = BTreeSet::new();
    let mut raters: BTreeMap<(String, String), ()> = BTreeMap::new();
    for (i, inv) in document.invitations.into_iter().enumerate() {
        let path = format!("$.invitations[{i}]");
        id_at(problems, &format!("{path}.id"), &inv.id);
        if !invitation_ids.insert(inv.id.clone()) {
            problems.push(
                format!("{path}.id"),
                Kind::DuplicateInvitation(clip(&inv.id)),
            );
        }
        if !subject_ids.contains(&inv.subject) {
            problems.push(
                format!("{path}.subject"),
                Kind::UnknownSubject(clip(&inv.subject)),
            );
        }
        let role = Role::from_id(&inv.role);
        if role.is_none() {
            problems.push(format!("{path}.role"), Kind::UnknownRole(clip(&inv.role)));
        }
        if role == Some(Role::SelfAssessment) && !selves.insert(inv.subject.clone()) {
            problems.push(&path, Kind::SecondSelf);
        }
        for (field, value) in [("raterName", &inv.rater_name), ("raterId", &inv.rater_id)] {
            if let Some(value) = value {
                text_at(problems, &format!("{path}.{field}"), value, MAX_NAME_CHARS);
            }
        }
        if let Some(rater) = &inv.rater_id
            && raters
                .insert((inv.subject.clone(), rater.clone()), ())
                .is_some()
        {
            problems.push(format!("{path}.raterId"), Kind::DuplicateRater(clip(rater)));
        }
        let closes = inv.closes.as_deref().and_then(|text| {
            let moment = Moment::parse(text);
            if moment.is_none() {
                problems.push(format!("{path}.closes"), Kind::BadDate);
            }
            moment
        });
        let token_sha256 = match parse_sha256(&inv.token_sha256) {
            Some(hash) => {
                if !tokens.insert(hash) {
                    problems.push(format!("{path}.tokenSha256"), Kind::DuplicateToken);
                }
                hash
            }
            None => {
                problems.push(format!("{path}.tokenSha256"), Kind::BadSha256);
                [0; 32]
            }
        };
        invitations.push(Invitation {
            id: inv.id,
            subject: inv.subject,
            role: role.unwrap_or(Role::Other),
            rater_name: inv.rater_name,
            rater_id: inv.rater_id,
            closes,
            token_sha256,
        });
    }
    Campaign {
        id: document.id,
        title: document.title,
        framework: document.framework,
        min_raters: document.min_raters.clamp(min, max) as usize,
        subjects,
        invitations,
    }
}

/// A campaign without subjects or invitations, for a document refused before they are read.
fn empty(document: CampaignDocument) -> Campaign {
    Campaign {
        id: document.id,
        title: document.title,
        framework: document.framework,
        min_raters: 1,
        subjects: Vec::new(),
        invitations: Vec::new(),
    }
}

fn is_sha256(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// 64 lowercase hexadecimal digits as 32 bytes.
fn parse_sha256(text: &str) -> Option<[u8; 32]> {
    if !is_sha256(text) {
        return None;
    }
    let mut out = [0; 32];
    for (i, pair) in text.as_bytes().chunks(2).enumerate() {
        let digit = |b: u8| match b {
            b'0'..=b'9' => b - b'0',
            _ => b - b'a' + 10,
        };
        out[i] = digit(pair[0]) << 4 | digit(pair[1]);
    }
    Some(out)
}

/// The JSON Schema of campaigns, as shipped in `public/campaign.schema.json`.
#[cfg(feature = "schema")]
pub fn json_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(CampaignDocument);
    schema.insert("$id".into(), "campaign.schema.json".into());
    schema.into()
}
