//! A synthetic corpus of official documents, made by recombining the seeds' sentences into
//! the genre's structure (第X条 › 一、 › (一) with titled sections and numbered items), with the
//! seeds' kind of noise: `#` marks at wrong levels, ASCII punctuation, paragraphs broken
//! across a blank line. Deterministic: the same `n` gives the same texts.

/// A small deterministic generator (xorshift64*), so benchmarks need no extra crate.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E3779B97F4A7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Sentences and titles taken from the seeds.
pub struct Material {
    pub sentences: Vec<String>,
    pub titles: Vec<String>,
}

impl Material {
    pub fn from_seeds(texts: &[String]) -> Material {
        let mut sentences = Vec::new();
        let mut titles = Vec::new();
        for text in texts {
            for line in text.lines() {
                let line = line.trim_start_matches('#').trim();
                let body = strip_marker(line);
                if body.chars().count() >= 6 && body.chars().count() <= 16 && !body.contains('。')
                {
                    titles.push(body.to_string());
                }
                for s in body.split_inclusive('。') {
                    if s.ends_with('。') && s.chars().count() >= 10 {
                        sentences.push(s.to_string());
                    }
                }
            }
        }
        sentences.sort();
        sentences.dedup();
        titles.sort();
        titles.dedup();
        Material { sentences, titles }
    }
}

fn strip_marker(line: &str) -> &str {
    for (i, c) in line.char_indices() {
        if matches!(c, '、' | ')' | '）') && i <= 12 {
            return line[i + c.len_utf8()..].trim();
        }
    }
    line
}

fn numeral(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n].into(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[n - 10]),
        _ => format!("{}十{}", D[n / 10], D[n % 10]),
    }
}

/// One document of about `target` bytes: a title, a preamble, articles with titled sections
/// and numbered items, and some noise.
pub fn document(m: &Material, rng: &mut Rng, index: usize, target: usize) -> String {
    let mut out = format!("# 示例合作文件第{index}号\n\n");
    let pick = |rng: &mut Rng, v: &Vec<String>| v[rng.below(v.len())].clone();
    out.push_str(&pick(rng, &m.sentences));
    out.push_str("\n\n");
    let mut article = 0;
    while out.len() < target {
        article += 1;
        let mark = if rng.below(3) == 0 { "" } else { "## " };
        out.push_str(&format!(
            "{mark}第{}条 {}\n\n",
            numeral(article),
            pick(rng, &m.titles)
        ));
        let sections = 2 + rng.below(5);
        for s in 1..=sections {
            let mark = ["", "### ", "## "][rng.below(3)];
            out.push_str(&format!(
                "{mark}{}、{}\n\n",
                numeral(s),
                pick(rng, &m.titles)
            ));
            for i in 1..=(1 + rng.below(6)) {
                let mut text = pick(rng, &m.sentences);
                if rng.below(4) == 0 {
                    text.push_str(&pick(rng, &m.sentences));
                }
                if rng.below(25) == 0 && text.chars().count() > 30 {
                    // A page-break artefact: the paragraph broken mid-sentence.
                    let cut = text.char_indices().nth(20).map(|c| c.0).unwrap_or(0);
                    text.insert_str(cut, "\n\n");
                }
                out.push_str(&format!("({}) {text}\n\n", numeral(i)));
            }
        }
    }
    out
}

/// `n` documents of 15–30 KB each.
pub fn documents(m: &Material, n: usize) -> Vec<String> {
    let mut rng = Rng::new(42);
    (1..=n)
        .map(|i| {
            let target = 15_000 + rng.below(15_000);
            document(m, &mut rng, i, target)
        })
        .collect()
}

/// The seeds of this repository, read from its `seeds/` folder.
pub fn seed_texts() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}
