//! The app model the browser app is a thin shell over, in plain Rust: the state of a rater's
//! session ([`rater::Rater`]) and the workflows of both front ends (drafts kept and merged,
//! submit to signed result to upload queue, checking result files). Effects the browser
//! performs come in through small interfaces the shell implements: a [`store::Store`] (the
//! browser's storage and its journal), [`crypto::Crypto`] and [`crypto::SigningKey`]
//! (WebCrypto), the clock and new ids as arguments. Tests give them [`store::MemoryStore`]
//! and Rust's SHA-256 and Ed25519, so that every workflow runs natively, in milliseconds.
//! Errors are values, for the view to show.

pub mod checking;
pub mod crypto;
pub mod drafts;
pub mod rater;
pub mod receipts;
pub mod results;
pub mod sealed;
pub mod signing;
pub mod store;
#[cfg(test)]
mod tests;
pub mod uploads;

pub use rater::{Cleared, Portal, Rater, SharedStart, Start};
pub use store::{Health, MemoryStore, PREFIX, Scope, Store};
