//! Text primitives the rest of the crate shares: folding variants together ([`fold`]),
//! stable hashes ([`hash`]) and URL slugs ([`slug`]). Imports nothing from the crate.

pub mod fold;
pub mod hash;
pub mod slug;
