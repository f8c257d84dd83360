//! The queue of signed results to send to the portal's upload address, kept in a [`Store`]
//! so that a reload does not lose it. The shell POSTs; this module decides what is due, and
//! records each attempt's outcome, with growing waits between failures.
//!
//! The portal's request headers (a bearer token, say) are never stored: the queue keeps their
//! names, and their values live in [`Credentials`], in the page's memory. After a reload an
//! upload that needs them waits until the portal gives them again (its next mount), so that a
//! shared computer keeps no credential at rest.

use std::collections::BTreeMap;

use serde::Serialize;

use super::store::{Health, Store};

const UPLOAD: &str = "competency-widget.upload.";

/// First wait after a failure; it doubles at each failure, up to [`MAX_WAIT_MS`].
const FIRST_WAIT_MS: u64 = 1_000;
const MAX_WAIT_MS: u64 = 5 * 60 * 1_000;

/// Where an upload stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(into = "StateDocument")]
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
/// kilobytes of WebAssembly; read by hand ([`State::from_value`]).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StateDocument {
    state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<String>,
    /// Written so by the first versions, which uploads still queued in browsers carry.
    #[serde(rename = "retry_at", skip_serializing_if = "Option::is_none")]
    retry_at: Option<u64>,
}

impl State {
    /// The state stored as `value` (a [`StateDocument`]), if it is one.
    pub(crate) fn from_value(value: &serde_json::Value) -> Option<State> {
        let number = |field: &str| value.get(field)?.as_u64();
        Some(match value.get("state")?.as_str()? {
            "queued" => State::Queued,
            "sending" => State::Sending,
            "sent" => State::Sent { at: number("at")? },
            "failed" => State::Failed {
                message: value.get("message")?.as_str()?.to_owned(),
                retry_at: number("retry_at")?,
            },
            _ => return None,
        })
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
            State::Queued => kind("queued"),
            State::Sending => kind("sending"),
            State::Sent { at } => StateDocument {
                at: Some(at),
                ..kind("sent")
            },
            State::Failed { message, retry_at } => StateDocument {
                message: Some(message),
                retry_at: Some(retry_at),
                ..kind("failed")
            },
        }
    }
}

/// One result to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Upload {
    pub result_id: String,
    pub url: String,
    /// The names of the request headers the portal configured (`Authorization`, say); their
    /// values are in [`Credentials`] only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub header_names: Vec<String>,
    /// Headers with their values, as the first versions stored them: read once, moved to
    /// [`Credentials`], never written again.
    #[serde(skip_serializing)]
    headers: Vec<(String, String)>,
    pub body: String,
    pub attempts: u32,
    pub state: State,
}

/// The portal's request headers for each upload address, in the page's memory only.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Credentials {
    by_url: BTreeMap<String, Vec<(String, String)>>,
}

impl Credentials {
    /// What the portal gave (its configuration's `upload`): the headers for `url`.
    pub fn give(&mut self, url: &str, headers: &[(String, String)]) {
        if !headers.is_empty() {
            self.by_url.insert(url.to_owned(), headers.to_vec());
        }
    }

    /// Headers an earlier version stored for `url`: kept only when the portal has given none
    /// for it in this page (the portal's current ones win).
    fn give_if_absent(&mut self, url: &str, headers: &[(String, String)]) {
        if !headers.is_empty() {
            self.by_url
                .entry(url.to_owned())
                .or_insert_with(|| headers.to_vec());
        }
    }

    /// The headers `upload` is sent with, when every one it needs is known.
    pub fn headers_for(&self, upload: &Upload) -> Option<Vec<(String, String)>> {
        if upload.header_names.is_empty() {
            return Some(Vec::new());
        }
        let known = self.by_url.get(&upload.url)?;
        let wanted = |name: &String| known.iter().find(|(n, _)| n.eq_ignore_ascii_case(name));
        upload
            .header_names
            .iter()
            .map(|name| wanted(name).cloned())
            .collect()
    }
}

fn key(result_id: &str) -> String {
    format!("{UPLOAD}{result_id}")
}

fn save(store: &dyn Store, upload: &Upload) -> Result<(), Health> {
    // Written by the app's one writer of JSON (`crate::json`): serde's is not in the page.
    let json = serde_json::to_value(upload).map_err(|_| Health::Full)?;
    let json = crate::json::to_string(&json);
    store.set(&key(&upload.result_id), &json)
}

impl Upload {
    /// The upload stored as `json`, if it is one.
    fn from_json(json: &str) -> Option<Upload> {
        let value = crate::json::parse(json, super::store::MAX_STORED_BYTES).ok()?;
        let text = |field: &str| value.get(field)?.as_str().map(str::to_owned);
        let strings = |list: &serde_json::Value| -> Option<Vec<String>> {
            list.as_array()?
                .iter()
                .map(|s| s.as_str().map(str::to_owned))
                .collect()
        };
        let header_names = match value.get("headerNames") {
            None => Vec::new(),
            Some(names) => strings(names)?,
        };
        let headers = match value.get("headers") {
            None => Vec::new(),
            Some(pairs) => pairs
                .as_array()?
                .iter()
                .map(|pair| match strings(pair)?.as_slice() {
                    [name, value] => Some((name.clone(), value.clone())),
                    _ => None,
                })
                .collect::<Option<_>>()?,
        };
        Some(Upload {
            result_id: text("resultId")?,
            url: text("url")?,
            header_names,
            headers,
            body: text("body")?,
            attempts: u32::try_from(value.get("attempts")?.as_u64()?).ok()?,
            state: State::from_value(value.get("state")?)?,
        })
    }
}

