//! The import's form and outcome, drawn into the element the page gives ([`mount`]). Text
//! from a file only ever becomes a text node, never HTML. The page's framework reader checks
//! what the import gives, so that its problems are worded as the page words any framework's.

use std::cell::RefCell;

use competency_core::Framework;
use competency_core::framework::limits::MAX_DOCUMENT_BYTES;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element};

use competency_module_dom::{
    add, alert, blob_url, download_link, file_input_of, picked, problems, status, summary,
};

use crate::{Outcome, ScaleChoice, run};

thread_local! {
    /// The handlers of the form on screen: replaced when the page mounts the form again.
    static HANDLERS: RefCell<Vec<Closure<dyn FnMut()>>> = const { RefCell::new(Vec::new()) };
    /// The address of the framework offered for download, freed when another outcome replaces it.
    static DOWNLOAD: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Draws the import form into `container`, in `lang` (`fr`, else English). `check` is the
/// page's framework reader: given a framework's JSON text, it returns its problems as
/// `[path, sentence]` pairs, none when the framework is valid.
#[wasm_bindgen]
pub fn mount(container: Element, lang: String, check: js_sys::Function) -> Result<(), JsValue> {
    let t = Texts::of(&lang);
    let document = container.owner_document().ok_or("no document")?;
    let d = &document;
    free_download();
    container.set_text_content(None);
    add(d, &container, "p", t.intro)?;
    let label = add(d, &container, "label", t.package)?;
    label.set_attribute("for", "case-package")?;
    let package = file_input(d, &container, "case-package")?;
    let fieldset = add(d, &container, "fieldset", "")?;
    add(d, &fieldset, "legend", t.scale)?;
    radio(d, &fieldset, "bundled", t.scale_bundled)?;
    radio(d, &fieldset, "file", t.scale_file)?;
    let scale_file = file_input(d, &fieldset, "case-scale-framework")?;
    scale_file.set_attribute("aria-label", t.scale_file_input)?;
    radio(d, &fieldset, "none", t.scale_none)?;
    let button = add(d, &container, "button", t.import)?;
    button.set_attribute("type", "button")?;
    button.set_attribute("class", "button")?;
    let outcome = add(d, &container, "div", "")?;
    outcome.set_attribute("class", "case-import-outcome")?;

    let form = container.clone();
    let pressed = button.clone();
    let on_import = Closure::<dyn FnMut()>::new(move || {
        let (form, outcome, lang, check, button) = (
            form.clone(),
            outcome.clone(),
            lang.clone(),
            check.clone(),
            pressed.clone(),
        );
        // One import at a time: the outcome shown is always that of the last press.
        let _ = button.set_attribute("disabled", "");
        wasm_bindgen_futures::spawn_local(async move {
            let t = Texts::of(&lang);
            let _ = draw(&outcome, &Shown::Working, t);
            let shown = import(&form, &lang, &check).await;
            let _ = draw(&outcome, &shown, t);
            let _ = button.remove_attribute("disabled");
        });
    });
    button.add_event_listener_with_callback("click", on_import.as_ref().unchecked_ref())?;
    // A framework file chosen for the scale is meant to be used: its choice is selected.
    let choice = container.query_selector("#case-scale-file")?;
    let on_scale_file = Closure::<dyn FnMut()>::new(move || {
        if let Some(radio) = choice
            .as_ref()
            .and_then(|c| c.dyn_ref::<web_sys::HtmlInputElement>())
        {
            radio.set_checked(true);
        }
    });
    scale_file
        .add_event_listener_with_callback("change", on_scale_file.as_ref().unchecked_ref())?;
    HANDLERS.with(|h| *h.borrow_mut() = vec![on_import, on_scale_file]);
    // The button that opened the form is gone: the keyboard goes on from the form's start.
    if let Some(package) = package.dyn_ref::<web_sys::HtmlElement>() {
        let _ = package.focus();
    }
    Ok(())
}

/// Frees the framework offered for download, if any.
fn free_download() {
    if let Some(url) = DOWNLOAD.with(|u| u.borrow_mut().take()) {
        let _ = web_sys::Url::revoke_object_url(&url);
    }
}

/// What the outcome area shows.
enum Shown {
    Working,
    Refused(String),
    /// A framework the page's reader refuses: `intro`, then its problems.
    Invalid {
        intro: &'static str,
        problems: Vec<(String, String)>,
    },
    Imported {
        summary: String,
        file_name: String,
        json: String,
        losses: Vec<String>,
    },
}

/// Reads the form, imports, checks what the import gave.
async fn import(form: &Element, lang: &str, check: &js_sys::Function) -> Shown {
    let t = Texts::of(lang);
    let Some(package) = picked(form, "#case-package") else {
        return Shown::Refused(t.no_package.into());
    };
    let package = match read(&package, t).await {
        Ok(text) => text,
        Err(shown) => return shown,
    };
    let choice = form
        .query_selector("input[name=case-scale]:checked")
        .ok()
        .flatten()
        .and_then(|input| input.get_attribute("value"))
        .unwrap_or_default();
    let scale_text;
    let scale = match choice.as_str() {
        "none" => ScaleChoice::None,
        "file" => {
            let Some(file) = picked(form, "#case-scale-framework") else {
                return Shown::Refused(t.no_scale_file.into());
            };
            scale_text = match read(&file, t).await {
                Ok(text) => text,
                Err(shown) => return shown,
            };
            let problems = problems(check, &scale_text);
            if !problems.is_empty() {
                return Shown::Invalid {
                    intro: t.scale_invalid,
                    problems,
                };
            }
            ScaleChoice::Framework(&scale_text)
        }
        _ => ScaleChoice::Bundled,
    };
    match run(&package, scale, lang) {
        Outcome::Refused(text) => Shown::Refused(text),
        Outcome::Imported { framework, losses } => {
            let problems = problems(check, &framework);
            match Framework::from_json(&framework) {
                Ok(read) if problems.is_empty() => Shown::Imported {
                    summary: summary(&read, lang),
                    file_name: format!("{}-{}.json", read.id, read.version),
                    json: framework,
                    losses,
                },
                _ => Shown::Invalid {
                    intro: t.invalid,
                    problems,
                },
            }
        }
    }
}

/// A file's text, unless it is larger than a framework or a package may be.
async fn read(file: &web_sys::File, t: &Texts) -> Result<String, Shown> {
    if file.size() > MAX_DOCUMENT_BYTES as f64 {
        return Err(Shown::Refused(t.too_large(&file.name(), file.size())));
    }
    JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| Shown::Refused(t.unreadable(&file.name())))
}

