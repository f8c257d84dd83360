//! The app's state and the actions on it: a thin shell over the app model's [`Rater`].
//! Components read the signals and call these methods; every rule and every write is the
//! model's.

use std::sync::Arc;

use crate::prelude::*;
use competency_core::Framework;
use competency_core::assessment::draft::{DraftError, Update as DraftUpdate};
use competency_core::assessment::{Assessment, AssessmentError, Step};
use competency_core::config::{Screens, Upload};
use competency_core::model::crypto::CryptoError;
use competency_core::model::receipts::Receipt;
use competency_core::model::sealed::{self, Locked, UnlockError};
use competency_core::model::signing::Signed;
use competency_core::model::{Rater, SharedStart, Start};

use crate::drafts;
use crate::events::Sink;
use crate::framework_text::{self, WholeError};
use crate::lock::{self, WebLock};
use crate::storage::{Browser, Health, Scope};

/// Which screen is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Start an assessment, or resume or discard a saved one.
    Home,
    /// The open assessment.
    Assessment,
    /// The framework, for reference.
    Framework,
    /// Checking signed result files.
    Check,
}

/// The state shared by the whole app (provided as context; `Copy`, it is only handles). The
/// rater's session is the app model's [`Rater`]: components read it through read-only
/// signals and change it through the methods below, which save through [`Browser`].
#[derive(Clone, Copy)]
pub struct Session {
    rater: RwSignal<Rater>,
    /// The framework's whole JSON as it was read (the signing module reads it again); none
    /// while the bundled one is in its default language alone ([`crate::framework_text`]).
    framework_json: StoredValue<Option<Arc<str>>>,
    /// How many times the framework was given more languages: the screens drawn from it are
    /// drawn again.
    languages_added: RwSignal<u32>,
    /// Where signed results are sent, when the portal gave an address.
    pub upload: StoredValue<Option<Upload>>,
    /// The screens the portal offers.
    pub screens: StoredValue<Screens>,
    /// Whom the widget tells what happens (the embedding page).
    pub events: StoredValue<Sink, LocalStorage>,
    /// The smallest group of peers, direct reports or others a report shows.
    pub min_raters: StoredValue<usize>,
    screen: RwSignal<Screen>,
    /// The assessment being filled in or read.
    pub assessment: Derived<Option<Assessment>>,
    /// What changed in the open draft when it was brought up to date with the framework.
    pub updates: Derived<Vec<DraftUpdate>>,
    /// Whether the last change was saved.
    pub storage: Derived<Health>,
    drafts_changed: RwSignal<u32>,
    refused: RwSignal<Option<AssessmentError>>,
    /// The rating of someone else that just went out (or whose link was opened again once
    /// out): the home screen says so, with its receipt.
    out: RwSignal<Option<Receipt>>,
    /// The device is shared: every new assessment is sealed with a code.
    pub shared: StoredValue<bool>,
    /// Milliseconds without input before an open sealed assessment is locked.
    pub idle_lock_ms: StoredValue<u64>,
    /// A portal's start that waits for its rater to choose a code (shared device).
    pending_start: RwSignal<Option<Start>>,
    /// Why the home screen asks for a code: the open sealed assessment was locked, or the
    /// portal's link has a locked draft.
    locked: RwSignal<Option<LockedWhy>>,
}

/// Why the home screen asks for a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockedWhy {
    /// Locked after so long without input.
    Idle,
    /// The portal's link has a locked draft.
    Link,
}

/// Why a sealed assessment did not start.
#[derive(Debug, Clone, PartialEq)]
pub enum SealedStartError {
    Refused(AssessmentError),
    Crypto(CryptoError),
}

thread_local! {
    /// Whether an encrypted save is under way (one at a time; it saves again while changes
    /// keep coming).
    static SEALING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// What saves the open sealed assessment, encrypted ([`Session::seal_pending`]): set by
    /// what opens one ([`Session::start_sealed`], [`Session::unlock`]), the only ways a sealed
    /// assessment comes to be open, so that its code (the encryption, the sealed save) is
    /// fetched with theirs in the release bundle (the start screen's chunk) rather than
    /// with the first question. It is set before the assessment opens: no save waits.
    static SEAL: std::cell::Cell<Option<fn(Session)>> = const { std::cell::Cell::new(None) };
}

