//! The app's shell: the header, the framework's loading, the nav and the current screen.

use std::sync::Arc;

use crate::prelude::*;
use competency_core::assessment::{AssessmentError, RaterRef};
use competency_core::config::FrameworkSource;
use competency_core::{Framework, FrameworkError, framework};
use serde_json::json;
use wasm_bindgen::JsCast;

use competency_core::config::Config;
use competency_core::model::{Portal, Start};

use crate::components::{Refused, language_switch, problems as problem_notices, storage_notice};
use crate::config::Settings;
use crate::console;
use crate::dom::{self, Attr, El};
use crate::drafts;
use crate::events::{self, Sink};
use crate::framework_text::{self, ReadError};
use crate::front::{Bundled, FrontEnd};
use crate::i18n::*;
use crate::preferences;
use crate::session::{Screen, Session, Setup};
use crate::storage::Scope;
use crate::uploads;

/// Why the framework could not be loaded.
#[derive(Debug, Clone, PartialEq)]
enum LoadError {
    /// It could not be downloaded from its address (the reason).
    Download(String),
    /// Its problems (shared: the view takes them without a copy), and them in English.
    Invalid(Arc<FrameworkError>, String),
    /// The reader's code could not be fetched (see [`framework_text::read`]).
    Unloaded,
}

/// The framework with its whole JSON as read (none for the bundled one in its default
/// language alone), or why it could not be loaded.
type Loaded = Result<(Arc<Framework>, Option<Arc<str>>), LoadError>;

/// Reads the framework document `json` into `loaded`, with the document (see
/// [`framework_text::read`]: at once, or once the reader's code has arrived).
fn read_framework(loaded: RwSignal<Option<Loaded>>, json: Arc<str>) {
    framework_text::read(json.clone(), move |outcome| {
        loaded.set(Some(framework_read(json, outcome)));
    });
}

/// The framework read from `json`, with the document, or why not.
fn framework_read(json: Arc<str>, outcome: Result<Framework, ReadError>) -> Loaded {
    match outcome {
        Ok(framework) => Ok((Arc::new(framework), Some(json))),
        Err(ReadError::Invalid(error, english)) => {
            Err(LoadError::Invalid(Arc::new(error), english))
        }
        Err(ReadError::Unloaded) => Err(LoadError::Unloaded),
    }
}

/// The app's shell as `front` (the widget, or HR's console), configured by `settings` (by
/// default, from the page's address), telling `sink` what happens (by default, nobody).
pub fn app(front: FrontEnd, settings: Option<Settings>, sink: Option<Sink>) -> El {
    let settings = settings.unwrap_or_else(|| Settings::from_layers(&[crate::config::url_layer()]));
    // In a portal's page the widget leaves the page's `<html lang>` alone: its own root says
    // its language.
    let standalone = !matches!(sink, Some(Sink::Element(_)));
    let sink = StoredValue::new_local(sink.unwrap_or_default());
    let i18n = provide_i18n(standalone);
    shell(i18n, settings, sink, front)
}