/// Draws `shown` in the outcome area, in place of what was there.
fn draw(area: &Element, shown: &Shown, t: &Texts) -> Result<(), JsValue> {
    let d = &area.owner_document().ok_or("no document")?;
    area.set_text_content(None);
    free_download();
    let alert = |area: &Element| alert(d, area);
    match shown {
        Shown::Working => {
            add(d, area, "p", t.working)?.set_attribute("role", "status")?;
        }
        Shown::Refused(text) => {
            add(d, &alert(area)?, "p", text)?;
        }
        Shown::Invalid { intro, problems } => {
            let alert = alert(area)?;
            add(d, &alert, "p", intro)?;
            let list = add(d, &alert, "ul", "")?;
            for (path, text) in problems {
                let item = add(d, &list, "li", "")?;
                add(d, &item, "code", path)?;
                item.append_with_str_1(&format!(" {text}"))?;
            }
        }
        Shown::Imported {
            summary,
            file_name,
            json,
            losses,
        } => {
            let notice = status(d, area, summary)?;
            if !losses.is_empty() {
                add(d, &notice, "p", t.losses)?;
                let list = add(d, &notice, "ul", "")?;
                list.set_attribute("class", "case-import-losses")?;
                for loss in losses {
                    add(d, &list, "li", loss)?;
                }
            }
            let url = blob_url(json)?;
            download_link(d, &notice, t.download, &url, file_name)?;
            DOWNLOAD.with(|u| *u.borrow_mut() = Some(url));
        }
    }
    Ok(())
}

fn file_input(d: &Document, parent: &Element, id: &str) -> Result<Element, JsValue> {
    file_input_of(d, parent, id, "application/json,.json")
}

