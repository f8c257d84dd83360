//! One rater's assessment of one subject against a framework: the state machine the forms
//! draw. Answers, progress, what is still required (which depends on the rater's role),
//! submission, and read-only once submitted. Drafts are saved and merged through [`draft`].
//!
//! Time is given by the caller (milliseconds since the Unix epoch), so this code has no clock.

pub mod draft;
pub mod plan;

use std::collections::BTreeMap;

use crate::framework::{Competency, Framework, Group};
pub use plan::{PlanAction, PlanGap, PlanItem, PlanStamps};

/// Longest comment or evidence note, in characters.
pub const MAX_NOTE_CHARS: usize = 2_000;
/// Longest subject name or id, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// Who is rating, relative to the person assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// The person assesses themselves.
    SelfAssessment,
    Supervisor,
    Peer,
    DirectReport,
    Other,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::SelfAssessment,
        Role::Supervisor,
        Role::Peer,
        Role::DirectReport,
        Role::Other,
    ];

    /// The role's id in documents and addresses.
    pub fn id(self) -> &'static str {
        match self {
            Role::SelfAssessment => "self",
            Role::Supervisor => "supervisor",
            Role::Peer => "peer",
            Role::DirectReport => "direct-report",
            Role::Other => "other",
        }
    }

    pub fn from_id(id: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.id() == id)
    }

    /// Whether this rater's answers are only ever reported grouped with others of the same
    /// role, never on their own.
    pub fn is_anonymous(self) -> bool {
        matches!(self, Role::Peer | Role::DirectReport | Role::Other)
    }
}

/// The person assessed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// The HR system's id for the person, when known.
    pub id: String,
    pub name: String,
}

impl Subject {
    /// The subject as an assessment records it: without the spaces around the id and name.
    pub fn trimmed(&self) -> Subject {
        Subject {
            id: self.id.trim().to_owned(),
            name: self.name.trim().to_owned(),
        }
    }
}

/// Who rates, as the portal knows them (empty when the widget runs on its own).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RaterRef {
    pub id: String,
    pub name: String,
}

impl RaterRef {
    /// The identity this rater's signing key belongs to in a browser: the portal's id,
    /// else, for a self-assessment, the person assessed; else one shared local identity.
    pub fn key_identity(&self, role: Role, subject: &Subject) -> String {
        if !self.id.is_empty() {
            format!("rater:{}", self.id)
        } else if role == Role::SelfAssessment {
            let who = if subject.id.is_empty() {
                &subject.name
            } else {
                &subject.id
            };
            format!("self:{who}")
        } else {
            "local".to_owned()
        }
    }
}

/// The invitation an assessment answers: a campaign's id and the invitation's secret token
/// (see [`crate::campaign`]), signed into the result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationRef {
    pub campaign: String,
    pub token: String,
}

/// A rating of one competency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rating {
    /// A level of the framework's scale, by id.
    Level(String),
    /// The rater has not seen the competency in use and cannot judge it.
    NotObserved,
}

/// The answer to one competency. Each change stamps the field it changes, so that two tabs
/// editing the same draft can be merged field by field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answer {
    pub rating: Option<Rating>,
    pub comment: String,
    /// An example of when the rater saw the competency in use.
    pub evidence: String,
    /// When each field last changed.
    pub changed: AnswerStamps,
}

/// When each field of an answer last changed (milliseconds since the Unix epoch; 0 for
/// never).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AnswerStamps {
    pub rating: u64,
    pub comment: u64,
    pub evidence: u64,
}

impl AnswerStamps {
    /// Every field stamped `at` (a draft of a format with one stamp per answer).
    pub fn all(at: u64) -> Self {
        AnswerStamps {
            rating: at,
            comment: at,
            evidence: at,
        }
    }
}

impl Answer {
    /// Takes in, field by field, what `other` changed later (of two changes made at the same
    /// moment, this copy's stays).
    pub fn merge(&mut self, other: &Answer) {
        later(
            (&mut self.rating, &mut self.changed.rating),
            (&other.rating, other.changed.rating),
        );
        later(
            (&mut self.comment, &mut self.changed.comment),
            (&other.comment, other.changed.comment),
        );
        later(
            (&mut self.evidence, &mut self.changed.evidence),
            (&other.evidence, other.changed.evidence),
        );
    }
}

