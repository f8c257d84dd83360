//! Saved drafts: the assessment's own versioned format, and how a draft is brought up to date
//! with the framework it is opened against (which may have changed since it was saved).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{
    Answer, AnswerStamps, Assessment, PlanAction, PlanItem, PlanStamps, Rating, Role, Status, Step,
    Subject,
};
use crate::framework::Framework;

/// The draft format this program writes. It reads this one and every older one (format 4
/// stamps each field of an answer and each part of a plan entry, where formats 1 to 3 stamp
/// the whole, a stamp read as every field's; format 3 added the invitation, format 2 the
/// development plan and its step; a format 1 draft has neither). A program that reads only
/// format 3 refuses a format 4 draft rather than saving it again with one stamp per answer.
pub const FORMAT_VERSION: u32 = 4;

/// The first format with a stamp per field.
const STAMPS_PER_FIELD: u32 = 4;

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DraftDocument {
    format_version: u32,
    id: String,
    framework_id: String,
    framework_version: String,
    subject: SubjectDocument,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    position: Option<String>,
    role: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    rater_id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    rater_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    challenge: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    invitation: Option<InvitationDocument>,
    answers: BTreeMap<String, AnswerDocument>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    set_aside: BTreeMap<String, AnswerDocument>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    plan: BTreeMap<String, PlanDocument>,
    /// The page being filled in, or none for the plan or the review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    page: Option<usize>,
    /// Whether the person was at the plan (when `page` is none).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    at_plan: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    submitted_at: Option<u64>,
    started_at: u64,
    updated_at: u64,
}

#[derive(Serialize, Deserialize)]
struct InvitationDocument {
    campaign: String,
    token: String,
}

#[derive(Serialize, Deserialize)]
struct SubjectDocument {
    #[serde(default)]
    id: String,
    name: String,
}

/// One answer. Its stamps are plain fields, `changedAt` read into the first: the document
/// stays the size of [`Answer`], so that the bundle shares their map code (some 6 KB of
/// WebAssembly).
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AnswerDocument {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    level: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    not_observed: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    comment: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    evidence: String,
    /// When each field last changed (absent for never). Formats 1 to 3 stamp the answer once,
    /// `changedAt`: read here, and given to every field.
    #[serde(default, alias = "changedAt", skip_serializing_if = "is_zero")]
    rating_changed_at: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    comment_changed_at: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    evidence_changed_at: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlanDocument {
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    chosen: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target_level: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target_date: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    actions: Vec<ActionDocument>,
    /// When each part last changed (absent for never). Formats 2 and 3 stamp the entry once,
    /// `changedAt`: read here, and given to every part.
    #[serde(default, alias = "changedAt", skip_serializing_if = "is_zero")]
    chosen_changed_at: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    target_level_changed_at: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    target_date_changed_at: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    actions_changed_at: u64,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
enum ActionDocument {
    Resource(usize),
    Own(String),
}

/// Why a saved draft could not be opened. The caller keeps it aside, never deletes it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    /// Not a draft at all (damaged, or not written by this program).
    #[error("the draft cannot be read: {0}")]
    Unreadable(String),
    /// Written by a newer version of the program.
    #[error("the draft was saved by a newer version (format {0})")]
    NewerFormat(u32),
    /// A draft against another framework than the one loaded.
    #[error("the draft is for another framework (`{id}`)")]
    OtherFramework { id: String },
}

/// What changed when a draft was brought up to date with its framework.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Update {
    /// The framework's version changed since the draft was saved.
    FrameworkVersion { from: String, to: String },
    /// The position no longer exists: every competency is now assessed.
    PositionRemoved(String),
    /// The answer to a competency no longer assessed was set aside (kept, not used).
    AnswerSetAside(String),
    /// The level given no longer exists: the rating was cleared (its old value is set aside).
    LevelRemoved { competency: String, level: String },
    /// A plan entry named a learning resource or a target level the framework no longer
    /// has: that part of the entry was cleared.
    PlanChanged(String),
}

/// A draft brought up to date with the framework, and what that changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub assessment: Assessment,
    pub updates: Vec<Update>,
}

/// A map of `entries` (another map's, each value turned into another type), inserted one by
/// one: collecting into a map sorts first, and the WebAssembly would carry a sort's code for
/// every type of entry.
fn rebuilt<V>(entries: impl Iterator<Item = (String, V)>) -> BTreeMap<String, V> {
    let mut map = BTreeMap::new();
    for (key, value) in entries {
        map.insert(key, value);
    }
    map
}

