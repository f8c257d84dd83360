//! Saved drafts: the assessment's own versioned format, and how a draft is brought up to date
//! with the framework it is opened against (which may have changed since it was saved).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

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

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DraftDocument {
    format_version: u32,
    id: String,
    framework_id: String,
    framework_version: String,
    subject: SubjectDocument,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<String>,
    role: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    rater_id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    rater_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    challenge: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    invitation: Option<InvitationDocument>,
    answers: Members<AnswerDocument>,
    #[serde(skip_serializing_if = "Members::is_empty")]
    set_aside: Members<AnswerDocument>,
    #[serde(skip_serializing_if = "Members::is_empty")]
    plan: Members<PlanDocument>,
    /// The page being filled in, or none for the plan or the review.
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<usize>,
    /// Whether the person was at the plan (when `page` is none).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    at_plan: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    submitted_at: Option<u64>,
    started_at: u64,
    updated_at: u64,
}

/// An object's members in order, as the document has them: written and read as a JSON
/// object, never kept as a map (each type of map's insertion is code of its own in the
/// WebAssembly; the assessment's maps are built from them).
struct Members<V>(Vec<(String, V)>);

impl<V> Members<V> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<V: Serialize> Serialize for Members<V> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(name, value)| (name, value)))
    }
}

#[derive(Serialize)]
struct InvitationDocument {
    campaign: String,
    token: String,
}

#[derive(Serialize)]
struct SubjectDocument {
    id: String,
    name: String,
}

/// One answer. Its stamps are plain fields, `changedAt` read into the first: the document
/// stays the size of [`Answer`], so that the bundle shares their map code (some 6 KB of
/// WebAssembly).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AnswerDocument {
    #[serde(skip_serializing_if = "Option::is_none")]
    level: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    not_observed: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    comment: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    evidence: String,
    /// When each field last changed (absent for never). Formats 1 to 3 stamp the answer once,
    /// `changedAt`: read here, and given to every field.
    #[serde(skip_serializing_if = "is_zero")]
    rating_changed_at: u64,
    #[serde(skip_serializing_if = "is_zero")]
    comment_changed_at: u64,
    #[serde(skip_serializing_if = "is_zero")]
    evidence_changed_at: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PlanDocument {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    chosen: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    target_level: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target_date: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    actions: Vec<ActionDocument>,
    /// When each part last changed (absent for never). Formats 2 and 3 stamp the entry once,
    /// `changedAt`: read here, and given to every part.
    #[serde(skip_serializing_if = "is_zero")]
    chosen_changed_at: u64,
    #[serde(skip_serializing_if = "is_zero")]
    target_level_changed_at: u64,
    #[serde(skip_serializing_if = "is_zero")]
    target_date_changed_at: u64,
    #[serde(skip_serializing_if = "is_zero")]
    actions_changed_at: u64,
}

#[derive(Serialize)]
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
        Members(
            map.iter()
                .map(|(id, a)| (id.clone(), answer_document(a)))
                .collect(),
        )
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
        plan: Members(
            assessment
                .plan
                .iter()
                .map(|(id, item)| (id.clone(), plan_document(item)))
                .collect(),
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
    // Written by the app's one writer of JSON (`crate::json`): serde's is not in the page.
    crate::json::to_string(&serde_json::to_value(&document).expect("a draft always serialises"))
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
    let answers = |members: Members<AnswerDocument>| {
        rebuilt(
            members
                .0
                .into_iter()
                .map(|(id, a)| (id, answer(a, version))),
        )
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
                .0
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
    // beyond what JSON readers hold exactly, nesting, size); the reading by hand follows
    // (serde's derived readers cost the page several kilobytes of WebAssembly).
    let value = crate::json::parse(json, MAX_DRAFT_BYTES)
        .map_err(|e| DraftError::Unreadable(format!("{e} (at {})", e.path())))?;
    let draft = Fields::of(&value, "the draft")?;
    let format_version = draft.number("formatVersion")?;
    let format_version = match u32::try_from(format_version) {
        Ok(v @ 1..=FORMAT_VERSION) => v,
        Ok(v) if v > FORMAT_VERSION => return Err(DraftError::NewerFormat(v)),
        _ => return Err(unreadable(format!("unknown format {format_version}"))),
    };
    let subject = Fields::of(draft.required("subject")?, "`subject`")?;
    let invitation = match draft.optional("invitation") {
        None => None,
        Some(value) => {
            let invitation = Fields::of(value, "`invitation`")?;
            Some(InvitationDocument {
                campaign: invitation.string("campaign")?,
                token: invitation.string("token")?,
            })
        }
    };
    let page = match draft.optional_number("page")? {
        None => None,
        Some(n) => Some(usize::try_from(n).map_err(|_| unreadable("`page` is too large"))?),
    };
    Ok(DraftDocument {
        format_version,
        id: draft.string("id")?,
        framework_id: draft.string("frameworkId")?,
        framework_version: draft.string("frameworkVersion")?,
        subject: SubjectDocument {
            id: subject.string_or_empty("id")?,
            name: subject.string("name")?,
        },
        position: draft.optional_string("position")?,
        role: draft.string("role")?,
        rater_id: draft.string_or_empty("raterId")?,
        rater_name: draft.string_or_empty("raterName")?,
        challenge: draft.optional_string("challenge")?,
        invitation,
        answers: answer_documents(draft.required("answers")?)?,
        set_aside: match draft.optional("setAside") {
            Some(value) => answer_documents(value)?,
            None => Members(Vec::new()),
        },
        plan: match draft.optional("plan") {
            Some(value) => plan_documents(value)?,
            None => Members(Vec::new()),
        },
        page,
        at_plan: draft.flag("atPlan")?,
        submitted_at: draft.optional_number("submittedAt")?,
        started_at: draft.number("startedAt")?,
        updated_at: draft.number("updatedAt")?,
    })
}

fn unreadable(why: impl Into<String>) -> DraftError {
    DraftError::Unreadable(why.into())
}

/// The members of an object of a draft, read by name. A member absent or `null` is absent.
struct Fields<'a>(&'a Map<String, Value>);

