//! The interface's texts in French and English: the translations `build.rs` generates from
//! `locales/*.json` (checked at compile time: every key and placeholder a view names exists
//! in every language), the current locale as a signal in context, and the macros views use:
//!
//! - `td_string!(locale, key)`: the text, `&'static str`;
//! - `td_string!(locale, key, name = value, other)`: the text with its placeholders filled,
//!   a `String` (`other` stands for `other = other`);
//! - `t_string!(i18n, key)`: the same in the current locale, read (and tracked) now.

use crate::prelude::*;

include!(concat!(env!("OUT_DIR"), "/i18n.rs"));

/// The current interface language, shared by a widget's components.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    locale: RwSignal<Locale>,
}

impl I18n {
    /// The current locale (tracked).
    pub fn get_locale(&self) -> Locale {
        self.locale.get()
    }

    pub fn get_locale_untracked(&self) -> Locale {
        self.locale.get_untracked()
    }

    pub fn set_locale(&self, locale: Locale) {
        if self.locale.get_untracked() != locale {
            self.locale.set(locale);
        }
    }
}

/// The widget's [`I18n`] (provided by [`provide_i18n`]).
pub fn use_i18n() -> I18n {
    expect_context()
}

/// The first of the browser's preferred languages the interface speaks, if any.
fn browser_locale() -> Option<Locale> {
    let languages = window().navigator().languages();
    languages
        .iter()
        .filter_map(|tag| tag.as_string())
        .find_map(|tag| {
            let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
            primary.parse().ok()
        })
}

/// Provides [`I18n`] to the views drawn after it under the current owner, starting in the
/// browser's preferred language (else French). `set_lang_attr_on_html`: the page's
/// `<html lang>` follows the locale (a page of the widget's own, not a portal's).
pub fn provide_i18n(set_lang_attr_on_html: bool) -> I18n {
    let i18n = I18n {
        locale: RwSignal::new(browser_locale().unwrap_or_default()),
    };
    provide_context(i18n);
    if set_lang_attr_on_html {
        crate::dom::effect(move || {
            if let Some(html) = document().document_element() {
                // An attribute the page always accepts.
                html.set_attribute("lang", i18n.get_locale().as_str()).ok();
            }
        });
    }
    i18n
}

/// See the module's documentation.
macro_rules! td_string {
    (@value $name:ident = $value:expr) => {
        $value
    };
    (@value $name:ident) => {
        $name
    };
    ($locale:expr, $key:ident) => {
        $crate::i18n::keys::$key($locale)
    };
    ($locale:expr, $key:ident, $($name:ident $(= $value:expr)?),+ $(,)?) => {
        $crate::i18n::keys::$key {
            $($name: $crate::i18n::td_string!(@value $name $(= $value)?)),+
        }
        .render($locale)
    };
}

/// See the module's documentation.
macro_rules! t_string {
    ($i18n:expr, $($rest:tt)+) => {
        $crate::i18n::td_string!($i18n.get_locale(), $($rest)+)
    };
}

pub(crate) use {t_string, td_string};
