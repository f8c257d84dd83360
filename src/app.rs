//! The root component.

use std::sync::Arc;

use competency_core::bundled;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{FrameworkProblems, FrameworkScreen, LanguageSwitch};
use crate::i18n::*;
use crate::preferences;

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
    // The provider first picks a locale from the browser's languages; a choice the user made
    // earlier wins over it. An effect created after the provider's runs after it.
    Effect::new(move |_| {
        if let Some(locale) = preferences::saved_locale() {
            i18n.set_locale(locale);
        }
    });

    let framework = bundled::framework().map(Arc::new);
    view! {
        <Title text=move || t_string!(i18n, app_name) />
        <header class="app-header">
            <p class="app-name">{t!(i18n, app_name)}</p>
            <LanguageSwitch />
        </header>
        <main class="app-main">
            {match framework {
                Ok(framework) => view! { <FrameworkScreen framework /> }.into_any(),
                Err(error) => view! { <FrameworkProblems error /> }.into_any(),
            }}
        </main>
    }
}
