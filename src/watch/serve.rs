//! `gongwen serve`'s HTTP server: the output folder on 127.0.0.1 under the site's base path,
//! with live reload.
//!
//! A thread per connection (a preview has a handful of clients), at most [`MAX_CONNECTIONS`]
//! at a time; a connection that sends nothing for [`IDLE`] is closed. HTML responses get a
//! `<script>` for `live.js` added on the way out, never written into the output folder;
//! `live.js` follows `/__gongwen/events` (server-sent events) and reloads the page after a
//! rebuild, or shows the error over it. Before the first good build every page is a 503
//! with the error.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result};

use super::live::{Event, Live};

const LIVE_JS: &str = include_str!("live.js");
/// Under the base path; no page of the site starts with `__`.
const PREFIX: &str = "__gongwen/";

/// What the server threads share.
pub struct Server {
    pub out: PathBuf,
    /// The site's base path (`/` or `/repo/`); follows `content/site.yaml`.
    pub base: Mutex<String>,
    pub live: Arc<Live>,
}

/// Binds 127.0.0.1:`port` (0 for any free port) and returns the listener's address.
pub fn bind(port: u16) -> Result<TcpListener> {
    TcpListener::bind(("127.0.0.1", port))
        .with_context(|| format!("127.0.0.1:{port}: cannot listen"))
}

/// How many connections are served at once (each browser tab holds one for live reload).
pub const MAX_CONNECTIONS: usize = 64;
/// How long a connection may send nothing before it is closed.
pub const IDLE: Duration = Duration::from_secs(10);
/// The most a request's head (request line and headers) may take.
const MAX_HEAD: u64 = 16 * 1024;

/// Serves connections until the process ends.
pub fn run(listener: TcpListener, server: Arc<Server>) {
    let open = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    for mut stream in listener.incoming().flatten() {
        use std::sync::atomic::Ordering;
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            let _ = stream.set_write_timeout(Some(IDLE));
            let _ = stream.write_all(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            continue;
        }
        let server = Arc::clone(&server);
        let open = Arc::clone(&open);
        std::thread::spawn(move || {
            let _ = handle(stream, &server);
            open.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

fn handle(stream: TcpStream, server: &Server) -> std::io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    stream.set_write_timeout(Some(IDLE))?;
    let mut reader = BufReader::new(std::io::Read::take(stream.try_clone()?, MAX_HEAD));
    let mut request = String::new();
    reader.read_line(&mut request)?;
    // Headers are not needed; read them to the blank line.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let mut parts = request.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let mut stream = Reply {
        stream,
        head_only: method == "HEAD",
    };
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"GET only\n",
        );
    }
    let path = percent_decode(target.split(['?', '#']).next().unwrap_or("/"));
    let base = server
        .base
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let Some(rel) = path.strip_prefix(&base) else {
        if path == "/" || format!("{path}/") == base {
            return redirect(&mut stream, &base);
        }
        return not_found(&mut stream, server, &base);
    };
    if let Some(name) = rel.strip_prefix(PREFIX) {
        return match name {
            "events" => events(stream.stream, &server.live),
            "live.js" => respond(&mut stream, "200 OK", "text/javascript", LIVE_JS.as_bytes()),
            _ => not_found(&mut stream, server, &base),
        };
    }
    if let Some(error) = server.live.first_build_error() {
        let page = format!(
            "<!DOCTYPE html><html lang=zh-Hans><meta charset=utf-8><title>构建失败 build failed</title><body><h1>构建失败 · build failed</h1><pre>{}</pre></body></html>",
            escape(&error)
        );
        let page = inject(page.as_bytes(), &base);
        return respond(
            &mut stream,
            "503 Service Unavailable",
            "text/html; charset=utf-8",
            &page,
        );
    }
    let Some(mut file) = inside(&server.out, rel) else {
        return not_found(&mut stream, server, &base);
    };
    if file.is_dir() {
        if !rel.is_empty() && !rel.ends_with('/') {
            return redirect(&mut stream, &format!("{path}/"));
        }
        file = file.join("index.html");
    }
    match std::fs::read(&file) {
        Ok(bytes) => send_file(&mut stream, "200 OK", &file, &bytes, &base),
        Err(_) => not_found(&mut stream, server, &base),
    }
}