fn shell(
    i18n: I18n,
    settings: Settings,
    sink: StoredValue<Sink, LocalStorage>,
    front: FrontEnd,
) -> El {
    // The browser's languages gave the first locale; the portal's choice, else one the user
    // made earlier, wins over it.
    if let Some(locale) = settings.locale().or_else(preferences::saved_locale) {
        i18n.set_locale(locale);
    }

    // The document's title follows the language, unless the widget lives in a portal's page.
    if sink.with_value(|s| !matches!(s, Sink::Element(_))) {
        dom::effect(move || document().set_title(t_string!(i18n, app_name)));
    }

    if let Some(error) = &settings.problems {
        let problems: Vec<_> = error
            .problems
            .iter()
            .map(|p| json!({ "path": p.path, "message": p.kind.to_string() }))
            .collect();
        sink.get_value().error(
            "bad-config",
            "the configuration was refused: the widget runs with its defaults",
            json!({ "problems": problems, "truncated": error.truncated }),
        );
    }

    // The framework, and its whole JSON as read (the signing module reads it again), or none
    // for the bundled one in its default language alone.
    let loaded = RwSignal::new(None::<Loaded>);
    match &settings.config.framework {
        FrameworkSource::Bundled => match front.bundled() {
            Bundled::Whole(json) => read_framework(loaded, Arc::from(json)),
            Bundled::DefaultLanguage(compact) => {
                let locale = i18n.get_locale_untracked();
                match framework::compact::decode(compact) {
                    Some(first) if first.speaks(locale.as_str()) => {
                        loaded.set(Some(Ok((Arc::new(first), None))));
                    }
                    // Another language waits for the whole document, else makes do with the
                    // default one.
                    first => crate::web::spawn_local(async move {
                        let whole = match framework_text::whole().await {
                            Ok(json) => {
                                let outcome = framework_text::read_when_here(&json).await;
                                framework_read(json, outcome)
                            }
                            Err(reason) => Err(LoadError::Download(reason.to_string())),
                        };
                        loaded.set(Some(match (whole, first) {
                            (Err(LoadError::Download(_) | LoadError::Unloaded), Some(first)) => {
                                Ok((Arc::new(first), None))
                            }
                            (whole, _) => whole,
                        }));
                    }),
                }
            }
        },
        FrameworkSource::Inline(document) => read_framework(
            loaded,
            Arc::from(competency_core::json::to_string(document)),
        ),
        FrameworkSource::Url(url) => {
            let url = url.clone();
            crate::web::spawn_local(async move {
                match crate::files::fetch_text(&url).await {
                    Ok(json) => read_framework(loaded, Arc::from(json)),
                    Err(reason) => loaded.set(Some(Err(LoadError::Download(reason)))),
                }
            });
        }
    }
    dom::effect(move || {
        let message = loaded.with(|l| match l {
            Some(Err(LoadError::Download(reason))) => {
                Some(("framework-unavailable", reason.clone()))
            }
            Some(Err(LoadError::Invalid(_, english))) => Some(("bad-framework", english.clone())),
            Some(Err(LoadError::Unloaded)) => Some((
                "framework-unavailable",
                "the code that reads the framework could not be downloaded".to_owned(),
            )),
            _ => None,
        });
        if let Some((code, message)) = message
            && let Some(sink) = sink.try_get_value()
        {
            sink.error(code, &message, json!({}));
        }
    });

    let problems = settings.problems.clone();
    let settings = StoredValue::new(settings);
    // Drawn again only when the framework arrives (or fails to).
    let body = dom::keyed(
        move || loaded.with(|l| l.as_ref().map(|l| l.is_ok())),
        move |_| match loaded.get_untracked() {
            None => El::new("main").class("app-main").child(loading(i18n)),
            Some(Ok((framework, json))) => {
                widget(framework, json, settings.get_value(), sink, front)
            }
            Some(Err(LoadError::Invalid(error, _))) => El::new("main")
                .class("app-main")
                .child(problem_notices(Refused::Framework(error))),
            Some(Err(LoadError::Unloaded)) => {
                El::new("main")
                    .class("app-main")
                    .child(dom::dynamic(move || {
                        El::alert(
                            "notice notice-error",
                            t_string!(i18n, framework_reader_failed),
                        )
                    }))
            }
            Some(Err(LoadError::Download(reason))) => {
                El::new("main")
                    .class("app-main")
                    .child(dom::dynamic(move || {
                        El::failure(t_string!(i18n, framework_download_failed), reason.clone())
                    }))
            }
        },
    );

    El::group()
        .child(
            El::new("header")
                .class("app-header")
                .child(dom::dynamic(move || {
                    El::new("p")
                        .class("app-name")
                        .text(t_string!(i18n, app_name))
                }))
                .child(language_switch()),
        )
        .children(problems.map(|error| problem_notices(Refused::Config(error))))
        .child(body)
}

