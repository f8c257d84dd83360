//! The queue of signed results to send to the portal's upload address, kept in a [`Store`]
//! so that a reload does not lose it. The shell POSTs; this module decides what is due, and
//! records each attempt's outcome, with growing waits between failures.

use serde::{Deserialize, Serialize};

use super::store::{Health, Store};

const UPLOAD: &str = "competency-widget.upload.";

/// First wait after a failure; it doubles at each failure, up to [`MAX_WAIT_MS`].
const FIRST_WAIT_MS: u64 = 1_000;
const MAX_WAIT_MS: u64 = 5 * 60 * 1_000;

/// Where an upload stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StateDocument", into = "StateDocument")]
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

/// [`State`] as stored: `{"state": "failed", "message": …, "retry_at": …}`. A plain struct
/// rather than serde's internally tagged enum, whose buffering costs the page several
/// kilobytes of WebAssembly.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StateDocument {
    state: StateKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    message: Option<String>,
    /// Written so by the first versions, which uploads still queued in browsers carry.
    #[serde(default, rename = "retry_at", skip_serializing_if = "Option::is_none")]
    retry_at: Option<u64>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
enum StateKind {
    Queued,
    Sending,
    Sent,
    Failed,
}

impl TryFrom<StateDocument> for State {
    type Error = &'static str;

    fn try_from(document: StateDocument) -> Result<Self, Self::Error> {
        Ok(
            match (
                document.state,
                document.at,
                document.message,
                document.retry_at,
            ) {
                (StateKind::Queued, ..) => State::Queued,
                (StateKind::Sending, ..) => State::Sending,
                (StateKind::Sent, Some(at), ..) => State::Sent { at },
                (StateKind::Failed, _, Some(message), Some(retry_at)) => {
                    State::Failed { message, retry_at }
                }
                (StateKind::Sent | StateKind::Failed, ..) => {
                    return Err("an upload state lacks its fields");
                }
            },
        )
    }
}

impl From<State> for StateDocument {
    fn from(state: State) -> Self {
        let kind = |state| StateDocument {
            state,
            at: None,
            message: None,
            retry_at: None,
        };
        match state {
            State::Queued => kind(StateKind::Queued),
            State::Sending => kind(StateKind::Sending),
            State::Sent { at } => StateDocument {
                at: Some(at),
                ..kind(StateKind::Sent)
            },
            State::Failed { message, retry_at } => StateDocument {
                message: Some(message),
                retry_at: Some(retry_at),
                ..kind(StateKind::Failed)
            },
        }
    }
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

fn save(store: &dyn Store, upload: &Upload) -> Result<(), Health> {
    let json = serde_json::to_string(upload).map_err(|_| Health::Full)?;
    store.set(&key(&upload.result_id), &json)
}

/// The upload of result `result_id`, if one was queued in this browser.
pub fn get(store: &dyn Store, result_id: &str) -> Option<Upload> {
    serde_json::from_str(&store.get(&key(result_id))?).ok()
}

fn all(store: &dyn Store) -> impl Iterator<Item = Upload> {
    store
        .keys(UPLOAD)
        .into_iter()
        .filter_map(|k| serde_json::from_str::<Upload>(&store.get(&k)?).ok())
}

/// Queues a signed result for `url` (once: queuing it again changes nothing). A store that
/// refuses it is said, for the page to send it while it stays open.
pub fn queue(
    store: &dyn Store,
    result_id: &str,
    url: &str,
    headers: &[(String, String)],
    body: &str,
) -> Result<(), Health> {
    if get(store, result_id).is_some() {
        return Ok(());
    }
    save(
        store,
        &Upload {
            result_id: result_id.to_owned(),
            headers: headers.to_vec(),
            url: url.to_owned(),
            body: body.to_owned(),
            attempts: 0,
            state: State::Queued,
        },
    )
}

/// The wait before attempt `attempts + 1`.
pub fn backoff(attempts: u32) -> u64 {
    FIRST_WAIT_MS
        .saturating_mul(1 << attempts.saturating_sub(1).min(20))
        .min(MAX_WAIT_MS)
}

/// What the queue holds to send at `now`, and when the next failed one is due after that.
pub fn due(store: &dyn Store, now: u64) -> (Vec<Upload>, Option<u64>) {
    let mut due = Vec::new();
    let mut next = None::<u64>;
    for upload in all(store) {
        match &upload.state {
            State::Queued | State::Sending => due.push(upload),
            State::Failed { retry_at, .. } if *retry_at <= now => due.push(upload),
            State::Failed { retry_at, .. } => {
                next = Some(next.map_or(*retry_at, |n| n.min(*retry_at)));
            }
            State::Sent { .. } => {}
        }
    }
    (due, next)
}

/// Marks `upload` as being sent.
pub fn sending(store: &dyn Store, upload: &mut Upload) {
    upload.state = State::Sending;
    save(store, upload).ok();
}

/// Records the outcome of an attempt to send `upload` at `now`: sent (the portal's headers,
/// a token say, are not kept any longer), or failed with the server's reason, to be tried
/// again after [`backoff`]. Returns when it is due again, after a failure.
pub fn answered(
    store: &dyn Store,
    upload: &mut Upload,
    outcome: Result<(), String>,
    now: u64,
) -> Option<u64> {
    upload.attempts += 1;
    let retry = match outcome {
        Ok(()) => {
            upload.headers.clear();
            upload.state = State::Sent { at: now };
            None
        }
        Err(message) => {
            let retry_at = now + backoff(upload.attempts);
            upload.state = State::Failed { message, retry_at };
            Some(retry_at)
        }
    };
    save(store, upload).ok();
    retry
}

/// Makes every failed upload due at `now`: the network came back, there is no reason to
/// wait for the next retry.
pub fn retry_now(store: &dyn Store, now: u64) {
    for mut upload in all(store) {
        if let State::Failed { retry_at, .. } = &mut upload.state {
            *retry_at = now;
            save(store, &upload).ok();
        }
    }
}