fn now() -> u64 {
    js_sys::Date::now() as u64
}

/// What the shell needs beyond the framework: from the configuration.
pub struct Setup {
    /// The framework's whole JSON, as read; none for the bundled one in its default
    /// language alone.
    pub framework_json: Option<Arc<str>>,
    pub upload: Option<Upload>,
    pub read_only: bool,
    pub screens: Screens,
    pub events: Sink,
    pub min_raters: usize,
    pub scope: Scope,
    pub shared: bool,
    pub idle_lock_seconds: u64,
}

impl Session {
    pub fn new(framework: Arc<Framework>, setup: Setup) -> Self {
        let rater = RwSignal::new(Rater::new(
            framework,
            setup.scope,
            setup.read_only,
            &Browser,
        ));
        Session {
            rater,
            framework_json: StoredValue::new(setup.framework_json),
            languages_added: RwSignal::new(0),
            upload: StoredValue::new(setup.upload),
            screens: StoredValue::new(setup.screens),
            events: StoredValue::new_local(setup.events),
            min_raters: StoredValue::new(setup.min_raters),
            screen: RwSignal::new(Screen::Home),
            assessment: Derived::new(move || rater.with(|r| r.assessment().cloned())),
            updates: Derived::new(move || rater.with(|r| r.updates().to_vec())),
            storage: Derived::new(move || rater.with(Rater::health)),
            drafts_changed: RwSignal::new(0),
            refused: RwSignal::new(None),
            out: RwSignal::new(None),
            shared: StoredValue::new(setup.shared),
            idle_lock_ms: StoredValue::new(setup.idle_lock_seconds.saturating_mul(1_000)),
            pending_start: RwSignal::new(None),
            locked: RwSignal::new(None),
        }
    }

    /// Follows what other tabs write (the widget's, not HR's console, which keeps nothing):
    /// another tab's save of the open draft is merged into it, and the lists are read again;
    /// a copy a newer version of the app saved is left to it, and the user told; a rating
    /// another tab sent makes way for its receipt here too.
    pub fn follow_other_tabs(&self) {
        let session = *self;
        let listener = window_event_listener("storage", move |event: web_sys::StorageEvent| {
            if let Some(key) = event.key() {
                session.update(|r, store| {
                    r.stored_elsewhere(store, &key, event.new_value().as_deref())
                });
                session.left();
            }
        });
        // A widget a portal unmounts stops listening with it.
        listener.remove_on_cleanup();
    }

    /// Runs `action` on the rater's session with the browser's storage, then has the lists
    /// of drafts read again.
    fn update<T>(&self, action: impl FnOnce(&mut Rater, &Browser) -> T) -> T {
        let mut out = None;
        self.rater.update(|r| out = Some(action(r, &Browser)));
        self.drafts_changed.update(|n| *n += 1);
        out.expect("the update ran")
    }

    /// After every change, the widget's (HR's console keeps nothing): saves the open sealed
    /// assessment, encrypted; without one open, its key leaves the page's memory.
    pub fn seal_after_changes(&self) {
        let session = *self;
        crate::dom::effect(move || {
            session.drafts_changed.track();
            if session.rater.with_untracked(Rater::is_sealed) {
                if let Some(seal) = SEAL.get() {
                    seal(session);
                }
            } else if !SEALING.get() {
                lock::hold(None);
            }
        });
    }

    /// Saves the open sealed assessment, encrypted, when it changed: one save at a time,
    /// again while changes keep coming.
    fn seal_pending(session: Session) {
        if SEALING.replace(true) {
            return;
        }
        crate::web::spawn_local(async move {
            loop {
                let due = session
                    .rater
                    .try_update_untracked(Rater::take_seal_due)
                    .flatten();
                let (Some(mut assessment), Some(key)) = (due, lock::current()) else {
                    break;
                };
                let scope = session.rater.with_untracked(|r| r.scope().clone());
                let outcome = sealed::save(&Browser, &scope, &WebLock, &key, &mut assessment).await;
                if session.rater.is_disposed() {
                    break;
                }
                session
                    .rater
                    .update(|r| r.sealed_saved(&assessment, outcome));
                session.drafts_changed.update(|n| *n += 1);
            }
            SEALING.set(false);
            if !session
                .rater
                .try_with_untracked(Rater::is_sealed)
                .unwrap_or(false)
            {
                lock::hold(None);
            }
        });
    }

