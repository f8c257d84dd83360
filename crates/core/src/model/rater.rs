//! The rater's session: the open assessment and what the user should know about its
//! saving, and every workflow on it (open or start, each change with its save, another tab's
//! copy merged in, resume, discard, clear my data).

use std::sync::Arc;

use crate::Framework;
use crate::assessment::draft::{self, DraftError, Update};
use crate::assessment::{
    Assessment, AssessmentError, InvitationRef, RaterRef, Role, Step, Subject,
};

use super::receipts::{self, Receipt};
use super::store::{Health, PREFIX, Scope, Store};
use super::{drafts, sealed, signing};

/// What a portal says about an assessment beyond whom it is about.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Portal {
    pub rater: RaterRef,
    pub challenge: Option<String>,
    /// The campaign invitation the assessment answers.
    pub invitation: Option<InvitationRef>,
}

/// How an assessment starts: whom it is about, against which position, in which role, and
/// what the portal says.
#[derive(Debug, Clone, PartialEq)]
pub struct Start {
    pub subject: Subject,
    pub position: Option<String>,
    pub role: Role,
    pub portal: Portal,
}

impl Start {
    /// The digest naming this start (this link) in receipts and sealed drafts: see
    /// [`receipts::start_digest`].
    pub fn digest(&self) -> String {
        receipts::start_digest(
            &self.subject,
            self.role,
            self.position.as_deref(),
            &self.portal.rater,
            self.portal.invitation.as_ref(),
        )
    }
}

/// What a portal's start (its link) finds on a shared device, where nothing starts in clear.
#[derive(Debug, Clone, PartialEq)]
pub enum SharedStart {
    /// Its draft is here, sealed: the rater gives its code.
    Locked,
    /// Its rating went out: only the receipt is left.
    Sent(Receipt),
    /// Nothing yet: the rater chooses a code, then it starts sealed.
    ChooseCode,
}

/// What "clear my data" removed from this browser.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cleared {
    /// Assessments: drafts, submitted ones and the receipts of those sent.
    pub assessments: usize,
    /// Signed results kept to be shown and exported again.
    pub results: usize,
    /// Results queued for the portal and not yet sent: they will not be.
    pub unsent: usize,
}

/// One rater's session in one widget instance.
#[derive(Debug, Clone)]
pub struct Rater {
    framework: Arc<Framework>,
    scope: Scope,
    read_only: bool,
    assessment: Option<Assessment>,
    updates: Vec<Update>,
    health: Health,
    /// Whether the open assessment is sealed with a code ([`super::sealed`]): its saves are
    /// the shell's to make, encrypted.
    sealed: bool,
    /// A sealed assessment changed since the shell last took it to save.
    seal_due: bool,
}

impl Rater {
    /// A session with nothing open, its drafts under `scope`; `read_only` for a portal's
    /// review mode.
    pub fn new(
        framework: Arc<Framework>,
        scope: Scope,
        read_only: bool,
        store: &dyn Store,
    ) -> Self {
        Rater {
            framework,
            scope,
            read_only,
            assessment: None,
            updates: Vec::new(),
            health: if store.usable() {
                Health::Saving
            } else {
                Health::Unavailable
            },
            sealed: false,
            seal_due: false,
        }
    }

    pub fn framework(&self) -> &Arc<Framework> {
        &self.framework
    }

    /// Takes `whole` as the framework when it is the same one in more languages: its id and
    /// version, and the same levels, groups, competencies (each in its group) and positions
    /// with their requirements, whatever their texts. The shell opens with the bundled
    /// framework in its default language alone and fetches the whole document for another.
    /// Nothing else changes: the open assessment and its answers stay as they are. Returns
    /// whether it was taken.
    pub fn add_languages(&mut self, whole: Arc<Framework>) -> bool {
        let (mine, theirs) = (&self.framework, &whole);
        let same = theirs.id == mine.id
            && theirs.version == mine.version
            && mine.languages.iter().all(|l| theirs.languages.contains(l))
            && skeleton(mine) == skeleton(theirs);
        if same {
            self.framework = whole;
        }
        same
    }

    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    /// The assessment being filled in or read.
    pub fn assessment(&self) -> Option<&Assessment> {
        self.assessment.as_ref()
    }

