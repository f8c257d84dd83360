//! Drafts sealed with a code, for shared computers. The rater chooses a code; a key is derived
//! from it and a random salt (the browser: PBKDF2-SHA-256, [`ITERATIONS`] rounds, into a
//! non-extractable AES-GCM key), and every save writes the draft encrypted, with a new random
//! nonce, under `sealed.<id>`. Nothing in clear is written for it: no draft key, no "open
//! last" pointer. The list shows a locked entry (when it last changed) and no name until the
//! code is given. A wrong code opens nothing and changes nothing; a forgotten code costs that
//! draft alone, each draft having its own salt and key.

// The app is single-threaded (WebAssembly in a page): no caller needs the futures to be
// `Send`, which is what this lint is about.
#![allow(async_fn_in_trait)]

use crate::Framework;
use crate::assessment::Assessment;
use crate::assessment::draft::{self, DraftError, Opened};

use super::crypto::CryptoError;
use super::store::{Health, Scope, Store};

const SEALED: &str = "sealed.";

/// PBKDF2 rounds: OWASP's figure for PBKDF2-HMAC-SHA-256 (2023).
pub const ITERATIONS: u32 = 600_000;
/// The shortest code accepted, in characters.
pub const MIN_CODE_CHARS: usize = 6;
pub const SALT_BYTES: usize = 16;
pub const NONCE_BYTES: usize = 12;

/// The platform's key derivation and randomness (WebCrypto in the browser).
pub trait Lock {
    type Key: SealKey;
    /// The key of `code` with `salt`.
    async fn derive(&self, code: &str, salt: &[u8; SALT_BYTES]) -> Result<Self::Key, CryptoError>;
    /// Random bytes, for salts and nonces.
    fn random(&self, out: &mut [u8]);
}

/// A key derived from a code: authenticated encryption (AES-GCM in the browser).
pub trait SealKey {
    async fn seal(&self, nonce: &[u8; NONCE_BYTES], plain: &[u8]) -> Result<Vec<u8>, CryptoError>;
    /// The plain text, or an error when the key is not the one that sealed it (a wrong code)
    /// or the data was altered.
    async fn open(&self, nonce: &[u8; NONCE_BYTES], data: &[u8]) -> Result<Vec<u8>, CryptoError>;
}

/// The key of one open sealed draft, kept in the page's memory only while it is open.
#[derive(Debug, Clone)]
pub struct Unlocked<K> {
    pub key: K,
    salt: [u8; SALT_BYTES],
    /// The start the draft answers (see [`super::receipts::start_digest`]).
    start: String,
}

/// A sealed draft as the list shows it: no name, only when it last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locked {
    pub id: String,
    pub updated_at: u64,
}

/// Why a sealed draft did not open.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum UnlockError {
    /// The code is not the one it was sealed with (or the copy was altered).
    #[error("wrong code")]
    WrongCode,
    /// It is gone (removed in another tab) or cannot be read.
    #[error("the locked draft cannot be read")]
    Unreadable,
    #[error(transparent)]
    Draft(#[from] DraftError),
    #[error(transparent)]
    Crypto(CryptoError),
}

/// A sealed draft as stored: `{"sealed": 1, "salt", "nonce", "data" (hexadecimal),
/// "updatedAt", "start"}`, written and read through `serde_json::Value`, which the page
/// carries anyway, rather than derived code of its own.
#[derive(Debug, Clone)]
struct Envelope {
    salt: String,
    nonce: String,
    data: String,
    updated_at: u64,
    start: String,
}

impl Envelope {
    fn to_json(&self) -> String {
        crate::json::to_string(&serde_json::json!({
            "sealed": 1,
            "salt": self.salt,
            "nonce": self.nonce,
            "data": self.data,
            "updatedAt": self.updated_at,
            "start": self.start,
        }))
    }

    /// The envelope in `json`, when it is one (the format's version 1).
    fn from_json(json: &str) -> Option<Envelope> {
        let value = crate::json::parse(json, super::store::MAX_STORED_BYTES).ok()?;
        if value.get("sealed")?.as_u64()? != 1 {
            return None;
        }
        let text = |field: &str| value.get(field)?.as_str().map(str::to_owned);
        Some(Envelope {
            salt: text("salt")?,
            nonce: text("nonce")?,
            data: text("data")?,
            updated_at: value.get("updatedAt")?.as_u64()?,
            start: text("start")?,
        })
    }
}

/// The key sealed draft `id` is kept under.
pub fn key(scope: &Scope, id: &str) -> String {
    format!("{}{id}", scope.key(SEALED))
}

fn envelope(store: &dyn Store, scope: &Scope, id: &str) -> Option<Envelope> {
    Envelope::from_json(&store.get(&key(scope, id))?)
}

fn unhex<const N: usize>(text: &str) -> Option<[u8; N]> {
    unhex_vec(text)?.try_into().ok()
}

