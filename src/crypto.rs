//! Hashing, signing and verifying in the browser. WebCrypto does it where it has Ed25519
//! (modern browsers): nothing of it is in our bundle. Elsewhere the fallback module (a
//! separate WebAssembly file with Rust's Ed25519, built from `crates/fallback-signer`) is
//! fetched the first time it is needed, so other browsers never download it.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

use competency_core::model::crypto::Crypto;
pub use competency_core::model::crypto::CryptoError;

/// The browser's cryptography as the app model's [`Crypto`].
#[derive(Debug, Clone, Copy)]
pub struct WebCrypto;

impl Crypto for WebCrypto {
    async fn sha256(&self, data: &[u8]) -> Result<[u8; 32], CryptoError> {
        sha256(data).await
    }

    async fn verify(
        &self,
        public_key: &[u8; 32],
        message: &[u8],
        signature: &[u8; 64],
    ) -> Result<bool, CryptoError> {
        verify(public_key, message, signature).await
    }
}

/// What a JavaScript error (or a string thrown) says, if anything.
pub(crate) fn js_message(error: &JsValue) -> Option<String> {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
}

fn failed(error: JsValue) -> CryptoError {
    CryptoError::Failed(js_message(&error).unwrap_or_else(|| "unknown error".into()))
}

pub(crate) fn subtle() -> Option<SubtleCrypto> {
    Some(web_sys::window()?.crypto().ok()?.subtle())
}

/// The bytes of an ArrayBuffer a promise resolves to.
pub(crate) async fn bytes(
    promise: Result<js_sys::Promise, JsValue>,
) -> Result<Vec<u8>, CryptoError> {
    let buffer = JsFuture::from(promise.map_err(failed)?)
        .await
        .map_err(failed)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

fn array<const N: usize>(bytes: Vec<u8>) -> Result<[u8; N], CryptoError> {
    bytes
        .try_into()
        .map_err(|_| CryptoError::Failed(format!("expected {N} bytes")))
}

/// SHA-256 of `data`.
pub async fn sha256(data: &[u8]) -> Result<[u8; 32], CryptoError> {
    match subtle() {
        Some(subtle) => array(bytes(subtle.digest_with_str_and_u8_array("SHA-256", data)).await?),
        None => array(fallback().await?.call("sha256", &[data])?),
    }
}

/// Signs `message` with a WebCrypto Ed25519 private key.
pub async fn sign_with_key(key: &CryptoKey, message: &[u8]) -> Result<[u8; 64], CryptoError> {
    let subtle = subtle().ok_or_else(|| CryptoError::Unavailable("no WebCrypto".into()))?;
    array(bytes(subtle.sign_with_str_and_u8_array("Ed25519", key, message)).await?)
}

/// Signs `message` with an Ed25519 secret key held as bytes (the fallback module).
pub async fn sign_with_secret(secret: &[u8; 32], message: &[u8]) -> Result<[u8; 64], CryptoError> {
    array(fallback().await?.call("sign", &[secret, message])?)
}

/// The public key of an Ed25519 secret key held as bytes (the fallback module).
pub async fn public_key_of_secret(secret: &[u8; 32]) -> Result<[u8; 32], CryptoError> {
    array(fallback().await?.call("public_key", &[secret])?)
}

/// Whether `signature` is `public_key`'s Ed25519 signature of `message`: WebCrypto when it
/// can, else the fallback module.
pub async fn verify(
    public_key: &[u8; 32],
    message: &[u8],
    signature: &[u8; 64],
) -> Result<bool, CryptoError> {
    if let Some(subtle) = subtle() {
        let usages = js_sys::Array::of1(&"verify".into());
        let data = js_sys::Uint8Array::from(&public_key[..]);
        if let Ok(promise) = subtle.import_key_with_str("raw", &data, "Ed25519", true, &usages)
            && let Ok(key) = JsFuture::from(promise).await
        {
            let key: CryptoKey = key.unchecked_into();
            let promise = subtle
                .verify_with_str_and_u8_array_and_u8_array("Ed25519", &key, signature, message)
                .map_err(failed)?;
            let valid = JsFuture::from(promise).await.map_err(failed)?;
            return Ok(valid.as_bool() == Some(true));
        }
    }
    let valid = fallback()
        .await?
        .call_value("verify", &[&public_key[..], message, &signature[..]])?;
    Ok(valid.as_bool() == Some(true))
}

/// The fallback module's file, beside the widget's files (see `modules::address`).
const FALLBACK_SCRIPT: &str = "competency-fallback-signer.js";

/// The fallback module, fetched and instantiated on first use.
struct Fallback(JsValue);

async fn fallback() -> Result<Fallback, CryptoError> {
    crate::modules::load(FALLBACK_SCRIPT)
        .await
        .map(Fallback)
        .map_err(|e| CryptoError::Unavailable(failed(e).to_string()))
}

impl Fallback {
    /// Calls the module's function `name` with byte arrays; its result as a JS value.
    fn call_value(&self, name: &str, args: &[&[u8]]) -> Result<JsValue, CryptoError> {
        let function: js_sys::Function = js_sys::Reflect::get(&self.0, &name.into())
            .map_err(failed)?
            .dyn_into()
            .map_err(|_| CryptoError::Unavailable(format!("no function {name}")))?;
        let args: js_sys::Array = args
            .iter()
            .map(|a| JsValue::from(js_sys::Uint8Array::from(*a)))
            .collect();
        function.apply(&JsValue::NULL, &args).map_err(failed)
    }

    /// Calls the module's function `name`, which returns bytes.
    fn call(&self, name: &str, args: &[&[u8]]) -> Result<Vec<u8>, CryptoError> {
        Ok(js_sys::Uint8Array::new(&self.call_value(name, args)?).to_vec())
    }
}
