use crate::prelude::*;
use wasm_bindgen::JsCast;

use crate::dom::{self, Attr, El};
use crate::i18n::*;
use crate::preferences;

/// Buttons to change the interface language, each named in its own language. The choice is
/// kept in this browser for the next visit.
///
/// Drawn once: an effect marks the pressed button and names the group in the current
/// language, so that the focus stays on the button just pressed.
pub fn language_switch() -> El {
    let i18n = use_i18n();
    let group = dom::slot();
    dom::effect(move || {
        let current = i18n.get_locale();
        let Some(group) = group.get_value() else {
            return;
        };
        let _ = group.set_attribute("aria-label", td_string!(current, language_switch_label));
        let Ok(buttons) = group.query_selector_all("button") else {
            return;
        };
        for n in 0..buttons.length() {
            if let Some(button) = buttons
                .item(n)
                .and_then(|b| b.dyn_into::<web_sys::Element>().ok())
            {
                let pressed = button.get_attribute("lang").as_deref() == Some(current.as_str());
                let _ =
                    button.set_attribute("aria-pressed", if pressed { "true" } else { "false" });
            }
        }
    });
    El::new("div")
        .class("language-switch")
        .attr(Attr::Role, "group")
        .keep(group)
        .children(Locale::get_all().iter().map(|&locale| {
            El::button("button", "", td_string!(locale, language_name))
                .attr(Attr::Lang, locale.as_str())
                .on_click(move || {
                    i18n.set_locale(locale);
                    preferences::save_locale(locale);
                })
        }))
}
