//! The app's state and the actions on it. Components read the signals and call these methods;
//! every rule is the domain's, every write goes through [`drafts`].

use std::sync::Arc;

use competency_core::Framework;
use competency_core::assessment::draft::{self, DraftError, Update as DraftUpdate};
use competency_core::assessment::{
    Assessment, AssessmentError, InvitationRef, RaterRef, Role, Step, Subject,
};
use leptos::prelude::*;

use crate::drafts;
use crate::events::Sink;
use crate::storage::{self, Health, Scope};
use competency_core::config::{Screens, Upload};

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

/// What a portal says about an assessment beyond whom it is about.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Portal {
    pub rater: RaterRef,
    pub challenge: Option<String>,
    /// The campaign invitation the assessment answers.
    pub invitation: Option<InvitationRef>,
}

/// The state shared by the whole app (provided as context; `Copy`, it is only handles).
#[derive(Clone, Copy)]
pub struct Session {
    framework: StoredValue<Arc<Framework>>,
    /// Where signed results are sent, when the portal gave an address.
    pub upload: StoredValue<Option<Upload>>,
    /// Review mode: the portal shows answers that cannot be changed.
    pub read_only: StoredValue<bool>,
    /// The screens the portal offers.
    pub screens: StoredValue<Screens>,
    /// Whom the widget tells what happens (the embedding page).
    pub events: StoredValue<Sink, LocalStorage>,
    /// The smallest group of peers, direct reports or others a report shows.
    pub min_raters: StoredValue<usize>,
    /// Where this instance keeps its drafts.
    pub scope: StoredValue<Scope>,
    pub screen: RwSignal<Screen>,
    /// The assessment being filled in or read.
    pub assessment: RwSignal<Option<Assessment>>,
    /// What changed in the open draft when it was brought up to date with the framework.
    pub updates: RwSignal<Vec<DraftUpdate>>,
    pub storage: RwSignal<Health>,
    /// Bumped whenever the saved drafts change, so that lists of them are read again.
    pub drafts_changed: RwSignal<u32>,
}

fn now() -> u64 {
    js_sys::Date::now() as u64
}

impl Session {
    pub fn new(framework: Arc<Framework>, upload: Option<Upload>) -> Self {
        let session = Session {
            framework: StoredValue::new(framework),
            upload: StoredValue::new(upload),
            read_only: StoredValue::new(false),
            screens: StoredValue::new(Screens::default()),
            events: StoredValue::new_local(Sink::Nobody),
            min_raters: StoredValue::new(competency_core::report::DEFAULT_MIN_RATERS),
            scope: StoredValue::new(Scope::default()),
            screen: RwSignal::new(Screen::Home),
            assessment: RwSignal::new(None),
            updates: RwSignal::new(Vec::new()),
            storage: RwSignal::new(if storage::usable() {
                Health::Saving
            } else {
                Health::Unavailable
            }),
            drafts_changed: RwSignal::new(0),
        };
        // Another tab saved a draft: take its answers into the open one, and list it anew. A
        // copy a newer version of the app saved is left to it, and the user told.
        let listener = window_event_listener(leptos::ev::storage, move |event| {
            let Some(key) = event.key() else {
                return;
            };
            let open_key = session.assessment.with_untracked(|a| {
                a.as_ref()
                    .map(|a| drafts::key(&session.scope.get_value(), &a.id))
            });
            if open_key.as_deref() == Some(key.as_str()) {
                match event.new_value().map(|json| draft::peek(&json)) {
                    Some(Ok(stored)) => session.assessment.update(|a| {
                        if let Some(a) = a {
                            a.merge(&stored);
                        }
                    }),
                    Some(Err(DraftError::NewerFormat(_))) => {
                        session.storage.set(Health::NewerDraft)
                    }
                    _ => {}
                }
            }
            session.drafts_changed.update(|n| *n += 1);
        });
        // A widget a portal unmounts stops listening with it.
        on_cleanup(move || listener.remove());
        session
    }

    pub fn framework(&self) -> Arc<Framework> {
        self.framework.get_value()
    }

    /// Starts a new assessment and opens it. `portal` says who rates and the challenge to
    /// sign, when a portal gave them.
    pub fn start(
        &self,
        subject: Subject,
        position: Option<String>,
        role: Role,
        portal: Portal,
    ) -> Result<(), AssessmentError> {
        let framework = self.framework();
        let mut assessment =
            Assessment::start(drafts::new_id(), &framework, subject, position, role, now())?;
        assessment.rater = portal.rater;
        assessment.challenge = portal.challenge;
        assessment.invitation = portal.invitation;
        self.show(assessment, Vec::new());
        self.save();
        Ok(())
    }

