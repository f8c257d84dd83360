//! What the on-demand WebAssembly modules share to draw their screens outside Leptos (the
//! CASE import, `crates/case-import`; the framework in a spreadsheet, `crates/sheet-screen`):
//! elements with text nodes only, files offered for download, the file a form's input holds,
//! and the page's framework reader called back.

use competency_core::Framework;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element};

/// A new `tag` at the end of `parent`, holding `text` (as a text node) when not empty.
pub fn add(d: &Document, parent: &Element, tag: &str, text: &str) -> Result<Element, JsValue> {
    let element = d.create_element(tag)?;
    if !text.is_empty() {
        element.append_with_str_1(text)?;
    }
    parent.append_with_node_1(&element)?;
    Ok(element)
}

/// A new alert at the end of `area` (`role="alert"`, drawn as an error notice).
pub fn alert(d: &Document, area: &Element) -> Result<Element, JsValue> {
    let alert = add(d, area, "div", "")?;
    alert.set_attribute("role", "alert")?;
    alert.set_attribute("class", "notice notice-error")?;
    Ok(alert)
}

/// A notice at the end of `area` that says `summary` as a status, for more to follow in it.
pub fn status(d: &Document, area: &Element, summary: &str) -> Result<Element, JsValue> {
    let notice = add(d, area, "div", "")?;
    notice.set_attribute("class", "notice")?;
    notice.set_attribute("role", "status")?;
    add(d, &notice, "p", summary)?;
    Ok(notice)
}

/// A link drawn as a button at the end of `parent` that downloads `url` (a blob's address)
/// as `file_name`.
pub fn download_link(
    d: &Document,
    parent: &Element,
    label: &str,
    url: &str,
    file_name: &str,
) -> Result<(), JsValue> {
    let link = add(d, parent, "a", label)?.dyn_into::<web_sys::HtmlAnchorElement>()?;
    link.set_href(url);
    link.set_download(file_name);
    link.set_class_name("button");
    Ok(())
}

/// A file input `id` accepting the types `accept`.
pub fn file_input_of(
    d: &Document,
    parent: &Element,
    id: &str,
    accept: &str,
) -> Result<Element, JsValue> {
    let input = add(d, parent, "input", "")?;
    input.set_attribute("type", "file")?;
    input.set_attribute("id", id)?;
    input.set_attribute("accept", accept)?;
    Ok(input)
}

/// The file chosen in the form's input `selector`.
pub fn picked(form: &Element, selector: &str) -> Option<web_sys::File> {
    form.query_selector(selector)
        .ok()??
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()?
        .files()?
        .get(0)
}

/// An address for `json` as a downloadable file.
pub fn blob_url(json: &str) -> Result<String, JsValue> {
    blob_url_of(&js_sys::Array::of1(&json.into()), "application/json")
}

/// An address for a file of type `mime` made of `parts` (strings or byte arrays).
pub fn blob_url_of(parts: &js_sys::Array, mime: &str) -> Result<String, JsValue> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &options)?;
    web_sys::Url::create_object_url_with_blob(&blob)
}

/// The page's reader's problems with a framework's JSON text, as (path, sentence).
pub fn problems(check: &js_sys::Function, json: &str) -> Vec<(String, String)> {
    let found = check
        .call1(&JsValue::NULL, &json.into())
        .unwrap_or_else(|_| {
            js_sys::Array::of1(&js_sys::Array::of2(&"".into(), &"?".into())).into()
        });
    js_sys::Array::from(&found)
        .iter()
        .map(|pair| {
            let pair = js_sys::Array::from(&pair);
            (
                pair.get(0).as_string().unwrap_or_default(),
                pair.get(1).as_string().unwrap_or_default(),
            )
        })
        .collect()
}

/// French spacing: a no-break space inside « » and before : ; ? !, so that a line never
/// begins with one of them.
pub fn typography(text: &str) -> String {
    text.replace("« ", "«\u{a0}")
        .replace(" »", "\u{a0}»")
        .replace(" :", "\u{a0}:")
        .replace(" ;", "\u{a0};")
        .replace(" ?", "\u{a0}?")
        .replace(" !", "\u{a0}!")
}

/// "« Title » : 2 groups, …", the title in the language closest to `lang` (`fr`, else
/// English).
pub fn summary(framework: &Framework, lang: &str) -> String {
    let title = framework
        .title
        .get(framework.display_language(lang))
        .unwrap_or_default();
    let (groups, competencies, levels) = (
        framework.groups.len(),
        framework.competencies.len(),
        framework.levels.len(),
    );
    if lang == "fr" {
        let groups = match groups {
            1 => "1 groupe".to_owned(),
            n => format!("{n} groupes"),
        };
        let competencies = match competencies {
            1 => "1 compétence".to_owned(),
            n => format!("{n} compétences"),
        };
        typography(&format!(
            "« {title} » : {groups}, {competencies}, {levels} niveaux de maîtrise."
        ))
    } else {
        format!(
            "“{title}”: {groups} groups, {competencies} competencies, {levels} proficiency \
                 levels."
        )
    }
}