/// Keeps, of one field in two copies, the value changed last, with its stamp.
pub(crate) fn later<T: Clone>(ours: (&mut T, &mut u64), theirs: (&T, u64)) {
    let (value, at) = ours;
    if theirs.1 > *at {
        *value = theirs.0.clone();
        *at = theirs.1;
    }
}

/// Where the rater is in the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The page of the n-th group in scope.
    Page(usize),
    /// The profile and the development plan (a self-assessment's last step before review).
    Plan,
    Review,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Draft,
    /// Submitted, and read-only from then on.
    Submitted {
        at: u64,
    },
}

/// An assessment in progress or submitted.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// Unique in this browser; names the saved draft.
    pub id: String,
    pub framework_id: String,
    pub framework_version: String,
    pub subject: Subject,
    /// The subject's position: only its required competencies are assessed. Without one,
    /// every competency of the framework is.
    pub position: Option<String>,
    pub role: Role,
    /// Who rates, when the portal said.
    pub rater: RaterRef,
    /// The portal's challenge, to be bound into the result's signature.
    pub challenge: Option<String>,
    /// The invitation this assessment answers, when it was opened from one.
    pub invitation: Option<InvitationRef>,
    /// Answers by competency id.
    pub answers: BTreeMap<String, Answer>,
    /// Answers to competencies the framework no longer has (after it changed under a draft):
    /// kept, never silently dropped, but no longer part of the assessment.
    pub set_aside: BTreeMap<String, Answer>,
    /// The development plan, by competency id (self-assessments only).
    pub plan: BTreeMap<String, PlanItem>,
    pub step: Step,
    pub status: Status,
    pub started_at: u64,
    pub updated_at: u64,
}

/// How much is answered, overall and per page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub answered: usize,
    pub required: usize,
    /// (group id, answered, required) for each page, in order.
    pub pages: Vec<(String, usize, usize)>,
}

impl Progress {
    pub fn is_complete(&self) -> bool {
        self.answered == self.required
    }
}

/// What still stands between a draft and its submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub competency: String,
    pub reason: MissingReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MissingReason {
    /// No rating yet (a level, or "not observed").
    Unrated,
    /// A supervisor rated a critical competency below the position's required level without
    /// saying why: the officer and HR need the reason (a comment or an example).
    BelowRequiredUnexplained,
    /// The competency is in the development plan, which lacks this.
    Plan(PlanGap),
}

/// Why an action on an assessment was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssessmentError {
    /// The assessment was submitted: it can no longer change.
    #[error("the assessment was submitted and is read-only")]
    ReadOnly,
    /// No position with this id in the framework.
    #[error("no position has the id `{0}`")]
    UnknownPosition(String),
    /// The competency is not assessed here (not in the framework, or not required by the
    /// position).
    #[error("`{0}` is not assessed here")]
    NotInScope(String),
    /// The framework's scale has no level with this id.
    #[error("no level has the id `{0}`")]
    UnknownLevel(String),
    /// The subject needs a name.
    #[error("the person assessed needs a name")]
    MissingName,
    /// A text longer than the limit, in characters.
    #[error("longer than {limit} characters")]
    TooLong { limit: usize },
    /// No page with this number.
    #[error("there is no page {0}")]
    NoSuchPage(usize),
    /// Some required answers are missing.
    #[error("{} required answers are missing", .0.len())]
    Incomplete(Vec<Missing>),
    /// The assessment is for another framework than the one given.
    #[error("the assessment is for another framework")]
    OtherFramework,
    /// Only a self-assessment has a development plan.
    #[error("only a self-assessment has a development plan")]
    NoPlan,
    /// Not a day written `YYYY-MM-DD`.
    #[error("`{0}` is not a day written YYYY-MM-DD")]
    BadDate(String),
    /// A target day before today.
    #[error("{0} is in the past")]
    DateInThePast(String),
    /// The competency has no learning resource at this place.
    #[error("there is no learning resource {0}")]
    NoSuchResource(usize),
    /// A plan entry with more actions than the limit.
    #[error("a plan entry has at most {limit} actions")]
    TooManyActions { limit: usize },
    /// No assessment is open to change.
    #[error("no assessment is open")]
    NothingOpen,
}