    /// Opens the saved draft `id`. Returns false when it cannot be opened.
    pub fn open(&self, id: &str) -> bool {
        match drafts::open(&self.scope.get_value(), id, &self.framework()) {
            Ok(opened) => {
                self.show(opened.assessment, opened.updates);
                true
            }
            Err(_) => false,
        }
    }

    /// Opens the draft this browser had open last, when it is still a draft.
    pub fn resume_last(&self) -> bool {
        let scope = self.scope.get_value();
        drafts::last(&scope).is_some_and(|id| {
            drafts::stored(&scope, &id).is_some_and(|a| !a.is_submitted()) && self.open(&id)
        })
    }

    /// Opens the assessment this subject, position, role and rater (the same link) started
    /// here: the one in progress, else the last one finished (its submitted view, rather
    /// than a second, empty assessment). Starts one when there is none.
    pub fn open_or_start(
        &self,
        subject: Subject,
        position: Option<String>,
        role: Role,
        portal: Portal,
    ) -> Result<(), AssessmentError> {
        let (existing, _) = drafts::list(&self.scope.get_value(), &self.framework());
        let same: Vec<Assessment> = existing
            .into_iter()
            .filter(|a| {
                a.role == role
                    && a.position == position
                    && a.subject.id == subject.id.trim()
                    && a.subject.name == subject.name.trim()
                    && a.rater == portal.rater
                    && a.invitation == portal.invitation
            })
            .collect();
        // Newest first.
        let same = same
            .iter()
            .find(|a| !a.is_submitted())
            .or_else(|| same.first());
        match same {
            Some(a) => {
                self.open(&a.id);
                Ok(())
            }
            None => self.start(subject, position, role, portal),
        }
    }

    fn show(&self, assessment: Assessment, updates: Vec<DraftUpdate>) {
        drafts::set_last(&self.scope.get_value(), Some(&assessment.id));
        self.assessment.set(Some(assessment));
        self.updates.set(updates);
        self.show_screen(Screen::Assessment);
    }

    /// Shows `screen` (drawing it anew only when it is not already shown).
    pub fn show_screen(&self, screen: Screen) {
        if self.screen.get_untracked() != screen {
            self.screen.set(screen);
        }
    }

    /// Applies `change` to the open assessment and saves it at once. The domain refuses what
    /// is not allowed (a submitted assessment, say); then nothing changes.
    pub fn change(
        &self,
        change: impl FnOnce(&mut Assessment, &Framework, u64) -> Result<(), AssessmentError>,
    ) -> Result<(), AssessmentError> {
        if self.read_only.get_value() {
            return Err(AssessmentError::ReadOnly);
        }
        let framework = self.framework();
        let scope = self.scope.get_value();
        let mut result = Ok(());
        let mut health = None;
        self.assessment.update(|a| {
            if let Some(a) = a {
                result = change(a, &framework, now());
                if result.is_ok() {
                    health = Some(drafts::save(&scope, a).err().unwrap_or(Health::Saving));
                }
            }
        });
        if let Some(health) = health {
            self.saved(health);
        }
        result
    }

    fn save(&self) {
        let scope = self.scope.get_value();
        let mut health = Health::Saving;
        self.assessment.update_untracked(|a| {
            if let Some(a) = a
                && let Err(h) = drafts::save(&scope, a)
            {
                health = h;
            }
        });
        self.saved(health);
    }

    fn saved(&self, health: Health) {
        if self.storage.get_untracked() != health {
            self.storage.set(health);
        }
        self.drafts_changed.update(|n| *n += 1);
    }

    /// Closes the open assessment and shows the home screen.
    pub fn close(&self) {
        drafts::set_last(&self.scope.get_value(), None);
        self.assessment.set(None);
        self.updates.set(Vec::new());
        self.show_screen(Screen::Home);
    }

    pub fn discard(&self, id: &str) {
        drafts::discard(&self.scope.get_value(), id);
        if self
            .assessment
            .with_untracked(|a| a.as_ref().is_some_and(|a| a.id == id))
        {
            self.close();
        }
        self.drafts_changed.update(|n| *n += 1);
    }

    /// Removes everything the app saved in this browser, for shared computers.
    pub fn clear_all(&self) {
        storage::clear_all();
        crate::keys::forget_all();
        self.close();
        self.drafts_changed.update(|n| *n += 1);
    }

    /// Moves to a page of the form or to the review (in review mode too: reading is allowed).
    pub fn go_to(&self, step: Step) {
        if self.read_only.get_value() {
            let framework = self.framework();
            self.assessment.update(|a| {
                if let Some(a) = a {
                    let _ = a.go_to(&framework, step);
                }
            });
        } else {
            let _ = self.change(|a, f, _| a.go_to(f, step));
        }
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
        !assessment.is_submitted() && !self.read_only.get_value()
    }
}
