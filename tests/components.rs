//! Component tests: the app's components mounted in headless Chromium with wasm-bindgen-test,
//! against real DOM and real localStorage. Run with `make test` (or `cargo test --target
//! wasm32-unknown-unknown`, with wasm-bindgen-test-runner and chromedriver on PATH).
#![cfg(target_arch = "wasm32")]

use competency_widget::App;
use leptos::wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the whole app into a fresh element of the test page.
fn mount_app() -> HtmlElement {
    let document = leptos::prelude::document();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    leptos::mount::mount_to(host.clone(), App).forget();
    host
}

/// Lets effects and re-renders scheduled by the last action run.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback(&resolve)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn text_of(host: &HtmlElement, selector: &str) -> String {
    host.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .text_content()
        .unwrap_or_default()
}

fn click(host: &HtmlElement, selector: &str) {
    host.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .unchecked_into::<HtmlElement>()
        .click();
}

#[wasm_bindgen_test]
async fn language_switch_changes_the_visible_title() {
    let host = mount_app();
    settle().await;

    click(&host, ".language-switch button[lang=fr]");
    settle().await;
    assert_eq!(
        text_of(&host, "h1"),
        "Référentiel des compétences douanières"
    );
    assert_eq!(
        text_of(&host, "button[aria-pressed=true]"),
        "Français",
        "the pressed button names the current language"
    );

    click(&host, ".language-switch button[lang=en]");
    settle().await;
    assert_eq!(text_of(&host, "h1"), "Customs competency framework");
    assert_eq!(text_of(&host, ".app-name"), "Competency assessment");
    assert_eq!(text_of(&host, "button[aria-pressed=true]"), "English");
    let html_lang = leptos::prelude::document()
        .document_element()
        .unwrap()
        .get_attribute("lang");
    assert_eq!(
        html_lang.as_deref(),
        Some("en"),
        "<html lang> follows the switch"
    );
}

#[wasm_bindgen_test]
fn crash_notice_replaces_the_app_with_a_translated_message() {
    let document = leptos::prelude::document();
    let root = document.create_element("div").unwrap();
    root.set_id("app");
    root.set_text_content(Some("the app was here"));
    document.body().unwrap().append_child(&root).unwrap();
    document
        .document_element()
        .unwrap()
        .set_attribute("lang", "en")
        .unwrap();

    competency_widget::crash::show_crash_notice();

    let notice = root.query_selector("[role=alert]").unwrap().unwrap();
    assert_eq!(
        notice
            .query_selector("h1")
            .unwrap()
            .unwrap()
            .text_content()
            .as_deref(),
        Some("Something went wrong")
    );
    assert!(!root.text_content().unwrap().contains("the app was here"));
    let link = notice.query_selector("a").unwrap().unwrap();
    assert_eq!(
        link.get_attribute("href"),
        web_sys::window().unwrap().location().href().ok()
    );
    root.remove();
}