    /// What changed in the open draft when it was brought up to date with the framework.
    pub fn updates(&self) -> &[Update] {
        &self.updates
    }

    /// Whether the last change was saved, and if not, why.
    pub fn health(&self) -> Health {
        self.health
    }

    /// Whether `assessment`'s answers can be changed here: not submitted, not in review mode.
    pub fn may_change(&self, assessment: &Assessment) -> bool {
        !assessment.is_submitted() && !self.read_only
    }

    /// Whether the open assessment's answers can be changed here.
    pub fn editable(&self) -> bool {
        self.assessment.as_ref().is_some_and(|a| self.may_change(a))
    }

    /// Starts a new assessment `id` and opens it.
    pub fn start(
        &mut self,
        store: &dyn Store,
        id: String,
        start: Start,
        now: u64,
    ) -> Result<(), AssessmentError> {
        self.begin(store, id, start, now, false)
    }

    /// Starts a new assessment `id` sealed with a code and opens it: the shell saves it
    /// encrypted ([`Rater::take_seal_due`]), with the key it derived from the code.
    pub fn start_sealed(
        &mut self,
        store: &dyn Store,
        id: String,
        start: Start,
        now: u64,
    ) -> Result<(), AssessmentError> {
        self.begin(store, id, start, now, true)
    }

    fn begin(
        &mut self,
        store: &dyn Store,
        id: String,
        start: Start,
        now: u64,
        sealed: bool,
    ) -> Result<(), AssessmentError> {
        let Start {
            subject,
            position,
            role,
            portal,
        } = start;
        let mut assessment = Assessment::start(id, &self.framework, subject, position, role, now)?;
        assessment.rater = portal.rater;
        assessment.challenge = portal.challenge;
        assessment.invitation = portal.invitation;
        self.sealed = sealed;
        self.show(store, assessment, Vec::new());
        self.save(store);
        Ok(())
    }

    /// What `start` (a portal's link) finds on a shared device: its sealed draft, the receipt
    /// of its rating sent, or nothing yet.
    pub fn shared_start(&self, store: &dyn Store, start: &Start) -> SharedStart {
        let digest = start.digest();
        if !sealed::of_start(store, &self.scope, &digest).is_empty() {
            SharedStart::Locked
        } else if let Some(receipt) = receipts::of_start(store, &self.scope, &digest) {
            SharedStart::Sent(receipt)
        } else {
            SharedStart::ChooseCode
        }
    }

    /// Opens a sealed draft the shell unlocked with its code.
    pub fn open_unlocked(&mut self, store: &dyn Store, opened: draft::Opened) {
        self.sealed = true;
        self.show(store, opened.assessment, opened.updates);
    }

    /// Whether the open assessment is sealed with a code.
    pub fn is_sealed(&self) -> bool {
        self.sealed && self.assessment.is_some()
    }

    /// The open sealed assessment, when it changed since last taken: for the shell to save
    /// encrypted, then to give back with [`Rater::sealed_saved`].
    pub fn take_seal_due(&mut self) -> Option<Assessment> {
        if !std::mem::take(&mut self.seal_due) || !self.sealed {
            return None;
        }
        self.assessment.clone()
    }

    /// The shell saved `saved` (the open sealed assessment, with what another tab had saved
    /// merged in) with `outcome`.
    pub fn sealed_saved(&mut self, saved: &Assessment, outcome: Result<(), Health>) {
        if let Some(assessment) = &mut self.assessment
            && assessment.id == saved.id
        {
            assessment.merge(saved);
        }
        self.health = match outcome {
            Ok(()) => Health::Saving,
            Err(health) => health,
        };
    }

    /// Opens the saved draft `id`, brought up to date with the framework.
    pub fn open(&mut self, store: &dyn Store, id: &str) -> Result<(), DraftError> {
        let opened = drafts::open(store, &self.scope, id, &self.framework)?;
        self.sealed = false;
        self.show(store, opened.assessment, opened.updates);
        Ok(())
    }

    /// Opens the draft this browser had open last, when it is still a draft.
    pub fn resume_last(&mut self, store: &dyn Store) -> bool {
        drafts::last(store, &self.scope).is_some_and(|id| {
            drafts::stored(store, &self.scope, &id).is_some_and(|a| !a.is_submitted())
                && self.open(store, &id).is_ok()
        })
    }

