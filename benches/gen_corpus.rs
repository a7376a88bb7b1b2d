//! Writes a synthetic site for the build benchmark: `gen_corpus DIR N [--enrich]` makes `DIR/gongwen`
//! (seeds/ + content/) and `DIR/hugo` (the same documents as Hugo content, one page per
//! article, with minimal real templates). Used by `benches/build.sh`.

#[path = "corpus.rs"]
mod corpus;

use std::fs;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (dir, n) = match (args.get(1), args.get(2).and_then(|n| n.parse().ok())) {
        (Some(d), Some(n)) => (Path::new(d).to_path_buf(), n),
        _ => {
            eprintln!("usage: gen_corpus DIR N [--enrich]");
            std::process::exit(2);
        }
    };
    let material = corpus::Material::from_seeds(&corpus::seed_texts());
    let docs = corpus::documents(&material, n);
    let g = dir.join("gongwen");
    fs::create_dir_all(g.join("seeds")).unwrap();
    fs::create_dir_all(g.join("content")).unwrap();
    fs::write(
        g.join("content/site.yaml"),
        "title: 基准测试\nbase_url: /\n",
    )
    .unwrap();
    // With --enrich, the project's own glossary and subjects, so the benchmark measures
    // term links, backlink pages, related passages and subject pages too.
    if args.iter().any(|a| a == "--enrich") {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        for name in ["glossary.yaml", "themes.yaml"] {
            fs::copy(content.join(name), g.join("content").join(name)).unwrap();
        }
    }
    let h = dir.join("hugo");
    fs::create_dir_all(h.join("layouts/_default")).unwrap();
    fs::write(
        h.join("hugo.toml"),
        "baseURL = '/'\ntitle = 'bench'\ndisableKinds = ['taxonomy','term','RSS','sitemap']\n",
    )
    .unwrap();
    fs::write(
        h.join("layouts/_default/baseof.html"),
        "<!DOCTYPE html><html lang=zh-Hans><head><meta charset=utf-8><title>{{ .Title }}</title></head><body><main>{{ block \"main\" . }}{{ end }}</main></body></html>\n",
    )
    .unwrap();
    fs::write(
        h.join("layouts/_default/single.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n",
    )
    .unwrap();
    fs::write(
        h.join("layouts/_default/list.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
    )
    .unwrap();
    let mut total = 0;
    for (i, doc) in docs.iter().enumerate() {
        total += doc.len();
        fs::write(g.join(format!("seeds/doc{i:05}.txt")), doc).unwrap();
        let d = h.join(format!("content/doc{i:05}"));
        fs::create_dir_all(&d).unwrap();
        fs::write(d.join("_index.md"), format!("---\ntitle: doc{i}\n---\n")).unwrap();
        // One Markdown page per article, as the peers were measured.
        let mut articles: Vec<Vec<String>> = vec![Vec::new()];
        for line in doc.lines() {
            let l = line.trim_start_matches('#').trim();
            if l.starts_with('第') && l.contains('条') {
                articles.push(Vec::new());
            }
            let md = if l.contains('、') && l.chars().count() < 24 {
                format!("## {l}")
            } else {
                l.to_string()
            };
            articles.last_mut().unwrap().push(md);
        }
        for (a, lines) in articles.iter().enumerate() {
            fs::write(
                d.join(format!("a{a}.md")),
                format!("---\ntitle: a{a}\n---\n{}\n", lines.join("\n")),
            )
            .unwrap();
        }
    }
    eprintln!(
        "{n} documents, {:.1} MB of text, in {}",
        total as f64 / 1e6,
        dir.display()
    );
}
