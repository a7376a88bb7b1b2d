//! Subjects: the clauses of all documents grouped by theme (`content/themes.yaml`). A
//! passage belongs to every theme one of whose keywords it contains (folded, so dash and
//! width variants match).

use super::terms::Scan;
use super::Unit;
pub use crate::content::themes::Theme;

/// A theme with its passages, in document order, by slot (see [`super::Slots`]).
#[derive(Debug, Clone)]
pub struct Subject {
    pub slug: String,
    pub zh: String,
    pub en: String,
    pub members: Vec<usize>,
}

/// Groups the units by theme, from what each unit's scan found.
pub fn group(units: &[Unit], themes: &[Theme], scans: &[&Scan]) -> Vec<Subject> {
    let mut subjects: Vec<Subject> = themes
        .iter()
        .map(|t| Subject {
            slug: t.slug.clone(),
            zh: t.zh.clone(),
            en: t.en.clone(),
            members: Vec::new(),
        })
        .collect();
    for (u, scan) in units.iter().zip(scans) {
        for &i in &scan.themes {
            if let Some(s) = subjects.get_mut(i) {
                s.members.push(u.slot);
            }
        }
    }
    subjects
}
