use leptos::prelude::*;

use crate::i18n::*;
use crate::preferences;

/// Buttons to change the interface language, each named in its own language. The choice is
/// kept in this browser for the next visit.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let choose = move |locale: Locale| {
        i18n.set_locale(locale);
        preferences::save_locale(locale);
    };
    let buttons = Locale::get_all()
        .iter()
        .map(|&locale| {
            view! {
                <button
                    type="button"
                    lang=locale.as_str()
                    aria-pressed=move || (i18n.get_locale() == locale).to_string()
                    on:click=move |_| choose(locale)
                >
                    {td_string!(locale, language_name)}
                </button>
            }
        })
        .collect_view();
    view! {
        <div
            class="language-switch"
            role="group"
            aria-label=move || t_string!(i18n, language_switch_label)
        >
            {buttons}
        </div>
    }
}
