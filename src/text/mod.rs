//! Text primitives the rest of the crate shares: folding variants together ([`fold`]),
//! stable hashes ([`hash`]), URL slugs ([`slug`]) and the display form of punctuation
//! ([`punct`]). Imports nothing from the crate.

pub mod fold;
pub mod hash;
pub mod punct;
pub mod slug;