impl Assessment {
    /// Starts an assessment of `subject` by a rater in `role`.
    pub fn start(
        id: String,
        framework: &Framework,
        subject: Subject,
        position: Option<String>,
        role: Role,
        now: u64,
    ) -> Result<Self, AssessmentError> {
        let subject = subject.trimmed();
        if subject.name.is_empty() {
            return Err(AssessmentError::MissingName);
        }
        if [&subject.id, &subject.name]
            .iter()
            .any(|s| s.chars().count() > MAX_NAME_CHARS)
        {
            return Err(AssessmentError::TooLong {
                limit: MAX_NAME_CHARS,
            });
        }
        if let Some(p) = &position {
            framework
                .position(p)
                .ok_or_else(|| AssessmentError::UnknownPosition(p.clone()))?;
        }
        Ok(Assessment {
            id,
            framework_id: framework.id.clone(),
            framework_version: framework.version.clone(),
            subject,
            position,
            role,
            rater: RaterRef::default(),
            challenge: None,
            invitation: None,
            answers: BTreeMap::new(),
            set_aside: BTreeMap::new(),
            plan: BTreeMap::new(),
            step: Step::Page(0),
            status: Status::Draft,
            started_at: now,
            updated_at: now,
        })
    }

    /// The identity this assessment's signing key belongs to in a browser: one key per
    /// invitation, so that two raters answering their invitations on one shared computer
    /// never sign with the same key; else the rater's ([`RaterRef::key_identity`]).
    pub fn key_identity(&self) -> String {
        match &self.invitation {
            Some(invitation) => format!("invitation:{}:{}", invitation.campaign, invitation.token),
            None => self.rater.key_identity(self.role, &self.subject),
        }
    }

    pub fn is_submitted(&self) -> bool {
        matches!(self.status, Status::Submitted { .. })
    }

    /// Whether `competency` is assessed here.
    pub fn in_scope(&self, framework: &Framework, competency: &str) -> bool {
        match self.position.as_deref().and_then(|p| framework.position(p)) {
            Some(position) => position
                .requirements
                .iter()
                .any(|r| r.competency == competency),
            None => framework.competency(competency).is_some(),
        }
    }

