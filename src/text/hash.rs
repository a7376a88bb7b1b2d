//! Hashes whose values are written out (asset names, translation fingerprints) and so must
//! stay the same from version to version.

/// A short content hash for cache-busting names (FNV-1a, 64 bits, the upper half in hex).
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:08x}", (fnv1a64(bytes.iter().copied()) >> 32) as u32)
}

/// FNV-1a, 64 bits: content hashes and translation fingerprints.
pub fn fnv1a64(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
