//! What the model asks of the platform's cryptography: hashing, verifying, and a rater's key
//! to sign with. The browser app does it with WebCrypto (or its fallback module); tests with
//! Rust's SHA-256 and Ed25519. The operations are asynchronous, as WebCrypto's are.

// The app is single-threaded (WebAssembly in a page): no caller needs the futures to be
// `Send`, which is what this lint is about.
#![allow(async_fn_in_trait)]

use crate::result::KeyProtection;

/// Why a cryptographic operation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    /// Neither WebCrypto nor the fallback could do it.
    #[error("cryptography unavailable: {0}")]
    Unavailable(String),
    /// The operation itself failed.
    #[error("cryptography failed: {0}")]
    Failed(String),
}

/// Hashing and verifying.
pub trait Crypto {
    /// SHA-256 of `data`.
    async fn sha256(&self, data: &[u8]) -> Result<[u8; 32], CryptoError>;
    /// Whether `signature` is `public_key`'s Ed25519 signature of `message`.
    async fn verify(
        &self,
        public_key: &[u8; 32],
        message: &[u8],
        signature: &[u8; 64],
    ) -> Result<bool, CryptoError>;
}

/// A rater's Ed25519 key.
pub trait SigningKey {
    fn public_key(&self) -> [u8; 32];
    /// How the key is kept (WebCrypto's non-extractable keys, or software).
    fn protection(&self) -> KeyProtection;
    async fn sign(&self, message: &[u8]) -> Result<[u8; 64], CryptoError>;
}
