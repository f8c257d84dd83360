//! The framework in a spreadsheet, on screen ([`mount_sheet`]): the framework on screen offered
//! as a workbook to download, and a workbook HR wrote read back (`competency_sheet`), with every
//! problem at its sheet, row and column, or the framework it gives to download as JSON. The
//! console fetches this module only when HR opens the spreadsheet tools: officers never
//! download it, and the CASE import does not carry it.
//!
//! The framework's own problems are worded by the page's reader (`check`), as the page words
//! any framework's; the workbook's are worded here. Text from a file only ever becomes a text
//! node.

use std::cell::RefCell;

use competency_core::Framework;
use competency_core::framework::limits::MAX_DOCUMENT_BYTES;
use competency_sheet::{Language, Place};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element};

use competency_module_dom::{
    add, alert, blob_url, blob_url_of, download_link, file_input_of, picked, problems, status,
    summary,
};

/// The type of XLSX files.
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

thread_local! {
    /// The handler of the workbook input on screen: replaced when the page mounts it again.
    static HANDLER: RefCell<Option<Closure<dyn FnMut()>>> = const { RefCell::new(None) };
    /// The addresses of the files offered for download, freed when they are replaced.
    static DOWNLOADS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Draws the spreadsheet tools into `container`, in `lang` (`fr`, else English), for the
/// framework on screen (`framework`, its JSON text). `check` is the page's framework reader:
/// given a framework's JSON text, it returns its problems as `[path, sentence]` pairs.
#[wasm_bindgen(js_name = mountSheet)]
pub fn mount_sheet(
    container: Element,
    lang: String,
    framework: String,
    check: js_sys::Function,
) -> Result<(), JsValue> {
    let t = Texts::of(&lang);
    let document = container.owner_document().ok_or("no document")?;
    let d = &document;
    free_downloads();
    container.set_text_content(None);
    add(d, &container, "p", t.intro)?;
    match Framework::from_json(&framework)
        .ok()
        .and_then(|f| Some((competency_sheet::export(&f).ok()?, f)))
    {
        Some((workbook, f)) => {
            let bytes = js_sys::Uint8Array::from(workbook.as_slice());
            let url = blob_url_of(&js_sys::Array::of1(&bytes), XLSX)?;
            let file_name = format!("{}-{}.xlsx", f.id, f.version);
            download_link(d, &container, t.export, &url, &file_name)?;
            DOWNLOADS.with(|u| u.borrow_mut().push(url));
        }
        None => {
            let notice = add(d, &container, "p", t.export_failed)?;
            notice.set_attribute("class", "notice notice-error")?;
        }
    }
    let label = add(d, &container, "label", t.workbook)?;
    label.set_attribute("for", "sheet-workbook")?;
    let input = file_input_of(
        d,
        &container,
        "sheet-workbook",
        &format!(".xlsx,.ods,.xls,{XLSX},application/vnd.oasis.opendocument.spreadsheet"),
    )?;
    let outcome = add(d, &container, "div", "")?;
    outcome.set_attribute("class", "sheet-import-outcome")?;
    outcome.set_attribute("aria-live", "polite")?;

    let form = container.clone();
    let on_change = Closure::<dyn FnMut()>::new(move || {
        let (form, outcome, lang, check) =
            (form.clone(), outcome.clone(), lang.clone(), check.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let t = Texts::of(&lang);
            let _ = draw(&outcome, &Shown::Working, t);
            let shown = import(&form, &lang, &check).await;
            let _ = draw(&outcome, &shown, t);
        });
    });
    input.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref())?;
    HANDLER.with(|h| *h.borrow_mut() = Some(on_change));
    if let Some(link) = container
        .query_selector("a.button")?
        .and_then(|l| l.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = link.focus();
    }
    Ok(())
}

fn free_downloads() {
    for url in DOWNLOADS.with(|u| std::mem::take(&mut *u.borrow_mut())) {
        let _ = web_sys::Url::revoke_object_url(&url);
    }
}

/// What the outcome area shows.
enum Shown {
    Working,
    Refused(String),
    /// The workbook's problems: where, and what.
    Invalid(Vec<(Place, String)>),
    Imported {
        summary: String,
        file_name: String,
        json: String,
    },
}