/// "Loading…", in the current language.
pub(crate) fn loading(i18n: I18n) -> El {
    dom::dynamic(move || El::new("p").class("loading").text(t_string!(i18n, loading)))
}

/// The widget once its framework is loaded.
fn widget(
    framework: Arc<Framework>,
    framework_json: Option<Arc<str>>,
    settings: Settings,
    sink: StoredValue<Sink, LocalStorage>,
    front: FrontEnd,
) -> El {
    let i18n = use_i18n();
    let config = settings.config;
    let session = Session::new(
        framework,
        Setup {
            framework_json,
            upload: config.upload.clone(),
            read_only: config.read_only,
            screens: config.screens,
            events: sink.get_value(),
            min_raters: config.min_raters,
            scope: Scope::new(config.instance.as_deref()),
            shared: config.shared,
            idle_lock_seconds: config.idle_lock_seconds,
        },
    );
    if !config.screens.assessment {
        session.show_screen(
            if config.screens.framework && matches!(front, FrontEnd::Widget(_)) {
                Screen::Framework
            } else {
                Screen::Check
            },
        );
    }
    provide_context(session);
    // What could not be used from the configuration once the framework is known.
    let refused = RwSignal::new(None::<(String, String)>);
    let ready = RwSignal::new(false);
    match front {
        FrontEnd::Widget(widget) => (widget.run)(session, &config, refused, ready),
        FrontEnd::Console(_) => ready.set(true),
    }

    let screens = config.screens;
    let console_address = {
        let config = config.clone();
        move |locale| console::address(locale, &config)
    };
    // The screens' buttons, drawn once: an effect names them in the current language and
    // marks the current one in place, so that the focus stays on the button pressed.
    let nav = dom::slot();
    let nav_button = move |screen: Screen| {
        El::button("button", "link", "")
            .attr(Attr::DataScreen, screen_name(screen))
            .on_click(move || {
                session.show_screen(match screen {
                    Screen::Home if session.assessment.with_untracked(Option::is_some) => {
                        Screen::Assessment
                    }
                    other => other,
                });
            })
    };
    let mut drawn_nav = El::new("nav").class("app-nav").keep(nav);
    if screens.assessment {
        drawn_nav = drawn_nav.child(nav_button(Screen::Home));
    }
    if screens.framework {
        drawn_nav = drawn_nav.child(nav_button(Screen::Framework));
    }
    if screens.results {
        drawn_nav = drawn_nav.child(match front {
            FrontEnd::Console(_) => nav_button(Screen::Check),
            // In the widget, HR's screens are a link to the console.
            FrontEnd::Widget(_) => El::new("a").class("link").attr(Attr::DataScreen, "console"),
        });
    }
    // The way back to the list from an open assessment, while one is open.
    let back = StoredValue::new_local(None::<dom::ElState>);
    let nav_address = console_address.clone();
    dom::effect(move || {
        let (current, locale) = (session.screen(), i18n.get_locale());
        let Some(nav) = nav.get_value() else {
            return;
        };
        let _ = nav.set_attribute("aria-label", td_string!(locale, nav_label));
        if let Ok(items) = nav.query_selector_all("[data-screen]") {
            for n in 0..items.length() {
                let Some(item) = items
                    .item(n)
                    .and_then(|b| b.dyn_into::<web_sys::Element>().ok())
                else {
                    continue;
                };
                let name = item.get_attribute("data-screen").unwrap_or_default();
                item.set_text_content(Some(match name.as_str() {
                    "assessment" => td_string!(locale, nav_assessment),
                    "framework" => td_string!(locale, nav_framework),
                    _ => td_string!(locale, nav_check),
                }));
                let _ = if name == "console" {
                    item.set_attribute("href", &nav_address(locale))
                } else if name == screen_name(current) {
                    item.set_attribute("aria-current", "page")
                } else {
                    item.remove_attribute("aria-current")
                };
            }
        }
        back.update_value(|back| {
            if let Some(shown) = back.take() {
                shown.remove();
            }
            if current == Screen::Assessment {
                let shown = dom::ElState::new(
                    El::button("button", "link", td_string!(locale, nav_my_assessments))
                        .on_click(move || session.close()),
                );
                shown.insert(&nav, None);
                *back = Some(shown);
            }
        });
    });
    // A value of the address that could not be used once the framework is known.
    let refused_notice = dom::dynamic(move || {
        refused.get().map(|(name, value)| {
            let value = El::new("code").text(format!("{name}: {value}"));
            El::new("div")
                .class("notice notice-warning")
                .attr(Attr::Role, "alert")
                .child(El::new("p").text(t_string!(i18n, address_invalid)))
                .child(El::new("ul").child(El::new("li").child(value)))
        })
    });
    let screen = dom::keyed(
        // Drawn again when the framework is given more languages.
        move || {
            ready
                .get()
                .then(|| (session.screen(), session.languages_added()))
        },
        move |screen| match screen.map(|(screen, _)| screen) {
            None => loading(i18n),
            // The console never shows the rater's screens: its configuration has none.
            Some(Screen::Home) => match front {
                FrontEnd::Widget(widget) => (widget.home)(),
                FrontEnd::Console(console) => (console.results)(),
            },
            Some(Screen::Assessment) => match front {
                FrontEnd::Widget(widget) => (widget.assessment)(),
                FrontEnd::Console(console) => (console.results)(),
            },
            Some(Screen::Framework) => match front {
                FrontEnd::Widget(widget) => (widget.framework)(session.framework()),
                FrontEnd::Console(console) => (console.framework)(session.framework()),
            },
            Some(Screen::Check) => match front {
                FrontEnd::Console(console) => (console.results)(),
                // A widget asked for HR's screens alone: they are in the console.
                FrontEnd::Widget(_) if screens.results => {
                    let console_address = console_address.clone();
                    dom::dynamic(move || {
                        let locale = i18n.get_locale();
                        El::new("p")
                            .class("notice")
                            .text(td_string!(locale, console_elsewhere))
                            .text(" ")
                            .child(
                                El::new("a")
                                    .app_address(console_address(locale))
                                    .text(td_string!(locale, console_open)),
                            )
                    })
                }
                FrontEnd::Widget(widget) => (widget.home)(),
            },
        },
    );
    El::group()
        .child(drawn_nav)
        .child(storage_notice())
        .child(refused_notice)
        .child(El::new("main").class("app-main").child(screen))
}

