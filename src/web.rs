//! The browser's window, document, timers, window events and tasks, as the views and the
//! shell use them.

use std::future::Future;
use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use reactive_graph::owner::{StoredValue, on_cleanup};
use reactive_graph::traits::UpdateValue;

/// The page's window (the app runs in a page, never in a worker).
pub fn window() -> web_sys::Window {
    web_sys::window().expect("the app runs in a window")
}

/// The page's document.
pub fn document() -> web_sys::Document {
    window().document().expect("the window has a document")
}

/// Runs `task` on the page's event loop (the executor the reactive system's effects use).
pub fn spawn_local(task: impl Future<Output = ()> + 'static) {
    any_spawner::Executor::spawn_local(task);
}

fn millis(delay: Duration) -> i32 {
    i32::try_from(delay.as_millis()).unwrap_or(i32::MAX)
}

/// Runs `f` before the next repaint.
pub fn request_animation_frame(f: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(f);
    window()
        .request_animation_frame(callback.unchecked_ref())
        .ok();
}

/// Runs `f` once after `delay`.
pub fn set_timeout(f: impl FnOnce() + 'static, delay: Duration) {
    let callback = Closure::once_into_js(f);
    window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            callback.unchecked_ref(),
            millis(delay),
        )
        .ok();
}

/// A timer started by [`set_interval`]: it runs until cleared.
pub struct Interval {
    id: i32,
    _callback: Closure<dyn FnMut()>,
}

impl Interval {
    pub fn clear(self) {
        window().clear_interval_with_handle(self.id);
    }

    /// Clears the timer when the current reactive owner is cleaned up (a widget unmounted).
    pub fn clear_on_cleanup(self) {
        on_cleanup_take(self, Interval::clear);
    }
}

/// Runs `f` every `every` until the returned timer is cleared (none if the browser refused).
pub fn set_interval(f: impl FnMut() + 'static, every: Duration) -> Option<Interval> {
    let callback = Closure::<dyn FnMut()>::new(f);
    let id = window()
        .set_interval_with_callback_and_timeout_and_arguments_0(
            callback.as_ref().unchecked_ref(),
            millis(every),
        )
        .ok()?;
    Some(Interval {
        id,
        _callback: callback,
    })
}

/// A listener of the window's events, until removed.
pub struct WindowListener {
    event: &'static str,
    callback: Closure<dyn Fn(web_sys::Event)>,
}

impl WindowListener {
    pub fn remove(self) {
        window()
            .remove_event_listener_with_callback(self.event, self.callback.as_ref().unchecked_ref())
            .ok();
    }

    /// Removes the listener when the current reactive owner is cleaned up (a widget
    /// unmounted).
    pub fn remove_on_cleanup(self) {
        on_cleanup_take(self, WindowListener::remove);
    }
}

/// Calls `end(value)` when the current reactive owner is cleaned up. The value is kept in
/// the owner's local storage: cleanups must be `Send`, browser handles are not.
fn on_cleanup_take<T: 'static>(value: T, end: fn(T)) {
    let kept = StoredValue::new_local(Some(value));
    on_cleanup(move || {
        if let Some(value) = kept.try_update_value(Option::take).flatten() {
            end(value);
        }
    });
}

/// Calls `f` with every `event` of the window, as an `E` (`web_sys::StorageEvent` for
/// `storage`, say; an event of another type is passed over), until the listener is removed.
pub fn window_event_listener<E: JsCast + 'static>(
    event: &'static str,
    f: impl Fn(E) + 'static,
) -> WindowListener {
    listen(
        event,
        Box::new(move |event: web_sys::Event| {
            if let Ok(event) = event.dyn_into::<E>() {
                f(event);
            }
        }),
    )
}

#[inline(never)]
fn listen(event: &'static str, f: Box<dyn Fn(web_sys::Event)>) -> WindowListener {
    let callback = Closure::<dyn Fn(web_sys::Event)>::new(f);
    window()
        .add_event_listener_with_callback(event, callback.as_ref().unchecked_ref())
        .ok();
    WindowListener { event, callback }
}

/// The value of the input, select or text area an event came from.
pub fn event_target_value(event: &web_sys::Event) -> String {
    let Some(target) = event.target() else {
        return String::new();
    };
    if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        input.value()
    } else if let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
        select.value()
    } else if let Some(area) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.value()
    } else {
        String::new()
    }
}

/// Whether the checkbox or radio button an event came from is checked.
pub fn event_target_checked(event: &web_sys::Event) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_some_and(|input| input.checked())
}
