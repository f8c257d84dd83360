//! The DOM builder's regions in headless Chromium: a view that follows the state is drawn
//! again when it should, only then, and what it created goes with it.
#![cfg(target_arch = "wasm32")]

use competency_widget::derived::Derived;
use competency_widget::dom::{self, Attr, El};
use competency_widget::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

mod common;

use common::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Records a panic anywhere, a spawned effect's included (whose panic the test itself would
/// not see).
fn watch_panics() -> &'static std::sync::atomic::AtomicBool {
    static PANICKED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    // The hook before it still reports the panic (the test runner's message).
    let reported = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICKED.store(true, std::sync::atomic::Ordering::SeqCst);
        reported(info);
    }));
    &PANICKED
}

fn texts(host: &HtmlElement, selector: &str) -> Vec<String> {
    let found = host.query_selector_all(selector).unwrap();
    (0..found.length())
        .map(|n| found.item(n).unwrap().text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn a_dynamic_region_follows_its_signals_in_place() {
    let count = RwSignal::new(0u32);
    let host = mount(move || {
        El::new("div")
            .attr(Attr::Id, "box")
            .child(El::new("h1").text("before"))
            .child(dom::dynamic(move || {
                let n = count.get();
                // Nothing at all for an odd count: the siblings stay in order.
                n.is_multiple_of(2)
                    .then(|| El::new("p").text(format!("count {n}")))
            }))
            .child(El::new("footer").text("after"))
    });
    assert_eq!(texts(&host, "p"), ["count 0"]);
    count.set(1);
    settle().await;
    assert!(texts(&host, "p").is_empty());
    count.set(2);
    settle().await;
    assert_eq!(texts(&host, "p"), ["count 2"]);
    let order: Vec<String> = texts(&host, "#box > *");
    assert_eq!(order, ["before", "count 2", "after"]);
    host.remove();
}

#[wasm_bindgen_test]
async fn a_derived_value_follows_what_it_reads_and_its_readers_only_when_it_changes() {
    let count = RwSignal::new(3u32);
    let parity = Derived::new(move || count.get() % 2);
    let label = Derived::new(move || format!("{} items", count.get()));
    let draws = StoredValue::new(0u32);
    let host = mount(move || {
        dom::dynamic(move || {
            draws.update_value(|n| *n += 1);
            El::new("p").text(format!("parity {}", parity.get()))
        })
    });
    assert_eq!(texts(&host, "p"), ["parity 1"]);
    assert_eq!(label.get_untracked(), "3 items");
    // Another count of the same parity: the value is computed again, found equal, and its
    // reader is not drawn again.
    count.set(5);
    settle().await;
    assert_eq!(label.get_untracked(), "5 items");
    assert_eq!(draws.get_value(), 1);
    count.set(4);
    settle().await;
    assert_eq!(texts(&host, "p"), ["parity 0"]);
    assert_eq!(draws.get_value(), 2);
    // Values of two types side by side, each read as its own.
    assert_eq!(label.with(String::len), 7);
    assert_eq!(parity.with_untracked(|p| p + 1), 1);
    host.remove();
}

#[wasm_bindgen_test]
async fn a_keyed_region_is_drawn_again_only_when_its_key_changes() {
    let (key, other) = (RwSignal::new(1u32), RwSignal::new(0u32));
    let draws = StoredValue::new(0u32);
    let host = mount(move || {
        dom::keyed(
            move || key.get(),
            move |key| {
                draws.update_value(|n| *n += 1);
                // Read in the drawing, untracked: a change of it draws nothing again.
                let seen = other.get();
                El::new("input")
                    .attr(Attr::Id, "field")
                    .attr(Attr::Value, format!("{key}-{seen}"))
            },
        )
    });
    let input: web_sys::HtmlInputElement = host
        .query_selector("#field")
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.focus().unwrap();
    other.set(5);
    settle().await;
    assert_eq!(draws.get_value(), 1, "another signal draws nothing again");
    assert!(
        input.is_connected(),
        "the focused field is still the one drawn"
    );
    assert_eq!(
        document().active_element().map(|e| e.id()).as_deref(),
        Some("field")
    );
    key.set(2);
    settle().await;
    assert_eq!(draws.get_value(), 2);
    assert!(!input.is_connected(), "the old field is gone");
    let drawn: web_sys::HtmlInputElement = host
        .query_selector("#field")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(drawn.value(), "2-5");
    host.remove();
}

#[wasm_bindgen_test]
async fn what_a_view_created_goes_when_it_is_drawn_again() {
    // A screen switch that also changes a signal read inside the screen being left, in the
    // same turn: the inner region must not run again on the disposed signal.
    let panicked = watch_panics();
    let screen = RwSignal::new(0u32);
    let inner = StoredValue::new(None::<RwSignal<u32>>);
    let effects = StoredValue::new(0u32);
    let host = mount(move || {
        dom::keyed(
            move || screen.get(),
            move |n| {
                let local = RwSignal::new(0u32);
                inner.set_value(Some(local));
                Effect::new(move |_| {
                    local.get();
                    effects.update_value(|n| *n += 1);
                });
                // The part that follows `local` sits in a region of its own within the
                // screen, as a screen's form sits within it.
                El::new("section")
                    .attr(Attr::Id, format!("screen-{n}"))
                    .child(dom::keyed(
                        || (),
                        move |()| {
                            dom::dynamic(move || {
                                El::new("p").text(format!("local {}", local.get()))
                            })
                        },
                    ))
            },
        )
    });
    settle().await;
    assert_eq!(texts(&host, "p"), ["local 0"]);
    let left = inner.get_value().unwrap();
    // The screen first, as a start does before its form says the refusal is gone: the
    // screen's effect then runs first.
    screen.set(1);
    left.set(1);
    settle().await;
    settle().await;
    assert!(
        !panicked.load(std::sync::atomic::Ordering::SeqCst),
        "no effect ran on a disposed signal"
    );
    assert!(host.query_selector("#screen-0").unwrap().is_none());
    assert!(host.query_selector("#screen-1").unwrap().is_some());
    assert_eq!(
        texts(&host, "p"),
        ["local 0"],
        "the new screen's own signal"
    );
    assert!(
        left.try_get_untracked().is_none(),
        "the left screen's signal is disposed"
    );
    // The new screen's effect follows its own signal; the old one's is gone.
    let runs = effects.get_value();
    inner.get_value().unwrap().set(3);
    settle().await;
    assert_eq!(effects.get_value(), runs + 1);
    assert_eq!(texts(&host, "p"), ["local 3"]);
    host.remove();
}

#[wasm_bindgen_test]
async fn a_mounted_view_leaves_nothing_when_dropped() {
    let shown = RwSignal::new(true);
    let document = document();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let mounted = dom::mount(&host, move || {
        El::group()
            .child(dom::dynamic(move || {
                shown.get().then(|| El::new("p").text("here"))
            }))
            .child(El::button("button", "", "press"))
    });
    assert_eq!(texts(&host, "p"), ["here"]);
    drop(mounted);
    assert_eq!(
        host.child_nodes().length(),
        0,
        "no node, not even a marker, stays"
    );
    host.remove();
}
