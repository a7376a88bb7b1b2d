//! One module per command; each stays short and calls into the library.

pub mod add;
pub mod build;
pub mod check;
pub mod glossary;
pub mod init;
pub mod outline;
pub mod translations;
pub mod watch;

/// Prints a build's stage timings (`--verbose`): wall time, CPU time where the system tells
/// it, and the enrich stage's steps.
pub fn print_timings(report: &crate::build::BuildReport) {
    for (i, (stage, ms)) in report.timings.iter().enumerate() {
        match report.cpu.get(i) {
            Some(cpu) => eprintln!("  {stage:<20} {ms:>8.1} ms  (CPU {cpu:.0} ms)"),
            None => eprintln!("  {stage:<20} {ms:>8.1} ms"),
        }
        if stage.starts_with("enrich") {
            for (step, ms) in &report.enrich_timings {
                eprintln!("    {step:<18} {ms:>8.1} ms");
            }
            eprintln!(
                "    (references to other documents linked: {})",
                report.cross_refs
            );
        }
    }
}