    /// Starts a new assessment sealed with `code` (the key is derived first: about a second
    /// on a slow phone) and opens it.
    pub async fn start_sealed(&self, start: Start, code: String) -> Result<(), SealedStartError> {
        let digest = start.digest();
        let unlocked = sealed::create(&WebLock, &code, digest)
            .await
            .map_err(SealedStartError::Crypto)?;
        if self.is_gone() {
            return Ok(());
        }
        SEAL.set(Some(Session::seal_pending));
        lock::hold(Some(unlocked));
        let started = self.update(|r, store| r.start_sealed(store, drafts::new_id(), start, now()));
        if let Err(refused) = started {
            lock::hold(None);
            return Err(SealedStartError::Refused(refused));
        }
        self.pending_start.set(None);
        self.opened();
        Ok(())
    }

    /// Opens locked draft `id` with `code`. A wrong code opens nothing and changes nothing.
    pub async fn unlock(&self, id: &str, code: &str) -> Result<(), UnlockError> {
        let (framework, scope) = self
            .rater
            .with_untracked(|r| (r.framework().clone(), r.scope().clone()));
        let (opened, unlocked) =
            sealed::unlock(&Browser, &scope, &WebLock, id, code, &framework).await?;
        if self.is_gone() {
            return Ok(());
        }
        SEAL.set(Some(Session::seal_pending));
        lock::hold(Some(unlocked));
        self.update(|r, store| r.open_unlocked(store, opened));
        self.locked.set(None);
        self.opened();
        Ok(())
    }

    /// The locked drafts, newest first: no names.
    pub fn locked(&self) -> Vec<Locked> {
        let scope = self.rater.with_untracked(|r| r.scope().clone());
        sealed::list(&Browser, &scope)
    }

    /// Why the home screen asks for a code, if it does.
    pub fn locked_why(&self) -> Option<LockedWhy> {
        self.locked.get()
    }

    /// Locks the open sealed assessment (the page was left idle): it leaves the page's
    /// memory, with its key. Not while an encrypted save is under way: returns false then,
    /// to be asked again.
    pub fn lock(&self) -> bool {
        if SEALING.get() {
            return false;
        }
        if self.rater.with_untracked(Rater::is_sealed) {
            self.update(|r, store| r.close(store));
            lock::hold(None);
            self.locked.set(Some(LockedWhy::Idle));
            self.show_screen(Screen::Home);
        }
        true
    }

    /// Whether a sealed assessment is open.
    pub fn is_sealed(&self) -> bool {
        self.rater.with_untracked(Rater::is_sealed)
    }

    /// A portal's start on a shared device: its locked draft when it has one (the home
    /// screen asks for the code), its receipt when it went out, else it waits for its rater
    /// to choose a code.
    pub fn start_on_shared_device(&self, start: Start) {
        match self
            .rater
            .with_untracked(|r| r.shared_start(&Browser, &start))
        {
            SharedStart::Locked => self.locked.set(Some(LockedWhy::Link)),
            SharedStart::Sent(receipt) => self.out.set(Some(receipt)),
            SharedStart::ChooseCode => self.pending_start.set(Some(start)),
        }
    }

    /// The portal's start waiting for a code, if any.
    pub fn pending_start(&self) -> Option<Start> {
        self.pending_start.get()
    }

    /// Keeps the signed result `json` of assessment `id`: sealed when the assessment is.
    /// Storage that refuses it still leaves the result on screen, to download or send now.
    pub async fn keep_result(&self, id: &str, json: &str) {
        let key = lock::current().filter(|_| self.is_sealed());
        sealed::keep_result(&Browser, &WebLock, key.as_ref(), id, json, now())
            .await
            .ok();
    }

    /// The signed result kept for assessment `id`, opened when it is sealed.
    pub async fn kept_result(&self, id: &str) -> Option<String> {
        let key = lock::current().filter(|_| self.is_sealed());
        sealed::kept_result(&Browser, key.as_ref(), id).await
    }

    pub fn framework(&self) -> Arc<Framework> {
        self.rater.with_untracked(|r| r.framework().clone())
    }