impl<'a> Fields<'a> {
    /// `value`'s members (`what` names it in the refusal when it is not an object).
    fn of(value: &'a Value, what: &str) -> Result<Self, DraftError> {
        value
            .as_object()
            .map(Fields)
            .ok_or_else(|| unreadable(format!("{what} is not an object")))
    }

    fn optional(&self, name: &str) -> Option<&'a Value> {
        self.0.get(name).filter(|v| !v.is_null())
    }

    fn required(&self, name: &str) -> Result<&'a Value, DraftError> {
        self.optional(name)
            .ok_or_else(|| unreadable(format!("missing field `{name}`")))
    }

    fn optional_string(&self, name: &str) -> Result<Option<String>, DraftError> {
        self.optional(name)
            .map(|v| {
                v.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| unreadable(format!("`{name}` is not a string")))
            })
            .transpose()
    }

    fn string(&self, name: &str) -> Result<String, DraftError> {
        self.optional_string(name)?
            .ok_or_else(|| unreadable(format!("missing field `{name}`")))
    }

    fn string_or_empty(&self, name: &str) -> Result<String, DraftError> {
        Ok(self.optional_string(name)?.unwrap_or_default())
    }

    fn optional_number(&self, name: &str) -> Result<Option<u64>, DraftError> {
        self.optional(name)
            .map(|v| {
                v.as_u64()
                    .ok_or_else(|| unreadable(format!("`{name}` is not a whole number")))
            })
            .transpose()
    }

    fn number(&self, name: &str) -> Result<u64, DraftError> {
        self.optional_number(name)?
            .ok_or_else(|| unreadable(format!("missing field `{name}`")))
    }

    /// The first of `names` given (a field and the name older formats gave it), else 0.
    fn stamp(&self, names: &[&str]) -> Result<u64, DraftError> {
        for name in names {
            if let Some(n) = self.optional_number(name)? {
                return Ok(n);
            }
        }
        Ok(0)
    }

    fn flag(&self, name: &str) -> Result<bool, DraftError> {
        self.optional(name).map_or(Ok(false), |v| {
            v.as_bool()
                .ok_or_else(|| unreadable(format!("`{name}` is not true or false")))
        })
    }
}

/// The members of an object, each read by `read`.
fn each<V>(
    value: &Value,
    what: &str,
    read: impl Fn(Fields) -> Result<V, DraftError>,
) -> Result<Members<V>, DraftError> {
    let object = value
        .as_object()
        .ok_or_else(|| unreadable(format!("{what} is not an object")))?;
    let mut members = Vec::new();
    for (id, entry) in object {
        members.push((id.clone(), read(Fields::of(entry, &format!("`{id}`"))?)?));
    }
    Ok(Members(members))
}

fn answer_documents(value: &Value) -> Result<Members<AnswerDocument>, DraftError> {
    each(value, "the answers", |answer| {
        Ok(AnswerDocument {
            level: answer.optional_string("level")?,
            not_observed: answer.flag("notObserved")?,
            comment: answer.string_or_empty("comment")?,
            evidence: answer.string_or_empty("evidence")?,
            rating_changed_at: answer.stamp(&["ratingChangedAt", "changedAt"])?,
            comment_changed_at: answer.stamp(&["commentChangedAt"])?,
            evidence_changed_at: answer.stamp(&["evidenceChangedAt"])?,
        })
    })
}

fn plan_documents(value: &Value) -> Result<Members<PlanDocument>, DraftError> {
    each(value, "the plan", |item| {
        let actions = match item.optional("actions") {
            None => Vec::new(),
            Some(actions) => actions
                .as_array()
                .ok_or_else(|| unreadable("`actions` is not a list"))?
                .iter()
                .map(action_document)
                .collect::<Result<_, _>>()?,
        };
        Ok(PlanDocument {
            chosen: item.flag("chosen")?,
            target_level: item.optional_string("targetLevel")?,
            target_date: item.optional_string("targetDate")?,
            actions,
            chosen_changed_at: item.stamp(&["chosenChangedAt", "changedAt"])?,
            target_level_changed_at: item.stamp(&["targetLevelChangedAt"])?,
            target_date_changed_at: item.stamp(&["targetDateChangedAt"])?,
            actions_changed_at: item.stamp(&["actionsChangedAt"])?,
        })
    })
}

/// `{"resource": 2}` (the competency's third learning resource) or `{"own": "text"}`.
fn action_document(value: &Value) -> Result<ActionDocument, DraftError> {
    let action = Fields::of(value, "an action")?;
    match (
        action.0.len(),
        action.optional_number("resource"),
        action.optional_string("own"),
    ) {
        (1, Ok(Some(n)), _) => usize::try_from(n)
            .map(ActionDocument::Resource)
            .map_err(|_| unreadable("`resource` is too large")),
        (1, _, Ok(Some(text))) => Ok(ActionDocument::Own(text)),
        _ => Err(unreadable("an action is neither a resource nor one's own")),
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