/// The file `rel` names under `out`, if it stays inside (no `..`, no absolute path).
fn inside(out: &Path, rel: &str) -> Option<PathBuf> {
    let rel = Path::new(rel);
    rel.components()
        .all(|c| matches!(c, std::path::Component::Normal(_)))
        .then(|| out.join(rel))
}

fn not_found(stream: &mut Reply, server: &Server, base: &str) -> std::io::Result<()> {
    let file = server.out.join("404.html");
    let bytes = std::fs::read(&file).unwrap_or_else(|_| b"not found\n".to_vec());
    send_file(stream, "404 Not Found", &file, &bytes, base)
}

fn send_file(
    stream: &mut Reply,
    status: &str,
    file: &Path,
    bytes: &[u8],
    base: &str,
) -> std::io::Result<()> {
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    let kind = match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        _ => "application/octet-stream",
    };
    if ext == "html" {
        respond(stream, status, kind, &inject(bytes, base))
    } else {
        respond(stream, status, kind, bytes)
    }
}

/// Adds the live-reload script to an HTML page, before `</body>` (or at the end).
fn inject(html: &[u8], base: &str) -> Vec<u8> {
    let tag = format!("<script src=\"{base}{PREFIX}live.js\" data-base=\"{base}\"></script>");
    let at = html
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn respond(reply: &mut Reply, status: &str, kind: &str, body: &[u8]) -> std::io::Result<()> {
    let stream = &mut reply.stream;
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    // A HEAD request gets the headers of a GET, without the body.
    if !reply.head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// A connection being answered, and whether the request was HEAD.
struct Reply {
    stream: TcpStream,
    head_only: bool,
}

fn redirect(stream: &mut Reply, to: &str) -> std::io::Result<()> {
    write!(
        stream.stream,
        "HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )?;
    stream.stream.flush()
}

/// The event stream: the current error at once if there is one, then each rebuild's outcome,
/// and a comment every 15 s (a write to a closed client ends the thread).
fn events(mut stream: TcpStream, live: &Live) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\nretry: 500\n\n"
    )?;
    let (mut seen, error) = live.current();
    if let Some(e) = error {
        send_event(&mut stream, &Event::Error(e))?;
    }
    loop {
        match live.wait(seen, Duration::from_secs(15)) {
            Some((generation, event)) => {
                seen = generation;
                send_event(&mut stream, &event)?;
            }
            None => {
                stream.write_all(b": keep-alive\n\n")?;
                stream.flush()?;
            }
        }
    }
}

fn send_event(stream: &mut TcpStream, event: &Event) -> std::io::Result<()> {
    match event {
        Event::Reload => stream.write_all(b"event: reload\ndata: \n\n")?,
        Event::Error(e) => {
            let data = serde_json::to_string(e).unwrap_or_default();
            write!(stream, "event: failed\ndata: {data}\n\n")?;
        }
    }
    stream.flush()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_the_script_before_the_body_ends() {
        let out = inject(b"<html><body><p>x</p></body></html>", "/gongwen/");
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains(
            "<p>x</p><script src=\"/gongwen/__gongwen/live.js\" data-base=\"/gongwen/\"></script></body>"
        ));
    }

    #[test]
    fn serves_nothing_outside_the_output_folder() {
        let out = Path::new("/site");
        assert_eq!(
            inside(out, "a/index.html"),
            Some(PathBuf::from("/site/a/index.html"))
        );
        assert_eq!(inside(out, ""), Some(PathBuf::from("/site")));
        for rel in ["/etc/passwd", "../x", "a/../../x"] {
            assert_eq!(inside(out, rel), None, "{rel}");
        }
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("/a%20b/%E6%9D%A1"), "/a b/条");
        assert_eq!(percent_decode("/100%"), "/100%");
    }
}
