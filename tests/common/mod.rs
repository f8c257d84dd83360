//! Helpers the browser tests share (each test file is a crate of its own and uses some).
#![allow(dead_code)]

use competency_core::assessment::{Assessment, Rating, Role, Subject};
use competency_core::bundled;
use competency_widget::dom::El;
use competency_widget::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// A peer's assessment `id` of Awa, against the bundled framework, started at time 1.
pub fn assessment(id: &str) -> Assessment {
    let framework = bundled::framework().unwrap();
    let subject = Subject {
        id: "M-1".into(),
        name: "Awa".into(),
    };
    Assessment::start(id.into(), &framework, subject, None, Role::Peer, 1).unwrap()
}

/// Rates `competency` at `level`, at `now`.
pub fn rate(a: &mut Assessment, competency: &str, level: &str, now: u64) {
    let framework = bundled::framework().unwrap();
    a.rate(
        &framework,
        competency,
        Some(Rating::Level(level.into())),
        now,
    )
    .unwrap();
}

/// Lets the effects and redrawings the last action scheduled run.
pub async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window().set_timeout_with_callback(&resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Mounts `view` into a fresh element of the test page, for the rest of the test run.
pub fn mount(view: impl FnOnce() -> El) -> HtmlElement {
    let document = document();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    std::mem::forget(competency_widget::dom::mount(&host, view));
    host
}