    /// The pages of the form: every group with at least one competency in scope, in
    /// framework order.
    pub fn pages<'f>(&self, framework: &'f Framework) -> Vec<Page<'f>> {
        framework
            .groups_with_competencies()
            .map(|(group, members)| Page {
                group,
                competencies: members
                    .into_iter()
                    .filter(|c| self.in_scope(framework, &c.id))
                    .collect(),
            })
            .filter(|page| !page.competencies.is_empty())
            .collect()
    }

    /// Every competency in scope, page by page.
    pub fn competencies<'f>(&self, framework: &'f Framework) -> Vec<&'f Competency> {
        self.pages(framework)
            .into_iter()
            .flat_map(|p| p.competencies)
            .collect()
    }

    pub fn answer(&self, competency: &str) -> Option<&Answer> {
        self.answers.get(competency)
    }

    /// How many of `competencies` (a page's, say) have no rating yet: "not observed" is a
    /// rating.
    pub fn unrated<'c>(&self, competencies: impl IntoIterator<Item = &'c str>) -> usize {
        competencies
            .into_iter()
            .filter(|id| self.answer(id).is_none_or(|a| a.rating.is_none()))
            .count()
    }

    /// The level the position requires in `competency`, and whether it is critical.
    pub fn requirement<'f>(
        &self,
        framework: &'f Framework,
        competency: &str,
    ) -> Option<(&'f str, bool)> {
        let position = framework.position(self.position.as_deref()?)?;
        position
            .requirements
            .iter()
            .find(|r| r.competency == competency)
            .map(|r| (r.level.as_str(), r.critical))
    }

    fn writable(&self, framework: &Framework) -> Result<(), AssessmentError> {
        if self.is_submitted() {
            return Err(AssessmentError::ReadOnly);
        }
        if framework.id != self.framework_id {
            return Err(AssessmentError::OtherFramework);
        }
        Ok(())
    }

    /// The answer to `competency`, to change at `now` (the caller stamps the field it
    /// changes).
    fn answer_mut(
        &mut self,
        framework: &Framework,
        competency: &str,
        now: u64,
    ) -> Result<&mut Answer, AssessmentError> {
        self.writable(framework)?;
        if !self.in_scope(framework, competency) {
            return Err(AssessmentError::NotInScope(competency.to_owned()));
        }
        self.updated_at = self.updated_at.max(now);
        Ok(self.answers.entry(competency.to_owned()).or_default())
    }

    /// Rates a competency, or clears its rating with `None`.
    pub fn rate(
        &mut self,
        framework: &Framework,
        competency: &str,
        rating: Option<Rating>,
        now: u64,
    ) -> Result<(), AssessmentError> {
        if let Some(Rating::Level(level)) = &rating
            && framework.level(level).is_none()
        {
            return Err(AssessmentError::UnknownLevel(level.clone()));
        }
        let answer = self.answer_mut(framework, competency, now)?;
        answer.rating = rating;
        answer.changed.rating = answer.changed.rating.max(now);
        Ok(())
    }

    pub fn set_comment(
        &mut self,
        framework: &Framework,
        competency: &str,
        comment: &str,
        now: u64,
    ) -> Result<(), AssessmentError> {
        check_note(comment)?;
        let answer = self.answer_mut(framework, competency, now)?;
        answer.comment = comment.to_owned();
        answer.changed.comment = answer.changed.comment.max(now);
        Ok(())
    }

    pub fn set_evidence(
        &mut self,
        framework: &Framework,
        competency: &str,
        evidence: &str,
        now: u64,
    ) -> Result<(), AssessmentError> {
        check_note(evidence)?;
        let answer = self.answer_mut(framework, competency, now)?;
        answer.evidence = evidence.to_owned();
        answer.changed.evidence = answer.changed.evidence.max(now);
        Ok(())
    }

    /// Moves to a page, the plan (self-assessments) or the review. Allowed after submission
    /// (reading is).
    pub fn go_to(&mut self, framework: &Framework, step: Step) -> Result<(), AssessmentError> {
        match step {
            Step::Page(n) if n >= self.pages(framework).len() => {
                return Err(AssessmentError::NoSuchPage(n));
            }
            Step::Plan if !self.has_plan() => return Err(AssessmentError::NoPlan),
            _ => {}
        }
        self.step = step;
        Ok(())
    }

    /// The step after `step` in the form, if any.
    pub fn next_step(&self, framework: &Framework, step: Step) -> Option<Step> {
        let pages = self.pages(framework).len();
        match step {
            Step::Page(n) if n + 1 < pages => Some(Step::Page(n + 1)),
            Step::Page(_) if self.has_plan() => Some(Step::Plan),
            Step::Page(_) | Step::Plan => Some(Step::Review),
            Step::Review => None,
        }
    }

    /// The step before `step` in the form, if any.
    pub fn previous_step(&self, framework: &Framework, step: Step) -> Option<Step> {
        let last_page = self.pages(framework).len().checked_sub(1).map(Step::Page);
        match step {
            Step::Page(0) => None,
            Step::Page(n) => Some(Step::Page(n - 1)),
            Step::Plan => last_page,
            Step::Review if self.has_plan() => Some(Step::Plan),
            Step::Review => last_page,
        }
    }

    /// What is still required before submission, in form order: the answers
    /// ([`Assessment::missing_answers`]), then what chosen entries of the plan lack.
    pub fn missing(&self, framework: &Framework) -> Vec<Missing> {
        let mut missing = self.missing_answers(framework);
        for (competency, item) in self.plan_items(framework) {
            missing.extend(item.gaps().into_iter().map(|gap| Missing {
                competency: competency.id.clone(),
                reason: MissingReason::Plan(gap),
            }));
        }
        missing
    }

    /// The answers still required before submission, in form order. The rules depend on the
    /// role: everyone rates every competency in scope ("not observed" counts); a supervisor
    /// also explains any rating below the required level of a critical competency.
    pub fn missing_answers(&self, framework: &Framework) -> Vec<Missing> {
        self.competencies(framework)
            .into_iter()
            .filter_map(|c| {
                Some(Missing {
                    competency: c.id.clone(),
                    reason: self.answer_missing(framework, &c.id)?,
                })
            })
            .collect()
    }

    /// Why `competency`, one in scope, still holds up submission, if it does: the first of
    /// its reasons in [`Assessment::missing`], worked out for it alone. What each fieldset of
    /// a form shows after every change, without going through the whole assessment (which,
    /// for every fieldset, would make a change cost the square of the form's length).
    pub fn missing_for(&self, framework: &Framework, competency: &str) -> Option<MissingReason> {
        self.answer_missing(framework, competency).or_else(|| {
            let item = self.plan.get(competency).filter(|item| item.chosen)?;
            item.gaps().into_iter().next().map(MissingReason::Plan)
        })
    }

    /// What the answer to `competency` (one in scope) still lacks.
    fn answer_missing(&self, framework: &Framework, competency: &str) -> Option<MissingReason> {
        let answer = self.answers.get(competency);
        match answer.and_then(|a| a.rating.as_ref()) {
            None => Some(MissingReason::Unrated),
            Some(Rating::Level(level))
                if self.role == Role::Supervisor
                    && self.below_critical_requirement(framework, competency, level)
                    && answer.is_some_and(|a| {
                        a.comment.trim().is_empty() && a.evidence.trim().is_empty()
                    }) =>
            {
                Some(MissingReason::BelowRequiredUnexplained)
            }
            Some(_) => None,
        }
    }

    fn below_critical_requirement(
        &self,
        framework: &Framework,
        competency: &str,
        level: &str,
    ) -> bool {
        match self.requirement(framework, competency) {
            Some((required, true)) => {
                let rank = |id| framework.level(id).map(|(rank, _)| rank);
                rank(level) < rank(required)
            }
            _ => false,
        }
    }

    /// Answered and required competencies, overall and page by page. A competency counts as
    /// answered when no answer is missing for it (the plan is not counted).
    pub fn progress(&self, framework: &Framework) -> Progress {
        let missing: Vec<String> = self
            .missing_answers(framework)
            .into_iter()
            .map(|m| m.competency)
            .collect();
        let pages: Vec<(String, usize, usize)> = self
            .pages(framework)
            .into_iter()
            .map(|page| {
                let required = page.competencies.len();
                let open = page
                    .competencies
                    .iter()
                    .filter(|c| missing.contains(&c.id))
                    .count();
                (page.group.id.clone(), required - open, required)
            })
            .collect();
        Progress {
            answered: pages.iter().map(|p| p.1).sum(),
            required: pages.iter().map(|p| p.2).sum(),
            pages,
        }
    }

    /// Submits the assessment: from then on it is read-only.
    pub fn submit(&mut self, framework: &Framework, now: u64) -> Result<(), AssessmentError> {
        self.writable(framework)?;
        let missing = self.missing(framework);
        if !missing.is_empty() {
            return Err(AssessmentError::Incomplete(missing));
        }
        self.status = Status::Submitted { at: now };
        self.updated_at = self.updated_at.max(now);
        self.step = Step::Review;
        Ok(())
    }

    /// Takes in the changes another copy of the same draft made (another tab), field by
    /// field: for each answer its rating, comment and evidence, for each plan entry each of
    /// its parts, the one changed last wins. So nothing typed in either copy is lost to a
    /// change of another field in the other.
    /// A submission in either copy makes both submitted. Where this copy is in the form stays.
    pub fn merge(&mut self, other: &Assessment) {
        if other.id != self.id {
            return;
        }
        for (competency, theirs) in &other.answers {
            match self.answers.get_mut(competency) {
                Some(ours) => ours.merge(theirs),
                None => {
                    self.answers.insert(competency.clone(), theirs.clone());
                }
            }
        }
        for (competency, theirs) in &other.plan {
            match self.plan.get_mut(competency) {
                Some(ours) => ours.merge(theirs),
                None => {
                    self.plan.insert(competency.clone(), theirs.clone());
                }
            }
        }
        for (competency, theirs) in &other.set_aside {
            self.set_aside
                .entry(competency.clone())
                .or_insert_with(|| theirs.clone());
        }
        if let (Status::Draft, Status::Submitted { .. }) = (self.status, other.status) {
            self.status = other.status;
        }
        self.updated_at = self.updated_at.max(other.updated_at);
    }
}

/// One page of the form: a group and its competencies in scope.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<'f> {
    pub group: &'f Group,
    pub competencies: Vec<&'f Competency>,
}

fn check_note(text: &str) -> Result<(), AssessmentError> {
    if text.chars().count() > MAX_NOTE_CHARS {
        return Err(AssessmentError::TooLong {
            limit: MAX_NOTE_CHARS,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests;
