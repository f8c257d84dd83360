//! Sending signed results to the portal's upload address: each result is queued in storage
//! (a reload does not lose it), POSTed, and retried with growing waits until the server
//! answers 2xx. The queue is worked at start-up, when a result is queued, when the browser
//! comes back online, and when a wait ends.

use competency_core::model::uploads;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use competency_core::model::uploads::Credentials;
pub use competency_core::model::uploads::{State, Upload};

use crate::storage::Browser;

fn now() -> u64 {
    js_sys::Date::now() as u64
}

/// The upload of result `result_id`, if one was queued in this browser.
pub fn get(result_id: &str) -> Option<Upload> {
    uploads::get(&Browser, result_id)
}

thread_local! {
    /// The portal's request headers, by upload address: in this page's memory only, never in
    /// storage (see the model's `uploads`).
    static CREDENTIALS: std::cell::RefCell<Credentials> = std::cell::RefCell::new(Credentials::default());
}

/// What the portal's configuration gives for uploads: results queued for `url` (now or
/// before a reload) are sent with `headers`.
pub fn give(url: &str, headers: &[(String, String)]) {
    CREDENTIALS.with(|c| c.borrow_mut().give(url, headers));
}

/// Queues a signed result for the portal's `upload` address when it gave one, and says what
/// to announce (see the model's `uploads::deliver`).
pub fn deliver(
    upload: Option<&competency_core::config::Upload>,
    signed: &competency_core::model::signing::Signed,
    fresh: bool,
) -> uploads::Delivery {
    CREDENTIALS.with(|c| uploads::deliver(&Browser, &mut c.borrow_mut(), upload, signed, fresh))
}

/// Forgets the portal's credentials ("clear my data").
pub fn forget_credentials() {
    CREDENTIALS.with(|c| *c.borrow_mut() = Credentials::default());
}

thread_local! {
    /// Whether the queue is being worked, and whether it must be worked again after.
    static WORKING: std::cell::Cell<(bool, bool)> = const { std::cell::Cell::new((false, false)) };
}

/// Called with an upload whenever its state changes.
type Listener = std::rc::Rc<dyn Fn(&Upload)>;

thread_local! {
    static LISTENERS: std::cell::RefCell<Vec<Option<Listener>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Calls `listener` whenever an upload changes state (sending, sent, failed), whichever
/// widget on the page queued it and whichever pass sent it, until [`stop_listening`] with
/// what it returns.
pub fn on_change(listener: impl Fn(&Upload) + 'static) -> usize {
    LISTENERS.with(|listeners| {
        let mut listeners = listeners.borrow_mut();
        listeners.push(Some(std::rc::Rc::new(listener)));
        listeners.len() - 1
    })
}

pub fn stop_listening(listener: usize) {
    LISTENERS.with(|listeners| {
        if let Some(slot) = listeners.borrow_mut().get_mut(listener) {
            *slot = None;
        }
    });
}

fn tell(upload: &Upload) {
    // Copied out first: a listener may stop listening (a widget unmounted by its portal).
    let listeners: Vec<Listener> =
        LISTENERS.with(|listeners| listeners.borrow().iter().flatten().cloned().collect());
    for listener in listeners {
        listener(upload);
    }
}

/// Makes every failed upload due now: the network came back, there is no reason to wait for
/// the next retry.
pub fn retry_now() {
    CREDENTIALS.with(|c| uploads::retry_now(&Browser, &mut c.borrow_mut(), now()));
}

/// Sends every upload that is due, one after the other; `changed` is called after each
/// change of state. Schedules itself again for the next retry. One pass at a time: a call
/// during a pass makes the pass run again when it ends.
pub async fn work(changed: impl Fn() + Clone + 'static) {
    if WORKING.with(|w| w.replace((true, true)).0) {
        return;
    }
    while WORKING.with(|w| w.replace((true, false)).1) {
        work_once(changed.clone()).await;
    }
    WORKING.with(|w| w.set((false, false)));
}

async fn work_once(changed: impl Fn() + Clone + 'static) {
    let (due, mut next_retry) =
        CREDENTIALS.with(|c| uploads::due(&Browser, &mut c.borrow_mut(), now()));
    for mut upload in due {
        let headers = CREDENTIALS.with(|c| c.borrow().headers_for(&upload));
        let Some(headers) = headers else { continue };
        uploads::sending(&Browser, &mut upload);
        tell(&upload);
        changed();
        let outcome = post(&upload.url, &headers, &upload.body).await;
        if let Some(retry_at) = uploads::answered(&Browser, &mut upload, outcome, now()) {
            next_retry = Some(next_retry.map_or(retry_at, |n| n.min(retry_at)));
        }
        tell(&upload);
        changed();
    }
    if let Some(at) = next_retry {
        let wait = at.saturating_sub(now()).max(100);
        let again = changed.clone();
        let callback = wasm_bindgen::closure::Closure::once_into_js(move || {
            crate::web::spawn_local(work(again));
        });
        if let Some(window) = web_sys::window() {
            // Without a timer, the queue is worked again at the next start or when the
            // network comes back.
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    callback.unchecked_ref(),
                    wait.min(i32::MAX as u64) as i32,
                )
                .ok();
        }
    }
}

/// POSTs `body` as JSON to `url`: `Ok` on a 2xx answer, else the reason (the server's own
/// words when it gave some).
async fn post(url: &str, extra: &[(String, String)], body: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(body));
    let headers = web_sys::Headers::new().map_err(describe)?;
    for (name, value) in extra {
        headers.set(name, value).map_err(describe)?;
    }
    headers
        .set("Content-Type", "application/json")
        .map_err(describe)?;
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init(url, &init).map_err(describe)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(describe)?
        .unchecked_into();
    if response.ok() {
        return Ok(());
    }
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    let text: String = text.trim().chars().take(300).collect();
    Err(if text.is_empty() {
        format!("HTTP {}", response.status())
    } else {
        format!("HTTP {}: {text}", response.status())
    })
}

fn describe(error: JsValue) -> String {
    crate::crypto::js_message(&error).unwrap_or_else(|| "network error".into())
}
