use std::cell::RefCell;

use competency_core::Framework;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::components::framework_problems::problem_text;
use crate::dom::El;
use crate::i18n::*;

/// The CASE import's module (`crates/case-import`): its form, its converter and its wording.
const CASE_MODULE: &str = "competency-case-import.js";
/// The spreadsheet's module (`crates/sheet-screen`): the workbook written and read back.
const SHEET_MODULE: &str = "competency-sheet-screen.js";

/// The framework reader the module calls back ([`check`]), in the language of the form.
type Check = Closure<dyn Fn(String) -> js_sys::Array>;

thread_local! {
    /// The readers given to the forms on screen, by the module's function that drew each:
    /// replaced when a form is opened again.
    static CHECKS: RefCell<Vec<(&'static str, Check)>> = const { RefCell::new(Vec::new()) };
}

/// HR's tools below the framework: the CASE import and the framework in a spreadsheet.
///
/// Here only headings and buttons: each tool's form, converter and texts are a module of its
/// own (`crates/sheet-screen`, `crates/case-import`), fetched when HR presses its button, so
/// that officers never download them. A module checks what it imports with this page's
/// framework reader ([`check`]), so that its problems read as any framework's do.
pub fn sections(locale: Locale, framework: &Framework) -> El {
    El::new("div")
        .class("framework-tools")
        .child(sheet_section(locale, framework))
        .child(case_section(locale))
}

/// "The framework in a spreadsheet": this framework as a workbook to download, and a workbook
/// HR wrote read back into a framework, every problem at its sheet, row and column.
fn sheet_section(locale: Locale, framework: &Framework) -> El {
    let json = framework.to_json();
    section(
        locale,
        "sheet-import",
        td_string!(locale, sheet_heading),
        td_string!(locale, sheet_open),
        move |locale, area, check| {
            let args = js_sys::Array::of4(
                &area.into(),
                &locale.as_str().into(),
                &json.as_str().into(),
                check,
            );
            (SHEET_MODULE, "mountSheet", args)
        },
    )
}

/// "Import a CASE package": a CFPackage written by a CASE tool becomes a framework file to
/// download, with what the conversion could not carry or assumed; for a package without a
/// rubric HR chooses the proficiency scale to assume, as `competency convert --scale` does.
fn case_section(locale: Locale) -> El {
    section(
        locale,
        "case-import",
        td_string!(locale, case_import_heading),
        td_string!(locale, case_import_open),
        |locale, area, check| {
            let args = js_sys::Array::of3(&area.into(), &locale.as_str().into(), check);
            (CASE_MODULE, "mount", args)
        },
    )
}

/// A section `name` with its heading and the button that has a module draw its form: the
/// module, its function and the arguments come from `mount`, given the form's area and the
/// reader.
fn section(
    locale: Locale,
    name: &'static str,
    heading: &'static str,
    open_text: &'static str,
    mount: impl Fn(Locale, &web_sys::Element, &JsValue) -> (&'static str, &'static str, js_sys::Array)
    + Clone
    + Send
    + 'static,
) -> El {
    let heading_id = format!("{name}-heading");
    El::section(name, "h2", heading_id, heading).child(
        El::new("div").class(format!("{name}-form")).child(
            El::button("button", "button", open_text)
                .on("click", move |ev| open(locale, name, ev, mount.clone())),
        ),
    )
}

/// Fetches the module and has it draw its form in place of the button.
fn open(
    locale: Locale,
    name: &'static str,
    ev: web_sys::Event,
    mount: impl Fn(Locale, &web_sys::Element, &JsValue) -> (&'static str, &'static str, js_sys::Array)
    + 'static,
) {
    let Some(button) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Some(area) = button.closest(&format!(".{name}-form")).ok().flatten() else {
        return;
    };
    // Pressed once: a second press while the module arrives would load and draw it twice.
    let _ = button.set_attribute("disabled", "");
    if let Ok(Some(earlier)) = area.query_selector("[role=alert]") {
        earlier.remove();
    }
    crate::web::spawn_local(async move {
        let reader = Check::new(move |json: String| check(locale, &json));
        let check = reader.as_ref().clone();
        CHECKS.with(|c| {
            let mut checks = c.borrow_mut();
            checks.retain(|(n, _)| *n != name);
            checks.push((name, reader));
        });
        let (file, function, args) = mount(locale, &area, &check);
        let mounted = crate::modules::load(file).await.and_then(|module| {
            let mount: js_sys::Function =
                js_sys::Reflect::get(&module, &function.into())?.dyn_into()?;
            mount.apply(&JsValue::NULL, &args)
        });
        // The browser's own reason (a failed fetch, most often) is not for HR's eyes.
        if mounted.is_err() {
            let notice = El::alert(
                "notice notice-error",
                td_string!(locale, framework_tools_unavailable),
            );
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