/// The draft as saved.
pub fn to_json(assessment: &Assessment) -> String {
    let answers = |map: &BTreeMap<String, Answer>| {
        rebuilt(map.iter().map(|(id, a)| (id.clone(), answer_document(a))))
    };
    let document = DraftDocument {
        format_version: FORMAT_VERSION,
        id: assessment.id.clone(),
        framework_id: assessment.framework_id.clone(),
        framework_version: assessment.framework_version.clone(),
        subject: SubjectDocument {
            id: assessment.subject.id.clone(),
            name: assessment.subject.name.clone(),
        },
        position: assessment.position.clone(),
        role: assessment.role.id().to_owned(),
        rater_id: assessment.rater.id.clone(),
        rater_name: assessment.rater.name.clone(),
        challenge: assessment.challenge.clone(),
        invitation: assessment.invitation.as_ref().map(|i| InvitationDocument {
            campaign: i.campaign.clone(),
            token: i.token.clone(),
        }),
        answers: answers(&assessment.answers),
        set_aside: answers(&assessment.set_aside),
        plan: rebuilt(
            assessment
                .plan
                .iter()
                .map(|(id, item)| (id.clone(), plan_document(item))),
        ),
        page: match assessment.step {
            Step::Page(n) => Some(n),
            Step::Plan | Step::Review => None,
        },
        at_plan: assessment.step == Step::Plan,
        submitted_at: match assessment.status {
            Status::Submitted { at } => Some(at),
            Status::Draft => None,
        },
        started_at: assessment.started_at,
        updated_at: assessment.updated_at,
    };
    serde_json::to_string(&document).expect("a draft always serialises")
}

fn answer_document(answer: &Answer) -> AnswerDocument {
    AnswerDocument {
        level: match &answer.rating {
            Some(Rating::Level(level)) => Some(level.clone()),
            _ => None,
        },
        not_observed: answer.rating == Some(Rating::NotObserved),
        comment: answer.comment.clone(),
        evidence: answer.evidence.clone(),
        rating_changed_at: answer.changed.rating,
        comment_changed_at: answer.changed.comment,
        evidence_changed_at: answer.changed.evidence,
    }
}

fn plan_document(item: &PlanItem) -> PlanDocument {
    PlanDocument {
        chosen: item.chosen,
        target_level: item.target_level.clone(),
        target_date: item.target_date.clone(),
        actions: item
            .actions
            .iter()
            .map(|a| match a {
                PlanAction::Resource(n) => ActionDocument::Resource(*n),
                PlanAction::Own(text) => ActionDocument::Own(text.clone()),
            })
            .collect(),
        chosen_changed_at: item.changed.chosen,
        target_level_changed_at: item.changed.target_level,
        target_date_changed_at: item.changed.target_date,
        actions_changed_at: item.changed.actions,
    }
}

fn plan_item(document: PlanDocument, version: u32) -> PlanItem {
    PlanItem {
        chosen: document.chosen,
        target_level: document.target_level,
        target_date: document.target_date,
        actions: document
            .actions
            .into_iter()
            .map(|a| match a {
                ActionDocument::Resource(n) => PlanAction::Resource(n),
                ActionDocument::Own(text) => PlanAction::Own(text),
            })
            .collect(),
        changed: if version < STAMPS_PER_FIELD {
            PlanStamps::all(document.chosen_changed_at)
        } else {
            PlanStamps {
                chosen: document.chosen_changed_at,
                target_level: document.target_level_changed_at,
                target_date: document.target_date_changed_at,
                actions: document.actions_changed_at,
            }
        },
    }
}

fn answer(document: AnswerDocument, version: u32) -> Answer {
    Answer {
        rating: match (document.level, document.not_observed) {
            (Some(level), _) => Some(Rating::Level(level)),
            (None, true) => Some(Rating::NotObserved),
            (None, false) => None,
        },
        comment: document.comment,
        evidence: document.evidence,
        changed: if version < STAMPS_PER_FIELD {
            AnswerStamps::all(document.rating_changed_at)
        } else {
            AnswerStamps {
                rating: document.rating_changed_at,
                comment: document.comment_changed_at,
                evidence: document.evidence_changed_at,
            }
        },
    }
}

