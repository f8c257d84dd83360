//! What follows the rater's first screen: the portal hears `ready`, with the key the rater
//! signs with, the results waiting to be sent go (now, and whenever the network comes
//! back), and the signing module is fetched while the rater answers. With the `split`
//! feature this code is a WebAssembly chunk of its own (split point `after_ready`, see
//! [`crate::chunk`]), fetched once the first screen is drawn: the first question never
//! waits for it.

use crate::prelude::*;
use competency_core::assessment::Assessment;
use serde_json::json;

use crate::chunk::{self, Unloaded};
use crate::events;
use crate::session::Session;
use crate::signing;
use crate::uploads;

/// How long to wait before fetching the chunk again when it could not be fetched.
const RETRY_MS: i32 = 5_000;

/// Once the first screen is drawn, fetches this code (again every few seconds while the
/// network is down) and runs it under `owner`, the widget's: it stops with the widget.
pub(crate) async fn follow(session: Session, owner: Owner) {
    chunk::next_frame().await;
    let run = loop {
        #[cfg(feature = "split")]
        let loaded = after_ready().await;
        #[cfg(not(feature = "split"))]
        let loaded = after_ready();
        if session.is_gone() {
            return;
        }
        match loaded {
            Ok(run) => break run,
            Err(Unloaded) => chunk::pause(RETRY_MS).await,
        }
    };
    owner.with(|| run(session));
}

/// What runs once the first screen is drawn: a split point.
#[cfg_attr(
    feature = "split",
    wasm_split_helpers::wasm_split(after_ready, fallible, wasm_split_path = ::wasm_split_helpers)
)]
fn after_ready() -> Result<fn(Session), Unloaded> {
    Ok(run)
}

fn run(session: Session) {
    crate::web::spawn_local(async move {
        announce_ready(session).await;
        if session.is_gone() {
            return;
        }
        // Results still waiting to be sent go now; those queued before a reload go once the
        // portal has given its headers again.
        if let Some(upload) = session.upload.get_value() {
            uploads::give(&upload.url, &upload.headers);
        }
        uploads::work(|| ()).await;
    });
    prepare_signing(session);
    let online = window_event_listener("online", |_: web_sys::Event| {
        uploads::retry_now();
        crate::web::spawn_local(uploads::work(|| ()));
    });
    // A widget a portal unmounts stops listening with it.
    online.remove_on_cleanup();
}

/// The signing module comes while the rater answers (a second after a form opens, once the
/// first question is drawn): submitting then waits for the proof alone.
fn prepare_signing(session: Session) {
    let preparing = StoredValue::new(false);
    crate::dom::effect(move || {
        let answering = session
            .assessment
            .with(|a| a.as_ref().is_some_and(|a| session.editable(a)));
        if answering && !preparing.get_value() {
            preparing.set_value(true);
            set_timeout(
                move || {
                    if !session.is_gone() {
                        crate::web::spawn_local(async move {
                            if let Ok(json) = session.framework_json().await {
                                signing::prepare(&json).await;
                            }
                        });
                    }
                },
                std::time::Duration::from_secs(1),
            );
        }
    });
}

/// Tells the portal the widget is ready, with the public key the rater of the open
/// assessment signs with (created now if this browser has none for them), so that the
/// portal can register it before any result arrives.
async fn announce_ready(session: Session) {
    let identity = session
        .assessment
        .with_untracked(|a| a.as_ref().map(Assessment::key_identity));
    let mut payload = json!({ "publicKey": null });
    if let Some(identity) = identity
        && let Ok(key) = crate::keys::announce(&identity).await
    {
        payload = json!({
            "publicKey": competency_core::proof::did_key(&key.public_key),
            "keyProtection": key.protection,
        });
    }
    session.emit(events::READY, payload);
}
