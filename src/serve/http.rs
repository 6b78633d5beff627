//! The HTTP side of `serve`: answers GET and HEAD from the site in memory.
//!
//! A request path is percent-decoded and split into segments; any `.` or `..` segment, a
//! backslash or a NUL is refused before the site is looked at, and the site is a map of its own
//! files, so nothing outside it can be reached. Folders answer with their `index.html`, a folder
//! named without its slash is redirected to it, and unknown paths get the site's `404.html`.

use std::convert::Infallible;
use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State as Shared;
use axum::http::{HeaderMap, HeaderValue, Method, Request, Response, StatusCode, header};
use axum::routing::get;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tower::ServiceExt as _;

use super::State;
use super::reload;

/// How long a client may take to send a request's head. hyper measures the wait of an idle
/// connection for its next request with the same clock, so this is the idle limit too: a
/// browser simply opens a new connection.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);

/// Most connections served at once; further ones wait to be accepted until one closes, so held
/// connections cannot use up the process's file descriptors.
pub const MAX_CONNECTIONS: usize = 256;

/// Serves until Ctrl-C (or SIGTERM). `loopback`: the server listens on loopback only, and then
/// answers only requests for a local host name (a page of another site cannot reach it through
/// a DNS name that points at 127.0.0.1).
pub async fn serve(listener: TcpListener, state: Arc<State>, loopback: bool) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let app = Router::new()
        .route(reload::EVENTS_PATH, get(reload::events))
        .fallback(answer)
        .with_state(state);
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let stop = stopped();
    tokio::pin!(stop);
    loop {
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => slot?,
            () = &mut stop => return Ok(()),
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of descriptors or a connection reset before it was accepted: try again.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => return Ok(()),
        };
        let app = app.clone();
        tokio::spawn(async move {
            let service =
                hyper::service::service_fn(move |request| guarded(app.clone(), loopback, request));
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(slot);
        });
    }
}

/// Answers one request: refused when its host is not local (on loopback), and always with the
/// headers every answer carries.
async fn guarded(
    app: Router,
    loopback: bool,
    request: Request<Incoming>,
) -> Result<Response<Body>, Infallible> {
    let mut response = if loopback && !local_host(request.headers()) {
        plain(
            StatusCode::FORBIDDEN,
            "unknown Host: this preview answers only localhost and 127.0.0.1\n",
        )
    } else {
        match app.oneshot(request.map(Body::new)).await {
            Ok(response) => response,
            Err(never) => match never {},
        }
    };
    // Always ask again: the site changes under the browser.
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    Ok(response)
}

/// Whether a request names this machine: `localhost` (or a name under it), a loopback address,
/// or no host at all.
fn local_host(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(header::HOST) else {
        return true;
    };
    let Ok(host) = value.to_str() else {
        return false;
    };
    let host = host.to_ascii_lowercase();
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host.as_str(), |(name, port)| {
            if port.bytes().all(|b| b.is_ascii_digit()) {
                name
            } else {
                host.as_str()
            }
        }),
    };
    name == "localhost"
        || name.ends_with(".localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Resolves when the user asks the server to stop.
async fn stopped() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                term.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    eprintln!("Stopped.");
}

/// What a request path resolves to.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// A file of the site, by its path there.
    File(String),
    /// A folder named without its trailing slash: where to send the browser.
    Redirect(String),
    NotFound,
    /// A path that tries to leave the site, or cannot be decoded.
    Refused,
}

/// Answers every request that is not the reload event stream.
async fn answer(Shared(state): Shared<Arc<State>>, request: Request<Body>) -> Response<Body> {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut response = plain(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let site = state.site();
    let uri = request.uri();
    match resolve(uri.path(), |path| site.get(path).is_some()) {
        Target::File(path) => {
            let bytes = site.get(&path).cloned().unwrap_or_default();
            page(&state, StatusCode::OK, &path, bytes)
        }
        Target::Redirect(to) => {
            let to = match uri.query() {
                Some(query) => format!("{to}?{query}"),
                None => to,
            };
            redirect(&to)
        }
        Target::NotFound => {
            let bytes = site.get("404.html").cloned().unwrap_or_default();
            page(&state, StatusCode::NOT_FOUND, "404.html", bytes)
        }
        Target::Refused => plain(StatusCode::BAD_REQUEST, "bad path\n"),
    }
}

/// Finds the site file for a raw request path; `exists` tells whether the site has a file.
fn resolve(raw: &str, exists: impl Fn(&str) -> bool) -> Target {
    let Some(decoded) = percent_decode(raw) else {
        return Target::Refused;
    };
    let Some(inside) = decoded.strip_prefix('/') else {
        return Target::Refused;
    };
    let segments: Vec<&str> = inside.split('/').collect();
    let bad = |s: &&str| *s == "." || *s == ".." || s.contains('\\') || s.contains('\0');
    if segments.iter().any(bad) {
        return Target::Refused;
    }
    if inside.is_empty() || inside.ends_with('/') {
        let index = format!("{inside}index.html");
        return if exists(&index) {
            Target::File(index)
        } else {
            Target::NotFound
        };
    }
    if exists(inside) {
        Target::File(inside.to_string())
    } else if exists(&format!("{inside}/index.html")) {
        Target::Redirect(format!("{raw}/"))
    } else {
        Target::NotFound
    }
}

/// Decodes `%XX` escapes (a `%` without two hex digits stays as it is); `None` for text that is
/// not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .ok()?;
    Some(decoded.into_owned())
}

