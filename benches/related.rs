//! Precision and recall of related passages on a hand-labelled set of pairs:
//!
//!     bash benches/laws-project.sh /tmp/laws
//!     cargo run --release --example related -- /tmp/laws tests/fixtures/related-laws.yaml
//!
//! Each pair names two passages as `<seed key>#<id>` and says whether a reader of the first
//! wants the second shown beside it. A pair is predicted related when either passage lists
//! the other. Prints the counts and every wrong prediction.

use gongwen::enrich;

#[derive(serde::Deserialize)]
struct Pair {
    a: String,
    b: String,
    related: bool,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let root = args.next().expect("usage: related ROOT PAIRS.yaml");
    let pairs = args.next().expect("usage: related ROOT PAIRS.yaml");
    let project = gongwen::project::load(std::path::Path::new(&root)).expect("the project loads");
    let started = std::time::Instant::now();
    let e = enrich::run(&project);
    let ms = started.elapsed().as_millis();
    let text = std::fs::read_to_string(&pairs).expect("the pairs can be read");
    let pairs: Vec<Pair> = serde_yaml::from_str(&text).expect("the pairs parse");
    let nodes = enrich::nodes_by_slot(&project);
    let find = |name: &str| {
        let (key, id) = name.split_once('#')?;
        let doc = (project.documents.iter()).position(|d| d.source.key == key)?;
        Some((doc, project.documents[doc].outline.find(id)?))
    };
    let lists = |(doc, node): (usize, &gongwen::outline::Node), to: &gongwen::outline::Node| {
        (e.related_of(doc, node).iter()).any(|r| std::ptr::eq(nodes[r.slot].node, to))
    };
    let (mut tp, mut fp, mut fn_, mut tn) = (0, 0, 0, 0);
    for p in &pairs {
        let (Some(a), Some(b)) = (find(&p.a), find(&p.b)) else {
            println!("gone from the outline: {} or {}", p.a, p.b);
            continue;
        };
        let predicted = lists(a, b.1) || lists(b, a.1);
        match (predicted, p.related) {
            (true, true) => tp += 1,
            (true, false) => {
                fp += 1;
                println!("shown, not related: {} -> {}", p.a, p.b);
            }
            (false, true) => {
                fn_ += 1;
                println!("related, not shown: {} -> {}", p.a, p.b);
            }
            (false, false) => tn += 1,
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "{} pairs: precision {precision:.2}, recall {recall:.2} (shown and related {tp}, shown not related {fp}, related not shown {fn_}, neither {tn}); enrichment {ms} ms",
        pairs.len()
    );
}
