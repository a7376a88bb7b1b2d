//! One module per command; each stays short and calls into the library.

pub mod build;
pub mod check;
pub mod glossary;
pub mod outline;
pub mod translations;
pub mod watch;
