use std::cell::RefCell;

use competency_core::Framework;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::components::framework_problems::problem_text;
use crate::dom::El;
use crate::i18n::*;

/// The importer's module (`crates/case-import`): its form, its converter and its wording.
const MODULE: &str = "competency-case-import.js";

/// The framework reader the module calls back ([`check`]), in the language of the form.
type Check = Closure<dyn Fn(String) -> js_sys::Array>;

thread_local! {
    /// The reader given to the form on screen: replaced when the form is opened again.
    static CHECK: RefCell<Option<Check>> = const { RefCell::new(None) };
}

/// "Import a CASE package", for HR on the framework screen: a CFPackage written by a CASE
/// tool becomes a framework file to download, with what the conversion could not carry or
/// assumed; for a package without a rubric HR chooses the proficiency scale to assume, as
/// `competency convert --scale` does.
///
/// Here only a heading and a button: the form, the converter and their texts are a module of
/// their own (`crates/case-import`), fetched when HR presses the button, so that officers
/// never download them. The module checks what it imports with this page's framework reader
/// ([`check`]), so that its problems read as any framework's do.
pub fn section(locale: Locale) -> El {
    El::new("section")
        .class("case-import")
        .attr("aria-labelledby", "case-import-heading")
        .child(
            El::new("h2")
                .attr("id", "case-import-heading")
                .text(td_string!(locale, case_import_heading)),
        )
        .child(
            El::new("div").class("case-import-form").child(
                El::new("button")
                    .attr("type", "button")
                    .class("button")
                    .text(td_string!(locale, case_import_open))
                    .on("click", move |ev| open(locale, ev)),
            ),
        )
}

/// Fetches the module and has it draw its form in place of the button.
fn open(locale: Locale, ev: web_sys::Event) {
    let Some(button) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Some(area) = button.closest(".case-import-form").ok().flatten() else {
        return;
    };
    // Pressed once: a second press while the module arrives would load and draw it twice.
    let _ = button.set_attribute("disabled", "");
    if let Ok(Some(earlier)) = area.query_selector("[role=alert]") {
        earlier.remove();
    }
    leptos::task::spawn_local(async move {
        let reader = Check::new(move |json: String| check(locale, &json));
        let check = reader.as_ref().clone();
        CHECK.with(|c| *c.borrow_mut() = Some(reader));
        let mounted = crate::modules::load(MODULE).await.and_then(|module| {
            let mount: js_sys::Function =
                js_sys::Reflect::get(&module, &"mount".into())?.dyn_into()?;
            mount.call3(&JsValue::NULL, &area, &locale.as_str().into(), &check)
        });
        // The browser's own reason (a failed fetch, most often) is not for HR's eyes.
        if mounted.is_err() {
            let notice = El::new("p")
                .attr("role", "alert")
                .class("notice notice-error")
                .text(td_string!(locale, case_import_unavailable));
            let notice = crate::dom::ElState::new(notice);
            let _ = area.append_child(notice.element());
            let _ = button.remove_attribute("disabled");
        }
    });
}

/// The problems of a framework's JSON text, as `[path, sentence]` pairs (none when it is
/// valid), worded as the framework screen words them.
fn check(locale: Locale, json: &str) -> js_sys::Array {
    let Err(error) = Framework::from_json(json) else {
        return js_sys::Array::new();
    };
    error
        .problems
        .iter()
        .map(|p| {
            js_sys::Array::of2(
                &p.path.as_str().into(),
                &problem_text(locale, &p.kind).into(),
            )
        })
        .collect()
}