/// A screen's name on its button in the nav.
fn screen_name(screen: Screen) -> &'static str {
    match screen {
        Screen::Home | Screen::Assessment => "assessment",
        Screen::Framework => "framework",
        Screen::Check => "check",
    }
}

/// What a front end does once the shell has its session: see [`run_widget`].
pub type Run = fn(Session, &Config, RwSignal<Option<(String, String)>>, RwSignal<bool>);

/// The rater's session at start-up and while it runs: the drafts a killed browser lost come
/// back, the portal's start (or the last assessment) opens, `ready` is set, the key is
/// announced, results waiting to be sent go, and the portal follows the progress. Only the
/// widget runs it ([`crate::front::Widget::run`]): HR's console carries none of it.
pub(crate) fn run_widget(
    session: Session,
    config: &Config,
    refused: RwSignal<Option<(String, String)>>,
    ready: RwSignal<bool>,
) {
    session.follow_other_tabs();
    session.seal_after_changes();
    let config = config.clone();
    let start = config.subject.clone().zip(config.rater.clone());
    let position = config.position.clone();
    let challenge = config.challenge.clone();
    let invitation = config.invitation.clone();
    let scope = Scope::new(config.instance.as_deref());
    let owner = Owner::current().unwrap_or_default();
    crate::web::spawn_local(async move {
        // What localStorage lost in a killed browser comes back first; then the ratings of
        // others that went out meanwhile keep only their receipts.
        drafts::restore(&scope).await;
        if session.is_gone() {
            return;
        }
        session.settle();
        if let Some((subject, rater)) = start.filter(|_| config.screens.assessment) {
            let given = subject.name.clone();
            let start = Start {
                subject,
                position,
                role: rater.role,
                portal: Portal {
                    rater: RaterRef {
                        id: rater.id,
                        name: rater.name,
                    },
                    challenge,
                    invitation,
                },
            };
            let opened = if config.shared {
                // On a shared device the portal's start waits for a code (or its locked
                // draft for its code): nothing starts in clear.
                session.start_on_shared_device(start);
                Ok(())
            } else {
                session.open_or_start(start)
            };
            let why = match opened {
                Ok(()) => None,
                Err(AssessmentError::UnknownPosition(p)) => Some(("position".to_owned(), p)),
                Err(_) => Some(("subject.name".to_owned(), given)),
            };
            if let Some((field, value)) = &why {
                session.error(
                    "bad-start",
                    "the assessment could not be started with the configuration",
                    json!({ "field": field, "value": value }),
                );
            }
            refused.set(why);
        } else if config.screens.assessment {
            session.resume_last();
        }
        ready.set(true);
        crate::ready::follow(session, owner).await;
    });
    lock_when_idle(session);
    // A language the framework's copy lacks (the bundled one in its default language alone)
    // brings the whole document.
    let i18n = use_i18n();
    dom::effect(move || {
        let locale = i18n.get_locale();
        if !session.framework().speaks(locale.as_str()) {
            crate::web::spawn_local(async move { session.add_languages().await });
        }
    });
    // Listened to from the start: an upload the later steps send before the queue's own code
    // has arrived is told too.
    let listening = uploads::on_change(move |upload| {
        if let uploads::State::Sent { .. } = upload.state {
            session.emit(events::UPLOADED, json!({ "resultId": upload.result_id }));
            // The portal has it: a rating of someone else keeps only its receipt.
            if !session.is_gone() {
                session.settle();
            }
        }
    });
    // A widget a portal unmounts stops listening with it.
    on_cleanup(move || uploads::stop_listening(listening));
    // The portal follows the progress of the open assessment.
    let progress = Derived::new(move || {
        let framework = session.framework();
        session.assessment.with(|a| {
            a.as_ref().map(|a| {
                let p = a.progress(&framework);
                (a.id.clone(), p.answered, p.required, a.is_submitted())
            })
        })
    });
    dom::effect(move || {
        if let Some((id, answered, required, submitted)) = progress.get() {
            session.emit(
                events::PROGRESS,
                json!({ "assessmentId": id, "answered": answered, "required": required, "submitted": submitted }),
            );
        }
    });
}

/// Locks an open sealed assessment after the configured time without a key press, a touch
/// or a click (a rater called away from a shared computer).
fn lock_when_idle(session: Session) {
    let idle = session.idle_lock_ms.get_value();
    let last_input = StoredValue::new(js_sys::Date::now() as u64);
    let touched = move || last_input.set_value(js_sys::Date::now() as u64);
    for event in ["keydown", "pointerdown", "input"] {
        window_event_listener(event, move |_: web_sys::Event| touched()).remove_on_cleanup();
    }
    let every = std::time::Duration::from_millis((idle / 5).clamp(1_000, 10_000));
    let timer = set_interval(
        move || {
            let quiet = (js_sys::Date::now() as u64).saturating_sub(last_input.get_value());
            if !session.is_gone() && session.is_sealed() && quiet >= idle {
                // An encrypted save under way: asked again at the next tick.
                session.lock();
            }
        },
        every,
    );
    if let Some(timer) = timer {
        timer.clear_on_cleanup();
    }
}