/// One choice of scale: `value` is what [`import`] reads.
fn radio(d: &Document, parent: &Element, value: &str, label: &str) -> Result<(), JsValue> {
    let choice = add(d, parent, "div", "")?;
    choice.set_attribute("class", "choice")?;
    let id = format!("case-scale-{value}");
    let input = add(d, &choice, "input", "")?;
    input.set_attribute("type", "radio")?;
    input.set_attribute("name", "case-scale")?;
    input.set_attribute("value", value)?;
    input.set_attribute("id", &id)?;
    if value == "bundled" {
        input.set_attribute("checked", "")?;
    }
    add(d, &choice, "label", label)?.set_attribute("for", &id)?;
    Ok(())
}

/// The screen's own texts, in one language.
struct Texts {
    french: bool,
    intro: &'static str,
    package: &'static str,
    scale: &'static str,
    scale_bundled: &'static str,
    scale_file: &'static str,
    scale_file_input: &'static str,
    scale_none: &'static str,
    import: &'static str,
    working: &'static str,
    no_package: &'static str,
    no_scale_file: &'static str,
    invalid: &'static str,
    scale_invalid: &'static str,
    losses: &'static str,
    download: &'static str,
}

const FRENCH: Texts = Texts {
    french: true,
    intro: "Un paquet CASE (norme 1EdTech), exporté d’un outil comme OpenSALT, devient un \
            fichier de référentiel pour cette application. Ce que l’import n’a pas pu reprendre, \
            et ce qu’il a supposé, est listé. Rien ne quitte le navigateur.",
    package: "Paquet CASE (fichier JSON)",
    scale: "Échelle de maîtrise à supposer si le paquet n’a pas de grille (CFRubric)",
    scale_bundled: "Celle du référentiel fourni avec l’application",
    scale_file: "Celle d’un autre référentiel (fichier JSON)\u{a0}:",
    scale_file_input: "Référentiel dont l’échelle est à supposer (fichier JSON)",
    scale_none: "Aucune\u{a0}: refuser un paquet sans grille",
    import: "Importer",
    working: "Import en cours…",
    no_package: "Choisissez d’abord le paquet CASE à importer.",
    no_scale_file: "Choisissez le fichier du référentiel dont l’échelle est à supposer.",
    invalid: "Le paquet ne donne pas un référentiel valide\u{a0}:",
    scale_invalid: "Le fichier choisi pour l’échelle n’est pas un référentiel valide\u{a0}:",
    losses: "Ce que l’import n’a pas repris, ou a supposé\u{a0}:",
    download: "Télécharger le référentiel (JSON)",
};

const ENGLISH: Texts = Texts {
    french: false,
    intro: "A CASE package (1EdTech standard), exported from a tool such as OpenSALT, becomes \
            a framework file for this application. What the import could not carry over, and \
            what it assumed, is listed. Nothing leaves the browser.",
    package: "CASE package (JSON file)",
    scale: "Proficiency scale to assume if the package has no rubric (CFRubric)",
    scale_bundled: "The bundled framework's scale",
    scale_file: "Another framework's scale (JSON file):",
    scale_file_input: "Framework whose scale is to be assumed (JSON file)",
    scale_none: "None: refuse a package without a rubric",
    import: "Import",
    working: "Importing…",
    no_package: "First choose the CASE package to import.",
    no_scale_file: "Choose the file of the framework whose scale is to be assumed.",
    invalid: "The package does not make a valid framework:",
    scale_invalid: "The file chosen for the scale is not a valid framework:",
    losses: "What the import did not carry over, or assumed:",
    download: "Download the framework (JSON)",
};

impl Texts {
    fn of(lang: &str) -> &'static Texts {
        if lang == "fr" { &FRENCH } else { &ENGLISH }
    }

    fn too_large(&self, name: &str, bytes: f64) -> String {
        let limit = MAX_DOCUMENT_BYTES;
        if self.french {
            format!("{name} fait {bytes} octets, plus que les {limit} acceptés.")
        } else {
            format!("{name} has {bytes} bytes, more than the {limit} accepted.")
        }
    }

    fn unreadable(&self, name: &str) -> String {
        if self.french {
            format!("{name} n’a pas pu être lu.")
        } else {
            format!("{name} could not be read.")
        }
    }
}