/// The upload of result `result_id`, if one was queued in this browser.
pub fn get(store: &dyn Store, result_id: &str) -> Option<Upload> {
    Upload::from_json(&store.get(&key(result_id))?)
}

/// Every queued upload. One stored with its headers' values (by a first version) gives them to
/// `credentials` and is stored again without them.
fn all<'s>(
    store: &'s dyn Store,
    credentials: &'s mut Credentials,
) -> impl Iterator<Item = Upload> + 's {
    store.keys(UPLOAD).into_iter().filter_map(move |k| {
        let mut upload = Upload::from_json(&store.get(&k)?)?;
        if !upload.headers.is_empty() {
            let headers = std::mem::take(&mut upload.headers);
            upload.header_names = headers.iter().map(|(n, _)| n.clone()).collect();
            credentials.give_if_absent(&upload.url, &headers);
            save(store, &upload).ok();
        }
        Some(upload)
    })
}

/// Queues a signed result for `url` (once: queuing it again changes nothing), with the
/// portal's `headers`: their names are stored, their values given to `credentials`. A store
/// that refuses it is said, for the page to send it while it stays open.
pub fn queue(
    store: &dyn Store,
    credentials: &mut Credentials,
    result_id: &str,
    url: &str,
    headers: &[(String, String)],
    body: &str,
) -> Result<(), Health> {
    credentials.give(url, headers);
    if get(store, result_id).is_some() {
        return Ok(());
    }
    save(
        store,
        &Upload {
            result_id: result_id.to_owned(),
            header_names: headers.iter().map(|(n, _)| n.clone()).collect(),
            headers: Vec::new(),
            url: url.to_owned(),
            body: body.to_owned(),
            attempts: 0,
            state: State::Queued,
        },
    )
}

/// How many queued results have not been sent yet.
pub fn unsent(store: &dyn Store) -> usize {
    store
        .keys(UPLOAD)
        .into_iter()
        .filter_map(|k| Upload::from_json(&store.get(&k)?))
        .filter(|u| !matches!(u.state, State::Sent { .. }))
        .count()
}

/// What follows a signed result on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    /// Queued for the portal's upload address, when it gave one: `Err` when storage refused,
    /// and the result can then only be handed over by hand.
    pub queued: Option<Result<(), Health>>,
    /// The detail of the `completed` event to tell the portal: only for a result signed now,
    /// never for one read back from an earlier visit (the portal heard of it then).
    pub completed: Option<serde_json::Value>,
}

/// A signed result, `fresh` when signed now rather than read back: queued for `upload` (its
/// address and the portal's headers) when there is one, and announced when fresh.
pub fn deliver(
    store: &dyn Store,
    credentials: &mut Credentials,
    upload: Option<&crate::config::Upload>,
    signed: &super::signing::Signed,
    fresh: bool,
) -> Delivery {
    let queued = upload.map(|upload| {
        queue(
            store,
            credentials,
            &signed.result_id,
            &upload.url,
            &upload.headers,
            &signed.json,
        )
    });
    let completed = fresh.then(|| {
        let result =
            crate::json::parse(&signed.json, super::store::MAX_STORED_BYTES).unwrap_or_default();
        serde_json::json!({ "result": result, "fileName": signed.file_name })
    });
    Delivery { queued, completed }
}

/// The wait before attempt `attempts + 1`.
pub fn backoff(attempts: u32) -> u64 {
    FIRST_WAIT_MS
        .saturating_mul(1 << attempts.saturating_sub(1).min(20))
        .min(MAX_WAIT_MS)
}

/// What the queue holds to send at `now`, and when the next failed one is due after that. An
/// upload whose headers `credentials` lacks (after a reload, until the portal gives them
/// again) is not due: sent without them it would only be refused.
pub fn due(
    store: &dyn Store,
    credentials: &mut Credentials,
    now: u64,
) -> (Vec<Upload>, Option<u64>) {
    let mut due = Vec::new();
    let mut next = None::<u64>;
    let uploads: Vec<Upload> = all(store, credentials).collect();
    for upload in uploads {
        if credentials.headers_for(&upload).is_none() {
            continue;
        }
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

/// Records the outcome of an attempt to send `upload` at `now`: sent (the queue then keeps
/// only its state, not the result), or failed with the server's reason, to be tried again
/// after [`backoff`]. Returns when it is due again, after a failure.
pub fn answered(
    store: &dyn Store,
    upload: &mut Upload,
    outcome: Result<(), String>,
    now: u64,
) -> Option<u64> {
    upload.attempts += 1;
    let retry = match outcome {
        Ok(()) => {
            // Sent, the result's copy in the queue has done its work: its answers do not stay.
            upload.header_names.clear();
            upload.body.clear();
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
pub fn retry_now(store: &dyn Store, credentials: &mut Credentials, now: u64) {
    let uploads: Vec<Upload> = all(store, credentials).collect();
    for mut upload in uploads {
        if let State::Failed { retry_at, .. } = &mut upload.state {
            *retry_at = now;
            save(store, &upload).ok();
        }
    }
}
