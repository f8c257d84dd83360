//! Views whose code is fetched on first use. With the `split` feature (the release bundle,
//! `scripts/split.sh`) each split point's code is a WebAssembly chunk of its own, which the
//! service worker keeps for offline use; without it the view is drawn at once.
//!
//! A split point hands back only the address of the function that draws the view, so that
//! the view is drawn where it is placed, under that place's reactive owner: its effects
//! first run once its elements are there.

use std::cell::Cell;
use std::thread::LocalKey;

use wasm_bindgen::JsCast;

use crate::dom::{self, Attr, El};
use crate::i18n::*;

/// Draws a view from what it is given.
pub type Draw<A> = fn(A) -> El;

/// Where a view's drawing function is kept once its chunk has arrived: from then on it is
/// drawn at once, as the views of the first download are (a field a link asks to focus keeps
/// the focus).
pub type Arrived<A> = LocalKey<Cell<Option<Draw<A>>>>;

/// A chunk's code could not be fetched: the network, most likely.
pub struct Unloaded;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for Unloaded {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        Unloaded
    }
}

/// Fetches a chunk (its split point's wrapper, which returns [`Unloaded`] when it cannot).
#[cfg(feature = "split")]
pub type Load<A> =
    fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Draw<A>, Unloaded>>>>;

/// The view's own function, in a build without split points.
#[cfg(not(feature = "split"))]
pub type Load<A> = fn() -> Result<Draw<A>, Unloaded>;

/// A [`Load`] from a split point's name: its wrapper, or the function itself in a build
/// without split points.
#[macro_export]
macro_rules! chunk_loader {
    ($split_point:path) => {{
        #[cfg(feature = "split")]
        let load: $crate::chunk::Load<_> = || Box::pin($split_point());
        #[cfg(not(feature = "split"))]
        let load: $crate::chunk::Load<_> = $split_point;
        load
    }};
}

/// The view `load` draws from `given`: at once if its chunk has arrived (or in a build without
/// split points), otherwise "Loading…" meanwhile and `arrival` called once it is drawn (to
/// move the focus there, say); should the download fail, the `failed` text and a way to try
/// again.
pub fn drawn<A: Clone + Send + 'static>(
    arrived: &'static Arrived<A>,
    load: Load<A>,
    given: A,
    arrival: fn(&A),
    failed: fn(Locale) -> &'static str,
) -> El {
    #[cfg(not(feature = "split"))]
    {
        let _ = (arrived, arrival);
        match load() {
            Ok(draw) => draw(given),
            Err(Unloaded) => unloaded(failed, || {}),
        }
    }
    #[cfg(feature = "split")]
    {
        use crate::prelude::*;
        #[derive(Clone, Copy, PartialEq)]
        enum Chunk {
            Fetching,
            Failed,
            Arrived,
        }
        if let Some(draw) = arrived.get() {
            return draw(given);
        }
        let chunk = RwSignal::new(Chunk::Fetching);
        let fetch = move || {
            chunk.set(Chunk::Fetching);
            crate::web::spawn_local(async move {
                chunk.try_set(match load().await {
                    Ok(draw) => {
                        arrived.set(Some(draw));
                        Chunk::Arrived
                    }
                    Err(Unloaded) => Chunk::Failed,
                });
            });
        };
        fetch();
        let i18n = use_i18n();
        dom::keyed(
            move || chunk.get(),
            move |state| match state {
                Chunk::Fetching => crate::app::loading(i18n),
                Chunk::Failed => unloaded(failed, fetch),
                Chunk::Arrived => {
                    let given = given.clone();
                    let view = arrived
                        .get()
                        .map_or_else(El::group, |draw| draw(given.clone()));
                    request_animation_frame(move || arrival(&given));
                    view
                }
            },
        )
    }
}

/// Resolves once the page has drawn its next frame (or after a fifth of a second, for a page
/// in a hidden tab, which draws none): what waits for it does not hold up what is on screen.
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(window) = web_sys::window() else {
            return;
        };
        // A timeout set during a frame's callback runs once that frame is painted.
        let after = wasm_bindgen::closure::Closure::once_into_js({
            let (window, resolve) = (window.clone(), resolve.clone());
            move || {
                window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                    .ok();
            }
        });
        window.request_animation_frame(after.unchecked_ref()).ok();
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 200)
            .ok();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.ok();
}

/// Resolves after `ms` milliseconds.
pub async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
                .ok();
        }
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.ok();
}

/// Says that a view could not be downloaded, with a button to try again.
fn unloaded(failed: fn(Locale) -> &'static str, retry: impl Fn() + Clone + Send + 'static) -> El {
    let i18n = use_i18n();
    dom::dynamic(move || {
        let locale = i18n.get_locale();
        El::new("div")
            .class("notice notice-error")
            .attr(Attr::Role, "alert")
            .child(El::new("p").text(failed(locale)))
            .child(
                El::button("button", "", td_string!(locale, export_retry)).on_click(retry.clone()),
            )
    })
}
