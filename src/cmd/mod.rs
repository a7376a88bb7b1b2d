//! One module per command; each stays short and calls into the library.

pub mod outline;