    /// Opens the assessment the same start (the same link) began here: the one in progress,
    /// else the last one finished (its submitted view, rather than a second, empty
    /// assessment). A rating of someone else already out has only its receipt left: that is
    /// returned, and nothing is opened. Starts one, as `id`, when there is none.
    pub fn open_or_start(
        &mut self,
        store: &dyn Store,
        id: String,
        start: Start,
        now: u64,
    ) -> Result<Option<Receipt>, AssessmentError> {
        let subject = start.subject.trimmed();
        let (existing, _) = drafts::list(store, &self.scope, &self.framework);
        let same: Vec<&Assessment> = existing
            .iter()
            .filter(|a| {
                a.role == start.role
                    && a.position == start.position
                    && a.subject == subject
                    && a.rater == start.portal.rater
                    && a.invitation == start.portal.invitation
            })
            .collect();
        // Newest first.
        let found = same
            .iter()
            .find(|a| !a.is_submitted())
            .or_else(|| same.first());
        if let Some(a) = found
            && self.open(store, &a.id).is_ok()
        {
            return Ok(None);
        }
        if let Some(receipt) = receipts::of_start(store, &self.scope, &start.digest()) {
            return Ok(Some(receipt));
        }
        self.start(store, id, start, now).map(|()| None)
    }

    fn show(&mut self, store: &dyn Store, assessment: Assessment, updates: Vec<Update>) {
        // A sealed draft leaves no trace in clear, not even "open last".
        let last = if self.sealed {
            drafts::set_last(store, &self.scope, None)
        } else {
            drafts::set_last(store, &self.scope, Some(&assessment.id))
        };
        if let Err(health) = last {
            self.health = health;
        }
        self.assessment = Some(assessment);
        self.updates = updates;
    }

    /// Applies `change` to the open assessment and saves it at once. The domain refuses what
    /// is not allowed (a submitted assessment, say); then nothing changes. A change that
    /// could not be saved is kept in memory, and [`Rater::health`] says why.
    pub fn change(
        &mut self,
        store: &dyn Store,
        now: u64,
        change: impl FnOnce(&mut Assessment, &Framework, u64) -> Result<(), AssessmentError>,
    ) -> Result<(), AssessmentError> {
        if self.read_only {
            return Err(AssessmentError::ReadOnly);
        }
        let assessment = self
            .assessment
            .as_mut()
            .ok_or(AssessmentError::NothingOpen)?;
        change(assessment, &self.framework, now)?;
        self.save(store);
        Ok(())
    }

    /// Moves to a page of the form or to the review; in review mode too (reading is
    /// allowed), without saving.
    pub fn go_to(
        &mut self,
        store: &dyn Store,
        step: Step,
        now: u64,
    ) -> Result<(), AssessmentError> {
        if self.read_only {
            let assessment = self
                .assessment
                .as_mut()
                .ok_or(AssessmentError::NothingOpen)?;
            return assessment.go_to(&self.framework, step);
        }
        self.change(store, now, |a, f, _| a.go_to(f, step))
    }

    fn save(&mut self, store: &dyn Store) {
        if self.sealed {
            self.seal_due = true;
            return;
        }
        if let Some(assessment) = &mut self.assessment {
            self.health = match drafts::save(store, &self.scope, assessment) {
                Ok(()) => Health::Saving,
                Err(health) => health,
            };
        }
    }

    /// Another tab wrote `value` under `key`: when it is the open draft, its answers are
    /// merged into the open one (returns true); a copy a newer version of the app saved is
    /// left to it, and [`Rater::health`] says so. When the other tab erased it because its
    /// rating went out, it is closed here too (returns true).
    pub fn stored_elsewhere(&mut self, store: &dyn Store, key: &str, value: Option<&str>) -> bool {
        let Some(assessment) = &mut self.assessment else {
            return false;
        };
        if key == sealed::key(&self.scope, &assessment.id) && value.is_none() {
            return self.settle(store);
        }
        if key != drafts::key(&self.scope, &assessment.id) {
            return false;
        }
        match value.map(draft::peek) {
            Some(Ok(stored)) => {
                let before = assessment.clone();
                assessment.merge(&stored);
                *assessment != before
            }
            Some(Err(DraftError::NewerFormat(_))) => {
                self.health = Health::NewerDraft;
                false
            }
            None => self.settle(store),
            _ => false,
        }
    }

