//! The root component.

use std::sync::Arc;

use competency_core::bundled;
use leptos::prelude::*;

use crate::components::{
    AssessmentScreen, CheckResults, FrameworkProblems, FrameworkScreen, HomeScreen, LanguageSwitch,
    StorageNotice,
};
use competency_core::assessment::AssessmentError;

use crate::config::UrlConfig;
use crate::drafts;
use crate::i18n::*;
use crate::preferences;
use crate::session::{Portal, Screen, Session};
use crate::uploads;

/// The whole widget.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <Shell />
        </I18nContextProvider>
    }
}

#[component]
fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    let config = UrlConfig::from_location();
    // The provider first picks a locale from the browser's languages; the portal's choice in
    // the address, else one the user made earlier, wins over it. An effect created after the
    // provider's runs after it.
    let chosen = config.locale.or_else(preferences::saved_locale);
    Effect::new(move |_| {
        if let Some(locale) = chosen {
            i18n.set_locale(locale);
        }
    });

    // The document's title follows the language.
    Effect::new(move |_| document().set_title(t_string!(i18n, app_name)));

    let body = match bundled::framework() {
        Ok(framework) => {
            let session = Session::new(Arc::new(framework), config.upload.clone());
            if let Some(n) = config.min_raters {
                session.min_raters.set_value(n);
            }
            provide_context(session);
            // Address parameters that were not understood or could not be used.
            let invalid = RwSignal::new(config.invalid.clone());
            let ready = RwSignal::new(false);
            let start = config.start.clone();
            leptos::task::spawn_local(async move {
                // What localStorage lost in a killed browser comes back first.
                drafts::restore().await;
                match start {
                    Some(s) => {
                        let given = s.subject.name.clone();
                        let portal = Portal {
                            rater: s.rater,
                            challenge: s.challenge,
                        };
                        let refused =
                            match session.open_or_start(s.subject, s.position, s.role, portal) {
                                Ok(()) => None,
                                Err(AssessmentError::UnknownPosition(p)) => Some(("position", p)),
                                Err(_) => Some(("name", given)),
                            };
                        if let Some((name, value)) = refused {
                            invalid.update(|list| list.push((name.into(), value)));
                        }
                    }
                    None => {
                        session.resume_last();
                    }
                }
                session.drafts_changed.update(|n| *n += 1);
                ready.set(true);
                // Results still waiting to be sent go now, and again whenever the network
                // comes back.
                uploads::work(|| ()).await;
            });
            let _ = window_event_listener(leptos::ev::online, |_| {
                leptos::task::spawn_local(uploads::work(|| ()));
            });
            view! {
                <nav class="app-nav" aria-label=move || t_string!(i18n, nav_label)>
                    <button
                        type="button"
                        class="link"
                        aria-current=move || {
                            matches!(session.screen.get(), Screen::Home | Screen::Assessment).then_some("page")
                        }
                        on:click=move |_| {
                            session.show_screen(if session.assessment.with_untracked(Option::is_some) {
                                Screen::Assessment
                            } else {
                                Screen::Home
                            });
                        }
                    >
                        {t!(i18n, nav_assessment)}
                    </button>
                    <button
                        type="button"
                        class="link"
                        aria-current=move || (session.screen.get() == Screen::Framework).then_some("page")
                        on:click=move |_| session.show_screen(Screen::Framework)
                    >
                        {t!(i18n, nav_framework)}
                    </button>
                    <button
                        type="button"
                        class="link"
                        aria-current=move || (session.screen.get() == Screen::Check).then_some("page")
                        on:click=move |_| session.show_screen(Screen::Check)
                    >
                        {t!(i18n, nav_check)}
                    </button>
                    {move || {
                        (session.screen.get() == Screen::Assessment)
                            .then(|| {
                                view! {
                                    <button type="button" class="link" on:click=move |_| session.close()>
                                        {t!(i18n, nav_my_assessments)}
                                    </button>
                                }
                            })
                    }}
                </nav>
                <StorageNotice />
                {move || {
                    let invalid = invalid.get();
                    (!invalid.is_empty())
                        .then(|| {
                            view! {
                                <div class="notice notice-warning" role="alert">
                                    <p>{t!(i18n, address_invalid)}</p>
                                    <ul>
                                        {invalid
                                            .into_iter()
                                            .map(|(name, value)| {
                                                view! { <li><code>{format!("{name}={value}")}</code></li> }
                                            })
                                            .collect_view()}
                                    </ul>
                                </div>
                            }
                        })
                }}
                <main class="app-main">
                    {move || match ready.get().then(|| session.screen.get()) {
                        None => view! { <p class="loading">{t!(i18n, loading)}</p> }.into_any(),
                        Some(Screen::Home) => view! { <HomeScreen /> }.into_any(),
                        Some(Screen::Assessment) => view! { <AssessmentScreen /> }.into_any(),
                        Some(Screen::Framework) => {
                            view! { <FrameworkScreen framework=session.framework() /> }.into_any()
                        }
                        Some(Screen::Check) => view! { <CheckResults /> }.into_any(),
                    }}
                </main>

            }
            .into_any()
        }
        Err(error) => view! {
            <main class="app-main">
                <FrameworkProblems error />
            </main>
        }
        .into_any(),
    };

    view! {
        <header class="app-header">
            <p class="app-name">{t!(i18n, app_name)}</p>
            <LanguageSwitch />
        </header>
        {body}
    }
}
