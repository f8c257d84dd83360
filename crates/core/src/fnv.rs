//! FNV-1a, 64 bits: a digest that tells texts apart (a start from another, a file from
//! another version of it). Not a defence: anyone can make two texts with one digest.
//! `build.rs` includes this file too.

/// The FNV-1a digest of `bytes`.
pub fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    /// The published test vectors: stored receipts and the bundled file's check depend on
    /// these values staying what they are.
    #[test]
    fn fnv1a_gives_the_published_digests() {
        assert_eq!(super::fnv1a(*b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(super::fnv1a(*b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(super::fnv1a(*b"foobar"), 0x8594_4171_f739_67e8);
    }
}
