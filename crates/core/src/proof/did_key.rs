//! Multibase base58btc and Ed25519 `did:key` identifiers.
//!
//! - Multibase (Controlled Identifiers v1.0, section 2.4): `z` then the bytes in base58btc (the
//!   Bitcoin alphabet).
//! - `did:key` (W3C CCG, "The did:key Method"): `did:key:` then the multibase base58btc of the
//!   unsigned-varint multicodec code of the key type, `0xed` (`ed25519-pub`, the bytes `ed 01`),
//!   followed by the 32 bytes of the public key. Its verification method is the DID, `#`, and
//!   the multibase value again. Ed25519 keys so encoded always begin `z6Mk`.

use super::ProofError;

/// Longest multibase value [`multibase_decode`] decodes, in bytes of text. Keys and signatures
/// take under 100; base58 decoding takes time quadratic in the length, so longer input is
/// refused rather than decoded.
pub const MAX_MULTIBASE_LEN: usize = 256;

/// The multicodec code of an Ed25519 public key (`ed25519-pub`).
const ED25519_PUB: u64 = 0xed;

/// `bytes` as a multibase base58btc value: `z` then base58 (Bitcoin alphabet).
pub fn multibase_encode(bytes: &[u8]) -> String {
    let mut text = String::from("z");
    text.push_str(&bs58::encode(bytes).into_string());
    text
}

/// The bytes of a multibase base58btc value (`z…`).
///
/// # Errors
/// [`ProofError::MalformedMultibase`] when `text` does not start with `z`, has a character
/// outside the base58 alphabet, or is longer than [`MAX_MULTIBASE_LEN`].
pub fn multibase_decode(text: &str) -> Result<Vec<u8>, ProofError> {
    if text.len() > MAX_MULTIBASE_LEN {
        return Err(ProofError::MalformedMultibase);
    }
    let base58 = text
        .strip_prefix('z')
        .ok_or(ProofError::MalformedMultibase)?;
    bs58::decode(base58)
        .into_vec()
        .map_err(|_| ProofError::MalformedMultibase)
}

/// The multibase value naming an Ed25519 public key: `z6Mk…`.
fn key_multibase(public_key: &[u8; 32]) -> String {
    // 0xed as an unsigned varint is `ed 01`.
    let mut bytes = Vec::with_capacity(34);
    bytes.extend_from_slice(&[0xed, 0x01]);
    bytes.extend_from_slice(public_key);
    multibase_encode(&bytes)
}

/// The `did:key` of an Ed25519 public key: `did:key:z6Mk…`.
pub fn did_key(public_key: &[u8; 32]) -> String {
    format!("did:key:{}", key_multibase(public_key))
}

/// The verification method of an Ed25519 public key, as proofs name it:
/// `did:key:z6Mk…#z6Mk…` (the DID, `#`, the key's multibase value).
pub fn verification_method(public_key: &[u8; 32]) -> String {
    let key = key_multibase(public_key);
    format!("did:key:{key}#{key}")
}

/// The Ed25519 public key that a `did:key` verification method (`did:key:z6Mk…#z6Mk…`) names.
///
/// Strict: the fragment must be the key's multibase value, the multicodec varint minimal,
/// the key exactly 32 bytes, and the identifier must be exactly the one [`verification_method`]
/// writes for that key. Whether the bytes are a point of the curve is left to the signature
/// check (WebCrypto's key import, or `native::verify`).
///
/// # Errors
/// - [`ProofError::UnsupportedVerificationMethod`] when it is not a `did:key`;
/// - [`ProofError::KeyNotEd25519`] when the `did:key` holds another kind of key;
/// - [`ProofError::MalformedKey`] otherwise.
pub fn public_key_of(verification_method: &str) -> Result<[u8; 32], ProofError> {
    let Some(identifier) = verification_method.strip_prefix("did:key:") else {
        return Err(ProofError::UnsupportedVerificationMethod(super::excerpt(
            verification_method,
        )));
    };
    let (key, fragment) = identifier.split_once('#').ok_or(ProofError::MalformedKey)?;
    if key != fragment {
        return Err(ProofError::MalformedKey);
    }
    let bytes = multibase_decode(key).map_err(|_| ProofError::MalformedKey)?;
    let (code, public_key) = read_varint(&bytes).ok_or(ProofError::MalformedKey)?;
    if code != ED25519_PUB {
        return Err(ProofError::KeyNotEd25519(code));
    }
    let public_key: [u8; 32] = public_key
        .try_into()
        .map_err(|_| ProofError::MalformedKey)?;
    // Refuses non-minimal varints and any other spelling of the same key.
    if key_multibase(&public_key) != key {
        return Err(ProofError::MalformedKey);
    }
    Ok(public_key)
}

/// An unsigned varint (multiformats: LEB128, at most 9 bytes) and the bytes after it.
fn read_varint(bytes: &[u8]) -> Option<(u64, &[u8])> {
    let mut value = 0u64;
    for (index, byte) in bytes.iter().enumerate().take(9) {
        value |= u64::from(byte & 0x7f) << (7 * index);
        if byte & 0x80 == 0 {
            return Some((value, &bytes[index + 1..]));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints() {
        assert_eq!(read_varint(&[0xed, 0x01, 7]), Some((0xed, &[7u8][..])));
        assert_eq!(read_varint(&[0x80, 0x24]), Some((0x1200, &[][..])));
        assert_eq!(read_varint(&[0x80]), None);
        assert_eq!(read_varint(&[]), None);
        assert_eq!(read_varint(&[0xff; 12]), None);
    }

    #[test]
    fn multibase_round_trip() {
        for bytes in [&[][..], &[0], &[0, 0, 1], &[255; 64]] {
            assert_eq!(
                multibase_decode(&multibase_encode(bytes)),
                Ok(bytes.to_vec())
            );
        }
        for text in ["", "f00", "z0", "zO", "zl", "zI", "z+"] {
            assert_eq!(
                multibase_decode(text),
                Err(ProofError::MalformedMultibase),
                "{text}"
            );
        }
        let long = format!("z{}", "2".repeat(MAX_MULTIBASE_LEN));
        assert_eq!(multibase_decode(&long), Err(ProofError::MalformedMultibase));
    }
}