/// A site file, with the reload script (and the error, if the last rebuild failed) in HTML.
fn page(state: &State, status: StatusCode, path: &str, bytes: Bytes) -> Response<Body> {
    let kind = content_type(path);
    let body = if kind.as_bytes().starts_with(b"text/html") {
        let error = state.error();
        Bytes::from(reload::inject(&bytes, state.generation(), error.as_deref()))
    } else {
        bytes
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, kind);
    response
}

fn redirect(to: &str) -> Response<Body> {
    let mut response = plain(StatusCode::PERMANENT_REDIRECT, "");
    if let Ok(location) = HeaderValue::from_str(to) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

fn plain(status: StatusCode, text: &'static str) -> Response<Body> {
    let mut response = Response::new(Body::from(text));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// The media type of a site file, by its extension; text in UTF-8. Feeds and the sitemap are
/// `application/xml` (mime_guess says `text/xml`), as static hosts serve them.
fn content_type(path: &str) -> HeaderValue {
    if path
        .rsplit_once('.')
        .is_some_and(|(_, e)| e.eq_ignore_ascii_case("xml"))
    {
        return HeaderValue::from_static("application/xml");
    }
    let Some(kind) = mime_guess::from_path(path).first() else {
        return HeaderValue::from_static("application/octet-stream");
    };
    let text = kind.type_() == mime_guess::mime::TEXT || kind.subtype() == "javascript";
    let value = if text && kind.get_param("charset").is_none() {
        format!("{kind}; charset=utf-8")
    } else {
        kind.to_string()
    };
    HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static("application/octet-stream"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &str) -> bool {
        ["index.html", "jobs/a/index.html", "rss.xml", "a b.txt"].contains(&path)
    }

    #[test]
    fn folders_serve_their_index_and_want_their_slash() {
        assert_eq!(resolve("/", site), Target::File("index.html".into()));
        assert_eq!(
            resolve("/jobs/a/", site),
            Target::File("jobs/a/index.html".into())
        );
        assert_eq!(
            resolve("/jobs/a", site),
            Target::Redirect("/jobs/a/".into())
        );
        assert_eq!(resolve("/rss.xml", site), Target::File("rss.xml".into()));
        assert_eq!(resolve("/a%20b.txt", site), Target::File("a b.txt".into()));
        assert_eq!(resolve("/nope/", site), Target::NotFound);
        assert_eq!(resolve("/jobs/", site), Target::NotFound);
        // A `%` without two hex digits is a `%`.
        assert_eq!(resolve("/%zz", site), Target::NotFound);
        assert_eq!(resolve("/%2", site), Target::NotFound);
    }

    #[test]
    fn refuses_every_way_out() {
        for path in [
            "/../etc/passwd",
            "/jobs/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/etc/passwd",
            "/..%2fetc/passwd",
            "/..%2Fetc%2Fpasswd",
            "/.%2e/x",
            "/./index.html",
            "/..\\x",
            "/%5c..%5cx",
            "/a%00",
            "/%e9",
            "relative",
        ] {
            assert_eq!(resolve(path, site), Target::Refused, "{path}");
        }
    }

    #[test]
    fn only_local_host_names_pass_on_loopback() {
        let with = |host: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::HOST, HeaderValue::from_str(host).expect("header"));
            local_host(&headers)
        };
        for good in [
            "localhost",
            "localhost:1111",
            "127.0.0.1:1111",
            "127.1.2.3",
            "[::1]:1111",
            "board.localhost:8080",
            "LOCALHOST",
        ] {
            assert!(with(good), "{good}");
        }
        for bad in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "10.0.0.1:1111",
            "[::2]:1111",
            "127.0.0.1.evil.example",
        ] {
            assert!(!with(bad), "{bad}");
        }
        assert!(local_host(&HeaderMap::new()));
    }

    #[test]
    fn knows_the_types_the_site_uses() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.1234.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("sitemap.xml"), "application/xml");
        assert_eq!(content_type("feed.json"), "application/json");
        assert_eq!(content_type("favicon.svg"), "image/svg+xml");
        assert_eq!(content_type("x.woff2"), "font/woff2");
        assert_eq!(content_type("favicon.ico"), "image/x-icon");
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("app.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("logo.PNG"), "image/png");
    }
}
