//! WebAssembly modules built beside the app and fetched only when first needed, so that the
//! page's first download stays small: the signing module (`crates/signing`, when a rater
//! signs), the Ed25519 fallback (`crates/fallback-signer`, for browsers whose WebCrypto lacks
//! Ed25519) and HR's CASE import (`crates/case-import`).

use std::cell::{Cell, RefCell};

use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(inline_js = "
export async function load_module(url) {
  const module = await import(url);
  await module.default();
  return module;
}")]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn load_module(url: &str) -> Result<JsValue, JsValue>;
}

thread_local! {
    /// The modules loaded so far, by file (a few at most: a list is smaller than a map).
    static LOADED: RefCell<Vec<(&'static str, JsValue)>> = const { RefCell::new(Vec::new()) };
    /// How many imports failed: each try after a failure uses an address of its own.
    static FAILURES: Cell<u32> = const { Cell::new(0) };
    /// Where the widget's files are, when not beside the page (a widget in a portal's page).
    static BASE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Says where the widget's files are (`public/embed.js` does, for a portal's page).
pub fn set_base(base: &str) {
    BASE.with(|b| *b.borrow_mut() = Some(base.to_owned()));
}

/// The address of `file`, one of the widget's files: beside the page, or at the base
/// [`set_base`] gave.
pub fn address(file: &str) -> Option<String> {
    let base = BASE.with(|b| b.borrow().clone()).or_else(|| {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten())
    })?;
    Some(web_sys::Url::new_with_base(file, &base).ok()?.href())
}

/// The module whose wasm-bindgen script is `file` (next to the page, or at the base
/// [`set_base`] gave), fetched and instantiated on first use; the error is the browser's.
pub async fn load(file: &'static str) -> Result<JsValue, JsValue> {
    let known = LOADED.with(|m| {
        m.borrow()
            .iter()
            .find(|(f, _)| *f == file)
            .map(|(_, m)| m.clone())
    });
    if let Some(module) = known {
        return Ok(module);
    }
    let url = address(file).ok_or("no address for the module")?;
    // A browser keeps a failed import's failure for that address: a try after a failure (the
    // network came back) asks for it at another.
    let failures = FAILURES.with(Cell::get);
    let url = match failures {
        0 => url,
        n => format!("{url}?attempt={n}"),
    };
    let module = load_module(&url).await.inspect_err(|_| {
        FAILURES.with(|f| f.set(failures + 1));
    })?;
    LOADED.with(|m| m.borrow_mut().push((file, module.clone())));
    Ok(module)
}