    /// The framework's whole JSON, as it was read (fetched first for the bundled one in its
    /// default language alone).
    pub async fn framework_json(&self) -> Result<Arc<str>, WholeError> {
        if let Some(json) = self.framework_json.get_value() {
            return Ok(json);
        }
        framework_text::whole().await
    }

    /// How many times the framework was given more languages ([`Session::add_languages`]),
    /// tracked: a screen drawn from it follows.
    pub fn languages_added(&self) -> u32 {
        self.languages_added.get()
    }

    /// The framework in every language, for a language its copy in the default language
    /// alone lacks: the whole document is fetched, and the screens drawn again. Without the
    /// network the texts stay in the default language.
    pub async fn add_languages(&self) {
        if self.framework_json.get_value().is_some() {
            return;
        }
        let Ok(json) = framework_text::whole().await else {
            return;
        };
        let Ok(whole) = framework_text::read_when_here(&json).await else {
            return;
        };
        if self.is_gone() {
            return;
        }
        let mut added = false;
        self.rater
            .update(|r| added = r.add_languages(Arc::new(whole)));
        if added {
            self.framework_json.set_value(Some(json));
            self.languages_added.update(|n| *n += 1);
        }
    }

    /// The drafts saved here that open against the framework, newest first, and how many
    /// others are kept aside.
    pub fn drafts(&self) -> (Vec<Assessment>, usize) {
        self.rater.with_untracked(|r| r.drafts(&Browser))
    }

    /// Changes whenever the saved drafts may have changed (tracked: views that list them
    /// read them again).
    pub fn drafts_version(&self) -> u32 {
        self.drafts_changed.get()
    }

    /// Which screen is shown.
    pub fn screen(&self) -> Screen {
        self.screen.get()
    }

    /// Starts a new assessment and opens it.
    pub fn start(&self, start: Start) -> Result<(), AssessmentError> {
        let outcome = self.update(|r, store| r.start(store, drafts::new_id(), start, now()));
        self.opened();
        outcome
    }

    /// Opens the saved draft `id`.
    pub fn open(&self, id: &str) -> Result<(), DraftError> {
        let outcome = self.update(|r, store| r.open(store, id));
        self.opened();
        outcome
    }

    /// Opens the draft this browser had open last, when it is still a draft.
    pub fn resume_last(&self) -> bool {
        let resumed = self.update(|r, store| r.resume_last(store));
        self.opened();
        resumed
    }

    /// Opens the assessment the same start (the same link) began here, else starts one. A
    /// rating of someone else already out is not started again: the home screen shows its
    /// receipt.
    pub fn open_or_start(&self, start: Start) -> Result<(), AssessmentError> {
        let outcome =
            self.update(|r, store| r.open_or_start(store, drafts::new_id(), start, now()))?;
        if let Some(receipt) = outcome {
            self.out.set(Some(receipt));
        }
        self.opened();
        Ok(())
    }

    /// The submitted `assessment`'s signed result was made or read back: its receipt is
    /// noted, for when it goes out (a rating of someone else).
    pub fn signed(&self, assessment: &Assessment, signed: &Signed) {
        // Storage that refuses the receipt keeps the answers: the rating is never settled.
        self.rater
            .with_untracked(|r| r.signed(&Browser, assessment, signed))
            .ok();
    }

    /// The rater saved the file of assessment `id`: a rating of someone else is then out,
    /// and only its receipt stays.
    pub fn saved(&self, id: &str) {
        let receipt = self.update(|r, store| {
            r.saved(store, id, now())
                .then(|| {
                    r.receipts(store)
                        .into_iter()
                        .find(|x| x.assessment_id == id)
                })
                .flatten()
        });
        if receipt.is_some() {
            self.out.set(receipt);
        }
        self.left();
    }

    /// Erases the answers of every rating of someone else that went out (an upload the
    /// portal acknowledged); the open one, if it did, makes way for its receipt.
    pub fn settle(&self) {
        let open = self
            .rater
            .with_untracked(|r| r.assessment().map(|a| a.id.clone()));
        let closed = self.update(|r, store| r.settle(store));
        if closed && let Some(id) = open {
            let receipt = self.receipts().into_iter().find(|r| r.assessment_id == id);
            self.out.set(receipt);
        }
        self.left();
    }

    /// The receipts of ratings out, newest first.
    pub fn receipts(&self) -> Vec<Receipt> {
        self.rater.with_untracked(|r| r.receipts(&Browser))
    }

