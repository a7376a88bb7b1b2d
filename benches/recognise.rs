//! Recognition throughput on a synthetic corpus, at growing sizes, to show it is linear.
//! Run with `cargo bench --bench recognise`. Prints MB/s per size; not a test.

#[path = "corpus.rs"]
mod corpus;

use std::time::Instant;

use gongwen::{outline, source};

fn main() {
    let material = corpus::Material::from_seeds(&corpus::seed_texts());
    println!(
        "{:>10} {:>10} {:>10} {:>12}",
        "documents", "MB", "ms", "MB/s"
    );
    for n in [25, 50, 100, 200, 400, 800] {
        let docs = corpus::documents(&material, n);
        let texts: Vec<_> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| source::decode(&format!("seeds/d{i}.txt"), d.as_bytes()).unwrap())
            .collect();
        let bytes: usize = docs.iter().map(String::len).sum();
        let mut best = f64::MAX;
        for _ in 0..3 {
            let start = Instant::now();
            let mut nodes = 0;
            for t in &texts {
                let o = outline::recognise(t, &[]).unwrap();
                nodes += o.nodes.len();
            }
            std::hint::black_box(nodes);
            best = best.min(start.elapsed().as_secs_f64());
        }
        let mb = bytes as f64 / 1e6;
        println!(
            "{n:>10} {mb:>10.2} {:>10.1} {:>12.1}",
            best * 1000.0,
            mb / best
        );
    }
}
