//! Signing keys: one per rater identity in this browser, so that officers sharing a computer
//! never share a key. Where WebCrypto has Ed25519 the private key is a non-extractable
//! `CryptoKey` kept in IndexedDB: no script, ours included, can read it. Elsewhere it is 32
//! random bytes kept in IndexedDB (a "software" key), and results say so.

use competency_core::result::KeyProtection;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::CryptoKey;

use crate::crypto::{self, CryptoError};
use crate::idb::{self, KEYS, Status};
use crate::storage;

/// Where the app remembers, per identity, the public key it had: a key that vanished from
/// IndexedDB while this stayed was lost, and the user is told.
const KNOWN: &str = "competency-widget.key.";

/// A rater's signing key.
#[derive(Clone)]
pub struct SigningKey {
    pub public_key: [u8; 32],
    pub protection: KeyProtection,
    secret: Secret,
}

#[derive(Clone)]
enum Secret {
    WebCrypto(CryptoKey),
    Software([u8; 32]),
}

/// How the key came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyOrigin {
    /// Created earlier in this browser.
    Existing,
    /// Created now: the first result signed by this rater here.
    New,
    /// Created now because the one this rater had here was lost (browser data cleared).
    Replaced,
}

fn get(object: &JsValue, field: &str) -> Option<JsValue> {
    js_sys::Reflect::get(object, &field.into())
        .ok()
        .filter(|v| !v.is_undefined())
}

fn bytes32(value: &JsValue) -> Option<[u8; 32]> {
    js_sys::Uint8Array::new(value).to_vec().try_into().ok()
}

/// Reads a stored key: `{ publicKey: Uint8Array, privateKey: CryptoKey }` or
/// `{ publicKey: Uint8Array, secret: Uint8Array }`.
fn from_record(record: &JsValue) -> Option<SigningKey> {
    let public_key = bytes32(&get(record, "publicKey")?)?;
    if let Some(private) = get(record, "privateKey") {
        return Some(SigningKey {
            public_key,
            protection: KeyProtection::NonExtractable,
            secret: Secret::WebCrypto(private.dyn_into().ok()?),
        });
    }
    Some(SigningKey {
        public_key,
        protection: KeyProtection::Software,
        secret: Secret::Software(bytes32(&get(record, "secret")?)?),
    })
}

fn record(entries: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (name, value) in entries {
        let _ = js_sys::Reflect::set(&object, &(*name).into(), value);
    }
    object.into()
}

/// A new non-extractable WebCrypto key pair, when this browser's WebCrypto has Ed25519.
async fn create_webcrypto() -> Option<(SigningKey, JsValue)> {
    let subtle = crypto::subtle()?;
    let usages = js_sys::Array::of2(&"sign".into(), &"verify".into());
    let pair = JsFuture::from(
        subtle
            .generate_key_with_str("Ed25519", false, &usages)
            .ok()?,
    )
    .await
    .ok()?;
    let private: CryptoKey = get(&pair, "privateKey")?.dyn_into().ok()?;
    let public: CryptoKey = get(&pair, "publicKey")?.dyn_into().ok()?;
    let raw = crypto::bytes(subtle.export_key("raw", &public))
        .await
        .ok()?;
    let public_key: [u8; 32] = raw.try_into().ok()?;
    let stored = record(&[
        (
            "publicKey",
            js_sys::Uint8Array::from(&public_key[..]).into(),
        ),
        ("privateKey", private.clone().into()),
    ]);
    let key = SigningKey {
        public_key,
        protection: KeyProtection::NonExtractable,
        secret: Secret::WebCrypto(private),
    };
    Some((key, stored))
}

/// A new software key: 32 random bytes, its public key from the fallback module.
async fn create_software() -> Result<(SigningKey, JsValue), CryptoError> {
    let mut secret = [0u8; 32];
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut secret).ok())
        .ok_or_else(|| CryptoError::Unavailable("no random source".into()))?;
    let public_key = crypto::public_key_of_secret(&secret).await?;
    let stored = record(&[
        (
            "publicKey",
            js_sys::Uint8Array::from(&public_key[..]).into(),
        ),
        ("secret", js_sys::Uint8Array::from(&secret[..]).into()),
    ]);
    let key = SigningKey {
        public_key,
        protection: KeyProtection::Software,
        secret: Secret::Software(secret),
    };
    Ok((key, stored))
}

thread_local! {
    /// Keys created since the page loaded and not yet used to sign, with how they came to be:
    /// a key created to announce it to the portal (`ready`) is still new, or a replacement,
    /// when the rater first signs with it, and the rater is told so then.
    static CREATED: std::cell::RefCell<Vec<(String, KeyOrigin)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The signing key of `identity` in this browser, created when it has none.
pub async fn for_identity(identity: &str) -> Result<(SigningKey, KeyOrigin), CryptoError> {
    let (key, origin) = get_or_create(identity).await?;
    let origin = CREATED.with(|created| {
        let mut created = created.borrow_mut();
        let earlier = created
            .iter()
            .position(|(i, _)| i == identity)
            .map(|at| created.remove(at).1);
        earlier.unwrap_or(origin)
    });
    Ok((key, origin))
}

/// The public key `identity` signs with (created now when it has none), for the portal.
pub async fn announce(identity: &str) -> Result<SigningKey, CryptoError> {
    let (key, origin) = get_or_create(identity).await?;
    if origin != KeyOrigin::Existing {
        CREATED.with(|created| created.borrow_mut().push((identity.to_owned(), origin)));
    }
    Ok(key)
}

async fn get_or_create(identity: &str) -> Result<(SigningKey, KeyOrigin), CryptoError> {
    // The database is opened first if need be; an upgrade another tab holds up is not waited
    // for (see idb::open).
    if matches!(idb::status(), Status::Closed | Status::Opening) {
        idb::open().await;
    }
    // Without the database (held up by another tab, taken by a newer version, or unusable)
    // the key there cannot be read: a new one signs, kept nowhere, and the one there is not
    // called lost.
    let open = idb::status() == Status::Open;
    if open
        && let Some(key) = idb::get(KEYS, identity)
            .await
            .as_ref()
            .and_then(from_record)
    {
        return Ok((key, KeyOrigin::Existing));
    }
    let known = open && storage::get(&format!("{KNOWN}{identity}")).is_some();
    let (key, stored) = match create_webcrypto().await {
        Some(created) => created,
        None => create_software().await?,
    };
    // A key that cannot be kept still signs this result; the next one gets a new key.
    if open && idb::put(KEYS, identity, &stored).await.is_ok() {
        let _ = storage::set(
            &format!("{KNOWN}{identity}"),
            &competency_core::proof::hex(&key.public_key),
        );
    }
    let origin = if known {
        KeyOrigin::Replaced
    } else {
        KeyOrigin::New
    };
    Ok((key, origin))
}

impl competency_core::model::crypto::SigningKey for SigningKey {
    fn public_key(&self) -> [u8; 32] {
        self.public_key
    }

    fn protection(&self) -> KeyProtection {
        self.protection
    }

    async fn sign(&self, message: &[u8]) -> Result<[u8; 64], CryptoError> {
        match &self.secret {
            Secret::WebCrypto(key) => crypto::sign_with_key(key, message).await,
            Secret::Software(secret) => crypto::sign_with_secret(secret, message).await,
        }
    }
}

/// Forgets every signing key of this browser ("clear my data").
pub fn forget_all() {
    if let Some(store) = idb::store(KEYS, web_sys::IdbTransactionMode::Readwrite) {
        let _ = store.clear();
    }
}