/// Reads the chosen workbook, checks the framework it holds.
async fn import(form: &Element, lang: &str, check: &js_sys::Function) -> Shown {
    let t = Texts::of(lang);
    let Some(file) = picked(form, "#sheet-workbook") else {
        return Shown::Refused(t.no_workbook.into());
    };
    if file.size() > MAX_DOCUMENT_BYTES as f64 {
        let problem = competency_sheet::SheetProblem::TooLarge {
            bytes: file.size() as usize,
            limit: MAX_DOCUMENT_BYTES,
        };
        return Shown::Refused(problem.describe(t.language));
    }
    let Some(buffer) = JsFuture::from(file.array_buffer()).await.ok() else {
        return Shown::Refused(t.unreadable.into());
    };
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    let draft = competency_sheet::read(&bytes);
    let mut found: Vec<(Place, String)> = draft
        .problems
        .iter()
        .map(|(place, problem)| (place.clone(), problem.describe(t.language)))
        .collect();
    if !draft.is_readable() {
        return Shown::Invalid(found);
    }
    let json = draft.document.to_string();
    for (path, sentence) in problems(check, &json) {
        let place = draft.place(&path);
        if !draft.explained(&place) {
            found.push((place, sentence));
        }
    }
    if !found.is_empty() {
        found.sort_by_key(|(place, _)| competency_sheet::rank(place));
        return Shown::Invalid(found);
    }
    match Framework::from_value(&draft.document) {
        Ok(framework) => Shown::Imported {
            summary: summary(&framework, lang),
            file_name: format!("{}-{}.json", framework.id, framework.version),
            json: framework.to_json(),
        },
        Err(_) => Shown::Refused(t.unreadable.into()),
    }
}

/// Draws `shown` in the outcome area, in place of what was there.
fn draw(area: &Element, shown: &Shown, t: &Texts) -> Result<(), JsValue> {
    let d: &Document = &area.owner_document().ok_or("no document")?;
    area.set_text_content(None);
    // The workbook's download stays; an earlier import's does not.
    DOWNLOADS.with(|u| {
        let mut urls = u.borrow_mut();
        for url in urls.drain(1..) {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    });
    let alert = |area: &Element| alert(d, area);
    match shown {
        Shown::Working => {
            add(d, area, "p", t.working)?.set_attribute("role", "status")?;
        }
        Shown::Refused(text) => {
            add(d, &alert(area)?, "p", text)?;
        }
        Shown::Invalid(problems) => {
            let alert = alert(area)?;
            add(d, &alert, "p", &t.invalid(problems.len()))?;
            let list = add(d, &alert, "ul", "")?;
            list.set_attribute("class", "sheet-problems")?;
            for (place, text) in problems {
                let item = add(d, &list, "li", "")?;
                add(d, &item, "strong", &place.describe(t.language))?;
                item.append_with_str_1(&format!("{}{text}", t.colon))?;
            }
        }
        Shown::Imported {
            summary,
            file_name,
            json,
        } => {
            let notice = status(d, area, summary)?;
            let url = blob_url(json)?;
            download_link(d, &notice, t.download, &url, file_name)?;
            DOWNLOADS.with(|u| u.borrow_mut().push(url));
        }
    }
    Ok(())
}

/// The screen's own texts, in one language.
struct Texts {
    language: Language,
    intro: &'static str,
    export: &'static str,
    export_failed: &'static str,
    workbook: &'static str,
    working: &'static str,
    no_workbook: &'static str,
    unreadable: &'static str,
    download: &'static str,
    /// Between a problem's place and its sentence.
    colon: &'static str,
}

const FRENCH: Texts = Texts {
    language: Language::French,
    intro: "Écrivez votre référentiel dans un tableur (Excel ou LibreOffice)\u{a0}: téléchargez \
            celui-ci en classeur, modifiez-le, puis importez-le. Chaque problème est signalé \
            avec son onglet, sa ligne et sa colonne. Rien ne quitte le navigateur.",
    export: "Télécharger ce référentiel en classeur (XLSX)",
    export_failed: "Ce référentiel n’a pas pu être écrit en classeur.",
    workbook: "Classeur à importer (XLSX ou ODS)",
    working: "Lecture du classeur…",
    no_workbook: "Choisissez d’abord le classeur à importer.",
    unreadable: "Ce fichier n’a pas pu être lu.",
    download: "Télécharger le référentiel (JSON)",
    colon: "\u{a0}: ",
};

const ENGLISH: Texts = Texts {
    language: Language::English,
    intro: "Write your framework in a spreadsheet (Excel or LibreOffice): download this one as \
            a workbook, edit it, then import it. Every problem is reported with its sheet, row \
            and column. Nothing leaves the browser.",
    export: "Download this framework as a workbook (XLSX)",
    export_failed: "This framework could not be written as a workbook.",
    workbook: "Workbook to import (XLSX or ODS)",
    working: "Reading the workbook…",
    no_workbook: "First choose the workbook to import.",
    unreadable: "This file could not be read.",
    download: "Download the framework (JSON)",
    colon: ": ",
};

impl Texts {
    fn of(lang: &str) -> &'static Texts {
        if lang == "fr" { &FRENCH } else { &ENGLISH }
    }

    fn invalid(&self, count: usize) -> String {
        match (self.language, count) {
            (Language::French, 1) => "Ce classeur a 1 problème\u{a0}:".into(),
            (Language::French, n) => format!("Ce classeur a {n} problèmes\u{a0}:"),
            (Language::English, 1) => "This workbook has 1 problem:".into(),
            (Language::English, n) => format!("This workbook has {n} problems:"),
        }
    }
}
