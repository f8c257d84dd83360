//! What WebCrypto gives modern browsers, for those whose WebCrypto has no Ed25519: signing,
//! verifying and SHA-256, in a separate WebAssembly module that only those browsers fetch.
//! The private key passes through here as bytes: the app records that it was a software key.

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};
use wasm_bindgen::prelude::*;

fn secret(bytes: &[u8]) -> Result<SigningKey, JsError> {
    let bytes: [u8; 32] = bytes
        .try_into()
        .map_err(|_| JsError::new("an Ed25519 secret key has 32 bytes"))?;
    Ok(SigningKey::from_bytes(&bytes))
}

/// The public key (32 bytes) of a secret key (32 bytes).
#[wasm_bindgen]
pub fn public_key(secret_key: &[u8]) -> Result<Vec<u8>, JsError> {
    Ok(secret(secret_key)?.verifying_key().to_bytes().to_vec())
}

/// The Ed25519 signature (64 bytes) of `message`.
#[wasm_bindgen]
pub fn sign(secret_key: &[u8], message: &[u8]) -> Result<Vec<u8>, JsError> {
    Ok(secret(secret_key)?.sign(message).to_bytes().to_vec())
}

/// Whether `signature` is `public_key`'s signature of `message`, checked strictly, as the
/// command-line tool checks (`verify_strict`: small-order keys and non-canonical signatures
/// refused), so that the browser never accepts what HR's verifier refuses.
#[wasm_bindgen]
pub fn verify(public_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
    let (Ok(key), Ok(signature)) = (
        <[u8; 32]>::try_from(public_key),
        <[u8; 64]>::try_from(signature),
    ) else {
        return false;
    };
    VerifyingKey::from_bytes(&key).is_ok_and(|key| {
        key.verify_strict(message, &Signature::from_bytes(&signature))
            .is_ok()
    })
}

/// SHA-256 of `data`.
#[wasm_bindgen]
pub fn sha256(data: &[u8]) -> Vec<u8> {
    Sha256::digest(data).to_vec()
}

// A unit test module, not tests/: a cdylib alone gives the smallest WebAssembly (an rlib
// beside it costs the download a quarter).
#[cfg(test)]
mod tests;
