//! The fallback signer refuses what the command-line tool refuses: a degenerate key (the
//! curve's identity, a point of small order) with a signature that holds for every message
//! under lax Ed25519 verification. Run natively by `cargo test` and in headless Chromium by
//! the component tests.

use super::{public_key, sign, verify};

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// The identity point, encoded: y = 1, x = 0.
const IDENTITY: [u8; 32] = {
    let mut bytes = [0; 32];
    bytes[0] = 1;
    bytes
};

/// R = the identity, s = 0: `[s]B = R + [k]A` holds for every message when A is the identity.
fn degenerate_signature() -> [u8; 64] {
    let mut signature = [0; 64];
    signature[..32].copy_from_slice(&IDENTITY);
    signature
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_small_order_key_verifies_nothing() {
    for message in [&b"any result"[..], b"another one", b""] {
        assert!(!verify(&IDENTITY, message, &degenerate_signature()));
    }
}

/// What lax verification would have let through: the case above is a real one.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn lax_verification_accepts_the_degenerate_key() {
    use ed25519_dalek::{Signature, Verifier, VerifyingKey};
    let key = VerifyingKey::from_bytes(&IDENTITY).unwrap();
    assert!(
        key.verify(
            b"any result",
            &Signature::from_bytes(&degenerate_signature())
        )
        .is_ok()
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_genuine_signature_still_verifies() {
    let secret = [7; 32];
    let public = public_key(&secret).unwrap();
    let signature = sign(&secret, b"a result").unwrap();
    assert!(verify(&public, b"a result", &signature));
    assert!(!verify(&public, b"another result", &signature));
}
