//! Text primitives the rest of the crate shares: folding variants together ([`fold`]) and
//! stable hashes ([`hash`]). Imports nothing from the crate.

pub mod fold;
pub mod hash;
