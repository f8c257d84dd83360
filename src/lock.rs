//! Sealing drafts with a code in the browser (the rules are the app model's,
//! [`competency_core::model::sealed`]): WebCrypto derives a non-extractable AES-GCM key
//! from the code with PBKDF2, and the key of the open sealed draft lives in this page's
//! memory only, until the draft is closed or locked.

use std::cell::RefCell;

use competency_core::model::crypto::CryptoError;
use competency_core::model::sealed::{self, ITERATIONS, Lock, NONCE_BYTES, SALT_BYTES, SealKey};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::CryptoKey;

use crate::crypto::{bytes, js_message, subtle};

/// WebCrypto's PBKDF2 and randomness, as the model's [`Lock`].
#[derive(Debug, Clone, Copy)]
pub struct WebLock;

/// A non-extractable AES-GCM key.
#[derive(Debug, Clone)]
pub struct WebKey(CryptoKey);

fn failed(error: JsValue) -> CryptoError {
    CryptoError::Failed(js_message(&error).unwrap_or_else(|| "unknown error".into()))
}

/// A plain JavaScript object with `fields`.
fn object(fields: &[(&str, JsValue)]) -> js_sys::Object {
    let object = js_sys::Object::new();
    for (name, value) in fields {
        js_sys::Reflect::set(&object, &(*name).into(), value).ok();
    }
    object
}

fn no_webcrypto() -> CryptoError {
    CryptoError::Unavailable("no WebCrypto".into())
}

impl Lock for WebLock {
    type Key = WebKey;

    async fn derive(&self, code: &str, salt: &[u8; SALT_BYTES]) -> Result<WebKey, CryptoError> {
        let subtle = subtle().ok_or_else(no_webcrypto)?;
        let usages = js_sys::Array::of1(&"deriveKey".into());
        let material = js_sys::Uint8Array::from(code.as_bytes());
        let promise = subtle
            .import_key_with_str("raw", &material, "PBKDF2", false, &usages)
            .map_err(failed)?;
        let base: CryptoKey = JsFuture::from(promise)
            .await
            .map_err(failed)?
            .unchecked_into();
        let pbkdf2 = object(&[
            ("name", "PBKDF2".into()),
            ("salt", js_sys::Uint8Array::from(&salt[..]).into()),
            ("iterations", ITERATIONS.into()),
            ("hash", "SHA-256".into()),
        ]);
        let aes = object(&[("name", "AES-GCM".into()), ("length", 256.into())]);
        let usages = js_sys::Array::of2(&"encrypt".into(), &"decrypt".into());
        // Not extractable: the key can be used by this page, never read out of it.
        let promise = subtle
            .derive_key_with_object_and_object(&pbkdf2, &base, &aes, false, &usages)
            .map_err(failed)?;
        let key = JsFuture::from(promise).await.map_err(failed)?;
        Ok(WebKey(key.unchecked_into()))
    }

    fn random(&self, out: &mut [u8]) {
        if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
            crypto.get_random_values_with_u8_array(out).ok();
        }
    }
}

fn gcm(nonce: &[u8; NONCE_BYTES]) -> js_sys::Object {
    object(&[
        ("name", "AES-GCM".into()),
        ("iv", js_sys::Uint8Array::from(&nonce[..]).into()),
    ])
}

impl SealKey for WebKey {
    async fn seal(&self, nonce: &[u8; NONCE_BYTES], plain: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let subtle = subtle().ok_or_else(no_webcrypto)?;
        bytes(subtle.encrypt_with_object_and_u8_array(&gcm(nonce), &self.0, plain)).await
    }

    async fn open(&self, nonce: &[u8; NONCE_BYTES], data: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let subtle = subtle().ok_or_else(no_webcrypto)?;
        bytes(subtle.decrypt_with_object_and_u8_array(&gcm(nonce), &self.0, data)).await
    }
}

/// The key of a sealed draft, with what it seals.
pub type Unlocked = sealed::Unlocked<WebKey>;

thread_local! {
    /// The key of the open sealed draft, in this page's memory only.
    static OPEN: RefCell<Option<Unlocked>> = const { RefCell::new(None) };
}

/// The key of the open sealed draft, if one is open.
pub fn current() -> Option<Unlocked> {
    OPEN.with(|open| open.borrow().clone())
}

/// Holds `unlocked` as the key of the open sealed draft, or forgets it.
pub fn hold(unlocked: Option<Unlocked>) {
    OPEN.with(|open| *open.borrow_mut() = unlocked);
}
