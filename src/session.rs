//! The app's state and the actions on it: a thin shell over the app model's [`Rater`].
//! Components read the signals and call these methods; every rule and every write is the
//! model's.

use std::sync::Arc;

use competency_core::Framework;
use competency_core::assessment::draft::{DraftError, Update as DraftUpdate};
use competency_core::assessment::{Assessment, AssessmentError, Step};
use competency_core::config::{Screens, Upload};
use competency_core::model::{Rater, Start};
use leptos::prelude::*;

use crate::drafts;
use crate::events::Sink;
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
    /// The framework's JSON as it was read (the signing module reads it again).
    framework_json: StoredValue<Arc<str>>,
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
    pub assessment: Memo<Option<Assessment>>,
    /// What changed in the open draft when it was brought up to date with the framework.
    pub updates: Memo<Vec<DraftUpdate>>,
    /// Whether the last change was saved.
    pub storage: Memo<Health>,
    drafts_changed: RwSignal<u32>,
    refused: RwSignal<Option<AssessmentError>>,
}

fn now() -> u64 {
    js_sys::Date::now() as u64
}

/// What the shell needs beyond the framework: from the configuration.
pub struct Setup {
    /// The framework's JSON, as read.
    pub framework_json: Arc<str>,
    pub upload: Option<Upload>,
    pub read_only: bool,
    pub screens: Screens,
    pub events: Sink,
    pub min_raters: usize,
    pub scope: Scope,
}

impl Session {
    pub fn new(framework: Arc<Framework>, setup: Setup) -> Self {
        let rater = RwSignal::new(Rater::new(
            framework,
            setup.scope,
            setup.read_only,
            &Browser,
        ));
        let session = Session {
            rater,
            framework_json: StoredValue::new(setup.framework_json),
            upload: StoredValue::new(setup.upload),
            screens: StoredValue::new(setup.screens),
            events: StoredValue::new_local(setup.events),
            min_raters: StoredValue::new(setup.min_raters),
            screen: RwSignal::new(Screen::Home),
            assessment: Memo::new(move |_| rater.with(|r| r.assessment().cloned())),
            updates: Memo::new(move |_| rater.with(|r| r.updates().to_vec())),
            storage: Memo::new(move |_| rater.with(Rater::health)),
            drafts_changed: RwSignal::new(0),
            refused: RwSignal::new(None),
        };
        // Another tab saved a draft: its answers go into the open one, and the list is read
        // again. A copy a newer version of the app saved is left to it, and the user told.
        let listener = window_event_listener(leptos::ev::storage, move |event| {
            if let Some(key) = event.key() {
                session.update(|r, _| r.stored_elsewhere(&key, event.new_value().as_deref()));
            }
        });
        // A widget a portal unmounts stops listening with it.
        on_cleanup(move || listener.remove());
        session
    }

    /// Runs `action` on the rater's session with the browser's storage, then has the lists
    /// of drafts read again.
    fn update<T>(&self, action: impl FnOnce(&mut Rater, &Browser) -> T) -> T {
        let mut out = None;
        self.rater.update(|r| out = Some(action(r, &Browser)));
        self.drafts_changed.update(|n| *n += 1);
        out.expect("the update ran")
    }

    pub fn framework(&self) -> Arc<Framework> {
        self.rater.with_untracked(|r| r.framework().clone())
    }

    /// The framework's JSON, as it was read.
    pub fn framework_json(&self) -> Arc<str> {
        self.framework_json.get_value()
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

    /// Opens the assessment the same start (the same link) began here, else starts one.
    pub fn open_or_start(&self, start: Start) -> Result<(), AssessmentError> {
        let outcome =
            self.update(|r, store| r.open_or_start(store, drafts::new_id(), start, now()));
        self.opened();
        outcome
    }

    /// Shows the assessment screen when an assessment is open.
    fn opened(&self) {
        if self.rater.with_untracked(|r| r.assessment().is_some()) {
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
        if self.rater.with_untracked(|r| r.assessment().is_none()) {
            self.show_screen(Screen::Home);
        }
    }

    /// Removes everything the app saved in this browser, for shared computers: assessments,
    /// results, the upload queue and the portal's credentials for it, the rater keys, the
    /// preferences. Says what was removed.
    pub fn clear_all(&self) -> competency_core::model::Cleared {
        let cleared = self.update(|r, store| r.clear_all(store));
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