    /// The submitted `assessment`'s signed result `signed` was made or read back: its
    /// receipt is noted (a rating of someone else only), for when it goes out.
    pub fn signed(
        &self,
        store: &dyn Store,
        assessment: &Assessment,
        signed: &signing::Signed,
    ) -> Result<(), Health> {
        receipts::note(store, &self.scope, assessment, signed)
    }

    /// The rater saved the file of assessment `id` at `now`: a rating of someone else is
    /// then out, and only its receipt stays (closed, when it is the open one). Returns
    /// whether it went out.
    pub fn saved(&mut self, store: &dyn Store, id: &str, now: u64) -> bool {
        receipts::saved(store, &self.scope, id, now);
        self.settle(store);
        receipts::get(store, &self.scope, id).is_some_and(|r| r.out.is_some())
    }

    /// Erases the answers of every rating of someone else that went out (see
    /// [`receipts::settle`]), and closes the open one if it did. Returns whether it did.
    pub fn settle(&mut self, store: &dyn Store) -> bool {
        receipts::settle(store, &self.scope);
        let open_out = self.assessment.as_ref().is_some_and(|a| {
            receipts::get(store, &self.scope, &a.id).is_some_and(|r| r.out.is_some())
        });
        if open_out {
            self.close(store);
        }
        open_out
    }

    /// The receipts of ratings out, newest first.
    pub fn receipts(&self, store: &dyn Store) -> Vec<Receipt> {
        receipts::list(store, &self.scope)
    }

    /// Closes the open assessment.
    pub fn close(&mut self, store: &dyn Store) {
        drafts::set_last(store, &self.scope, None).ok();
        self.assessment = None;
        self.updates.clear();
        self.sealed = false;
        self.seal_due = false;
    }

    /// Removes draft `id`, and its signed result when it was signed; closes it when it is the
    /// open one.
    pub fn discard(&mut self, store: &dyn Store, id: &str) {
        drafts::discard(store, &self.scope, id);
        sealed::discard(store, &self.scope, id);
        store.remove(&signing::stored_key(id));
        receipts::forget_pending(store, &self.scope, id);
        if self.assessment.as_ref().is_some_and(|a| a.id == id) {
            self.close(store);
        }
    }

    /// Removes everything the app saved in this browser, for shared computers, and closes
    /// the open assessment; says what was removed.
    pub fn clear_all(&mut self, store: &dyn Store) -> Cleared {
        let keys = store.keys(PREFIX);
        let kind = |key: &String| Scope::kind_of(key).unwrap_or_default().to_owned();
        let cleared = Cleared {
            assessments: keys
                .iter()
                .filter(|k| {
                    let kind = kind(k);
                    ["draft.", "sealed.", "receipt."]
                        .iter()
                        .any(|k| kind.starts_with(k))
                })
                .count(),
            results: keys
                .iter()
                .filter(|k| kind(k).starts_with("result."))
                .count(),
            unsent: super::uploads::unsent(store),
        };
        store.clear_all();
        self.close(store);
        cleared
    }

    /// The drafts saved here that open against the framework, newest first, and how many
    /// others are kept aside.
    pub fn drafts(&self, store: &dyn Store) -> (Vec<Assessment>, usize) {
        drafts::list(store, &self.scope, &self.framework)
    }
}

/// What two copies of a framework in different languages share, in order: its levels',
/// groups' and competencies' ids (each with its group), its positions' with their
/// requirements; each part ended by a NUL, which no id holds.
fn skeleton(framework: &Framework) -> Vec<&str> {
    let mut parts = Vec::new();
    parts.extend(framework.levels.iter().map(|l| l.id.as_str()));
    parts.push("\0");
    parts.extend(framework.groups.iter().map(|g| g.id.as_str()));
    parts.push("\0");
    for c in &framework.competencies {
        parts.extend([c.id.as_str(), c.group.as_str()]);
    }
    parts.push("\0");
    for p in &framework.positions {
        parts.push(p.id.as_str());
        for r in &p.requirements {
            let critical = if r.critical { "critical" } else { "" };
            parts.extend([r.competency.as_str(), r.level.as_str(), critical]);
        }
        parts.push("\0");
    }
    parts
}