/// Reads a saved draft without a framework: enough to list it (whom, which role, when).
pub fn peek(json: &str) -> Result<Assessment, DraftError> {
    let document: DraftDocument = read(json)?;
    let role = Role::from_id(&document.role)
        .ok_or_else(|| DraftError::Unreadable(format!("unknown role `{}`", document.role)))?;
    let version = document.format_version;
    let answers = |map: BTreeMap<String, AnswerDocument>| {
        rebuilt(map.into_iter().map(|(id, a)| (id, answer(a, version))))
    };
    Ok(Assessment {
        id: document.id,
        framework_id: document.framework_id,
        framework_version: document.framework_version,
        subject: Subject {
            id: document.subject.id,
            name: document.subject.name,
        },
        position: document.position,
        role,
        rater: super::RaterRef {
            id: document.rater_id,
            name: document.rater_name,
        },
        challenge: document.challenge,
        invitation: document.invitation.map(|i| super::InvitationRef {
            campaign: i.campaign,
            token: i.token,
        }),
        answers: answers(document.answers),
        set_aside: answers(document.set_aside),
        plan: rebuilt(
            document
                .plan
                .into_iter()
                .map(|(id, item)| (id, plan_item(item, version))),
        ),
        step: match (
            document.page,
            document.at_plan && role == Role::SelfAssessment,
        ) {
            (Some(n), _) => Step::Page(n),
            (None, true) => Step::Plan,
            (None, false) => Step::Review,
        },
        status: document
            .submitted_at
            .map_or(Status::Draft, |at| Status::Submitted { at }),
        started_at: document.started_at,
        updated_at: document.updated_at,
    })
}

/// The largest draft read: more than browser storage holds (about 5 MB an origin), so that a
/// draft the app could save is never refused for its size.
pub const MAX_DRAFT_BYTES: usize = 16 * 1024 * 1024;

fn read(json: &str) -> Result<DraftDocument, DraftError> {
    // The strict step every outside document takes (a competency answered twice, a stamp
    // beyond what JSON readers hold exactly, nesting, size); the typed reading follows.
    crate::json::parse(json, MAX_DRAFT_BYTES)
        .map_err(|e| DraftError::Unreadable(format!("{e} (at {})", e.path())))?;
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Version {
        format_version: u32,
    }
    let version: Version =
        serde_json::from_str(json).map_err(|e| DraftError::Unreadable(e.to_string()))?;
    match version.format_version {
        1..=FORMAT_VERSION => {
            serde_json::from_str(json).map_err(|e| DraftError::Unreadable(e.to_string()))
        }
        v if v > FORMAT_VERSION => Err(DraftError::NewerFormat(v)),
        v => Err(DraftError::Unreadable(format!("unknown format {v}"))),
    }
}

/// Opens a saved draft against `framework`, bringing it up to date: answers to competencies
/// the framework (or the position) no longer has are set aside, ratings at levels that no
/// longer exist are cleared, and the page is brought back within the form.
pub fn open(json: &str, framework: &Framework) -> Result<Opened, DraftError> {
    let mut assessment = peek(json)?;
    if assessment.framework_id != framework.id {
        return Err(DraftError::OtherFramework {
            id: assessment.framework_id,
        });
    }
    let mut updates = Vec::new();
    if assessment.framework_version != framework.version {
        updates.push(Update::FrameworkVersion {
            from: assessment.framework_version.clone(),
            to: framework.version.clone(),
        });
        assessment.framework_version = framework.version.clone();
    }
    if let Some(position) = &assessment.position
        && framework.position(position).is_none()
    {
        updates.push(Update::PositionRemoved(position.clone()));
        assessment.position = None;
    }
    let answers = std::mem::take(&mut assessment.answers);
    for (competency, mut answer) in answers {
        if !assessment.in_scope(framework, &competency) {
            updates.push(Update::AnswerSetAside(competency.clone()));
            assessment.set_aside.insert(competency, answer);
            continue;
        }
        if let Some(Rating::Level(level)) = &answer.rating
            && framework.level(level).is_none()
        {
            updates.push(Update::LevelRemoved {
                competency: competency.clone(),
                level: level.clone(),
            });
            assessment
                .set_aside
                .insert(competency.clone(), answer.clone());
            answer.rating = None;
        }
        assessment.answers.insert(competency, answer);
    }
    for (competency, item) in &mut assessment.plan {
        let resources = framework
            .competency(competency)
            .map_or(0, |c| c.resources.len());
        let before = item.clone();
        item.actions
            .retain(|a| !matches!(a, PlanAction::Resource(n) if *n >= resources));
        if item
            .target_level
            .as_deref()
            .is_some_and(|level| framework.level(level).is_none())
        {
            item.target_level = None;
        }
        if *item != before {
            updates.push(Update::PlanChanged(competency.clone()));
        }
    }
    if let Step::Page(n) = assessment.step
        && n >= assessment.pages(framework).len()
    {
        assessment.step = Step::Page(0);
    }
    Ok(Opened {
        assessment,
        updates,
    })
}