fn unhex_vec(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// A new key for a draft sealed with `code`, which answers the start `start`.
pub async fn create<L: Lock>(
    lock: &L,
    code: &str,
    start: String,
) -> Result<Unlocked<L::Key>, CryptoError> {
    let mut salt = [0; SALT_BYTES];
    lock.random(&mut salt);
    Ok(Unlocked {
        key: lock.derive(code, &salt).await?,
        salt,
        start,
    })
}

/// The sealed drafts of `scope`, newest first.
pub fn list(store: &dyn Store, scope: &Scope) -> Vec<Locked> {
    let prefix = scope.key(SEALED);
    let mut locked: Vec<Locked> = Vec::new();
    // A handful at most: placed in order as they come, without a sort's code of their own.
    for k in store.keys(&prefix) {
        let id = k[prefix.len()..].to_owned();
        if let Some(envelope) = envelope(store, scope, &id) {
            let at = locked
                .iter()
                .position(|l| l.updated_at < envelope.updated_at)
                .unwrap_or(locked.len());
            let updated_at = envelope.updated_at;
            locked.insert(at, Locked { id, updated_at });
        }
    }
    locked
}

/// The sealed drafts that answer the start `start` (a portal's link), newest first.
pub fn of_start(store: &dyn Store, scope: &Scope, start: &str) -> Vec<Locked> {
    list(store, scope)
        .into_iter()
        .filter(|l| envelope(store, scope, &l.id).is_some_and(|e| e.start == start))
        .collect()
}

async fn open_envelope<K: SealKey>(key: &K, envelope: &Envelope) -> Result<String, UnlockError> {
    let nonce = unhex::<NONCE_BYTES>(&envelope.nonce).ok_or(UnlockError::Unreadable)?;
    let data = unhex_vec(&envelope.data).ok_or(UnlockError::Unreadable)?;
    let plain = key
        .open(&nonce, &data)
        .await
        .map_err(|_| UnlockError::WrongCode)?;
    String::from_utf8(plain).map_err(|_| UnlockError::Unreadable)
}

/// Opens sealed draft `id` with `code`, brought up to date with `framework`; its key, to
/// save it with, comes along. A wrong code opens nothing and changes nothing.
pub async fn unlock<L: Lock>(
    store: &dyn Store,
    scope: &Scope,
    lock: &L,
    id: &str,
    code: &str,
    framework: &Framework,
) -> Result<(Opened, Unlocked<L::Key>), UnlockError> {
    let envelope = envelope(store, scope, id).ok_or(UnlockError::Unreadable)?;
    let salt = unhex::<SALT_BYTES>(&envelope.salt).ok_or(UnlockError::Unreadable)?;
    let key = lock
        .derive(code, &salt)
        .await
        .map_err(UnlockError::Crypto)?;
    let json = open_envelope(&key, &envelope).await?;
    let opened = draft::open(&json, framework)?;
    Ok((
        opened,
        Unlocked {
            key,
            salt,
            start: envelope.start,
        },
    ))
}

/// Saves `assessment` sealed with `unlocked`, after merging in what another tab may have
/// saved meanwhile (so the caller's copy is updated too). A stored copy this key cannot open
/// is never overwritten: [`Health::Unavailable`], and the answers stay in memory.
pub async fn save<L: Lock>(
    store: &dyn Store,
    scope: &Scope,
    lock: &L,
    unlocked: &Unlocked<L::Key>,
    assessment: &mut Assessment,
) -> Result<(), Health> {
    if let Some(stored) = envelope(store, scope, &assessment.id) {
        let json = open_envelope(&unlocked.key, &stored)
            .await
            .map_err(|_| Health::Unavailable)?;
        if let Ok(stored) = draft::peek(&json) {
            assessment.merge(&stored);
        }
    }
    let json = seal(
        lock,
        unlocked,
        &draft::to_json(assessment),
        assessment.updated_at,
    )
    .await?;
    store.set(&key(scope, &assessment.id), &json)
}

/// `text` sealed with `unlocked`, as stored.
async fn seal<L: Lock>(
    lock: &L,
    unlocked: &Unlocked<L::Key>,
    text: &str,
    updated_at: u64,
) -> Result<String, Health> {
    let mut nonce = [0; NONCE_BYTES];
    lock.random(&mut nonce);
    let data = unlocked
        .key
        .seal(&nonce, text.as_bytes())
        .await
        .map_err(|_| Health::Unavailable)?;
    let envelope = Envelope {
        salt: crate::proof::hex(&unlocked.salt),
        nonce: crate::proof::hex(&nonce),
        data: crate::proof::hex(&data),
        updated_at,
        start: unlocked.start.clone(),
    };
    Ok(envelope.to_json())
}

/// Keeps the signed result `json` of assessment `id` where the page keeps results
/// ([`super::signing::stored_key`]): sealed with `unlocked` when the assessment is sealed,
/// as it is when not.
pub async fn keep_result<L: Lock>(
    store: &dyn Store,
    lock: &L,
    unlocked: Option<&Unlocked<L::Key>>,
    id: &str,
    json: &str,
    now: u64,
) -> Result<(), Health> {
    let kept = match unlocked {
        Some(unlocked) => seal(lock, unlocked, json, now).await?,
        None => json.to_owned(),
    };
    store.set(&super::signing::stored_key(id), &kept)
}

/// The signed result kept for assessment `id`: opened with `unlocked` when it was sealed,
/// as it is when it was not; `None` when there is none or this key cannot open it.
pub async fn kept_result<K: SealKey>(
    store: &dyn Store,
    unlocked: Option<&Unlocked<K>>,
    id: &str,
) -> Option<String> {
    let json = store.get(&super::signing::stored_key(id))?;
    match Envelope::from_json(&json) {
        Some(envelope) => open_envelope(&unlocked?.key, &envelope).await.ok(),
        None => Some(json),
    }
}

/// Why a code cannot be chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeProblem {
    /// Fewer than [`MIN_CODE_CHARS`] characters.
    Short,
    /// Typed differently the second time.
    Mismatch,
}

/// Whether `code`, typed again as `again`, can seal a draft.
pub fn check_code(code: &str, again: &str) -> Result<(), CodeProblem> {
    if code.chars().count() < MIN_CODE_CHARS {
        Err(CodeProblem::Short)
    } else if code != again {
        Err(CodeProblem::Mismatch)
    } else {
        Ok(())
    }
}

/// Removes sealed draft `id` (from the journal too): what a forgotten code comes to.
pub fn discard(store: &dyn Store, scope: &Scope, id: &str) {
    store.remove(&key(scope, id));
}
