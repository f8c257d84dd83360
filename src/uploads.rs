//! Sending signed results to the portal's upload address: each result is queued in storage
//! (a reload does not lose it), POSTed, and retried with growing waits until the server
//! answers 2xx. The queue is worked at start-up, when a result is queued, when the browser
//! comes back online, and when a wait ends.

use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::storage;

const UPLOAD: &str = "competency-widget.upload.";

/// First wait after a failure; it doubles at each failure, up to [`MAX_WAIT_MS`].
const FIRST_WAIT_MS: u64 = 1_000;
const MAX_WAIT_MS: u64 = 5 * 60 * 1_000;

/// Where an upload stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "state")]
pub enum State {
    /// Waiting for its turn (or for the network).
    Queued,
    Sending,
    /// The server accepted it.
    Sent {
        at: u64,
    },
    /// The last attempt failed; another follows at `retry_at`.
    Failed {
        message: String,
        retry_at: u64,
    },
}

/// One result to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Upload {
    pub result_id: String,
    pub url: String,
    /// Request headers the portal configured (an authorisation, say).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub attempts: u32,
    pub state: State,
}

fn key(result_id: &str) -> String {
    format!("{UPLOAD}{result_id}")
}

fn now() -> u64 {
    js_sys::Date::now() as u64
}

fn save(upload: &Upload) {
    if let Ok(json) = serde_json::to_string(upload) {
        let _ = storage::set(&key(&upload.result_id), &json);
    }
}

/// The upload of result `result_id`, if one was queued in this browser.
pub fn get(result_id: &str) -> Option<Upload> {
    serde_json::from_str(&storage::get(&key(result_id))?).ok()
}

/// Queues a signed result for `url` (once: queuing it again changes nothing).
pub fn queue(result_id: &str, url: &str, headers: &[(String, String)], body: &str) {
    if get(result_id).is_none() {
        save(&Upload {
            result_id: result_id.to_owned(),
            headers: headers.to_vec(),
            url: url.to_owned(),
            body: body.to_owned(),
            attempts: 0,
            state: State::Queued,
        });
    }
}

/// The wait before attempt `attempts + 1`.
pub fn backoff(attempts: u32) -> u64 {
    FIRST_WAIT_MS
        .saturating_mul(1 << attempts.saturating_sub(1).min(20))
        .min(MAX_WAIT_MS)
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
    for key in storage::keys(UPLOAD) {
        if let Some(mut upload) =
            storage::get(&key).and_then(|j| serde_json::from_str::<Upload>(&j).ok())
            && let State::Failed { retry_at, .. } = &mut upload.state
        {
            *retry_at = now();
            save(&upload);
        }
    }
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
    let mut next_retry: Option<u64> = None;
    for key in storage::keys(UPLOAD) {
        let Some(mut upload) =
            storage::get(&key).and_then(|j| serde_json::from_str::<Upload>(&j).ok())
        else {
            continue;
        };
        let due = match &upload.state {
            State::Queued | State::Sending => true,
            State::Failed { retry_at, .. } => *retry_at <= now(),
            State::Sent { .. } => false,
        };
        if !due {
            if let State::Failed { retry_at, .. } = upload.state {
                next_retry = Some(next_retry.map_or(retry_at, |n| n.min(retry_at)));
            }
            continue;
        }
        upload.state = State::Sending;
        save(&upload);
        tell(&upload);
        changed();
        upload.attempts += 1;
        upload.state = match post(&upload.url, &upload.headers, &upload.body).await {
            Ok(()) => {
                // Sent: the portal's headers (a token, say) are not kept any longer.
                upload.headers.clear();
                State::Sent { at: now() }
            }
            Err(message) => {
                let retry_at = now() + backoff(upload.attempts);
                next_retry = Some(next_retry.map_or(retry_at, |n| n.min(retry_at)));
                State::Failed { message, retry_at }
            }
        };
        save(&upload);
        tell(&upload);
        changed();
    }
    if let Some(at) = next_retry {
        let wait = at.saturating_sub(now()).max(100);
        let again = changed.clone();
        let callback = wasm_bindgen::closure::Closure::once_into_js(move || {
            leptos::task::spawn_local(work(again));
        });
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.unchecked_ref(),
                wait.min(i32::MAX as u64) as i32,
            );
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
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "network error".into())
}