    /// The rating of someone else that just went out, or whose link was opened again.
    pub fn out(&self) -> Option<Receipt> {
        self.out.get()
    }

    /// Shows the home screen when the open assessment was closed under the screen showing
    /// it.
    fn left(&self) {
        if self.screen.get_untracked() == Screen::Assessment
            && self.rater.with_untracked(|r| r.assessment().is_none())
        {
            self.show_screen(Screen::Home);
        }
    }

    /// Shows the assessment screen when an assessment is open.
    fn opened(&self) {
        if self.rater.with_untracked(|r| r.assessment().is_some()) {
            self.out.set(None);
            self.locked.set(None);
            self.show_screen(Screen::Assessment);
        }
    }

    /// Shows `screen` (drawing it anew only when it is not already shown).
    pub fn show_screen(&self, screen: Screen) {
        if self.screen.get_untracked() != screen {
            self.screen.set(screen);
        }
    }

    /// Applies `change` to the open assessment and saves it at once. The domain refuses what
    /// is not allowed (a submitted assessment, say); then nothing changes, and the error is
    /// returned, for the caller to show where the change was asked.
    pub fn change(
        &self,
        change: impl FnOnce(&mut Assessment, &Framework, u64) -> Result<(), AssessmentError>,
    ) -> Result<(), AssessmentError> {
        self.update(|r, store| r.change(store, now(), change))
    }

    /// [`Session::change`] for a part of the form that does not show refusals itself: the
    /// refusal is kept as [`Session::refused`], which the assessment screen says.
    pub fn apply(
        &self,
        change: impl FnOnce(&mut Assessment, &Framework, u64) -> Result<(), AssessmentError>,
    ) {
        let outcome = self.change(change);
        self.refusal(&outcome);
    }

    /// The last change the domain refused, until one is made.
    pub fn refused(&self) -> Option<AssessmentError> {
        self.refused.get()
    }

    fn refusal(&self, outcome: &Result<(), AssessmentError>) {
        let refused = outcome.as_ref().err().cloned();
        if self.refused.with_untracked(|r| *r != refused) {
            self.refused.set(refused);
        }
    }

    /// Closes the open assessment and shows the home screen.
    pub fn close(&self) {
        self.update(|r, store| r.close(store));
        self.show_screen(Screen::Home);
    }

    pub fn discard(&self, id: &str) {
        self.update(|r, store| r.discard(store, id));
        self.left();
    }

    /// Removes everything the app saved in this browser, for shared computers: assessments,
    /// results, the upload queue and the portal's credentials for it, the rater keys, the
    /// preferences. Says what was removed.
    pub fn clear_all(&self) -> competency_core::model::Cleared {
        let cleared = self.update(|r, store| r.clear_all(store));
        self.out.set(None);
        self.locked.set(None);
        self.pending_start.set(None);
        crate::keys::forget_all();
        crate::uploads::forget_credentials();
        self.show_screen(Screen::Home);
        cleared
    }

    /// Moves to a page of the form or to the review (in review mode too: reading is
    /// allowed). A refusal is kept as [`Session::refused`].
    pub fn go_to(&self, step: Step) {
        let outcome = self.update(|r, store| r.go_to(store, step, now()));
        self.refusal(&outcome);
    }

    /// Tells the embedding page about event `name` (see [`crate::events`]).
    pub fn emit(&self, name: &str, payload: serde_json::Value) {
        // Nothing once the widget is unmounted. The sink is copied out first: a portal's
        // handler runs at once and may unmount the widget, which needs the reactive arena.
        if let Some(sink) = self.events.try_get_value() {
            sink.emit(name, payload);
        }
    }

    /// Reports an error to the embedding page (see [`crate::events::Sink::error`]).
    pub fn error(&self, code: &str, message: &str, more: serde_json::Value) {
        if let Some(sink) = self.events.try_get_value() {
            sink.error(code, message, more);
        }
    }

    /// Whether this widget was unmounted (its state is gone).
    pub fn is_gone(&self) -> bool {
        self.screen.is_disposed()
    }

    /// Whether the assessment's answers can be changed here.
    pub fn editable(&self, assessment: &Assessment) -> bool {
        self.rater.with_untracked(|r| r.may_change(assessment))
    }
}
