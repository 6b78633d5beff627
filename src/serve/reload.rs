//! Live reload: a Server-Sent Events stream of the site's generation, and the script and error
//! overlay injected into HTML responses while serving (never into `jobsmith build` output).
//!
//! Every page carries the generation it was served at; the stream sends the current one when the
//! page connects and again after every rebuild. A page reloads when they differ, so a rebuild
//! that lands between serving a page and its stream connecting is not missed, and a restarted
//! server (a new generation) reloads pages left open.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State as Shared;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;

use super::State;

/// Where pages listen for rebuilds; no site file can have this path (it starts with `__`
/// only by coincidence, and the route wins).
pub const EVENTS_PATH: &str = "/__jobsmith/events";

/// How soon a page reconnects after losing the stream (the server restarted).
const RETRY: Duration = Duration::from_millis(500);

/// The event stream: the current generation now, then after every rebuild.
pub async fn events(
    Shared(state): Shared<Arc<State>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let mut receiver = state.generation.subscribe();
    receiver.mark_changed();
    let stream = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.changed().await.ok()?;
        let generation = *receiver.borrow_and_update();
        let event = Event::default().retry(RETRY).data(generation.to_string());
        Some((Ok(event), receiver))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// The page with the reload script, and the error overlay when `error` is set, before `</body>`.
pub fn inject(html: &[u8], generation: u64, error: Option<&str>) -> Vec<u8> {
    let mut addition = script(generation);
    if let Some(message) = error {
        addition.push_str(&overlay(message));
    }
    let at = find_last_ignoring_case(html, b"</body>").unwrap_or(html.len());
    let mut page = Vec::with_capacity(html.len() + addition.len());
    page.extend_from_slice(&html[..at]);
    page.extend_from_slice(addition.as_bytes());
    page.extend_from_slice(&html[at..]);
    page
}

fn script(generation: u64) -> String {
    format!(
        "<script>(()=>{{const served=\"{generation}\";const events=new EventSource(\"{EVENTS_PATH}\");\
         events.onmessage=(e)=>{{if(e.data!==served){{events.close();location.reload();}}}};\
         addEventListener(\"pagehide\",()=>events.close());}})();</script>"
    )
}

/// The build error over the last good page, until a rebuild succeeds.
fn overlay(message: &str) -> String {
    format!(
        "<div id=\"jobsmith-error\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;\
         overflow:auto;margin:0;padding:2rem;background:rgba(32,0,0,.94);color:#fff;\
         font:15px/1.5 ui-monospace,Menlo,Consolas,monospace\">\
         <p style=\"margin:0 0 1rem;font-size:1.2em;color:#ffb4a9\"><strong>The last change does not build.</strong> \
         This is the last good site; fix the file and save, and this page reloads by itself.</p>\
         <pre style=\"white-space:pre-wrap;margin:0\">{}</pre></div>",
        crate::text::escape_markup(message)
    )
}

fn find_last_ignoring_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_end_of_the_body() {
        let page = inject(b"<html><body><p>x</p></BODY></html>", 7, None);
        let page = String::from_utf8(page).expect("utf-8");
        assert!(page.starts_with("<html><body><p>x</p><script>"), "{page}");
        assert!(page.ends_with("</script></BODY></html>"), "{page}");
        assert!(page.contains("const served=\"7\""));
        assert!(!page.contains("jobsmith-error"));
    }

    #[test]
    fn error_is_shown_escaped() {
        let page = inject(b"<p>old</p>", 1, Some("a.md:2:1: error: <bad> & \"worse\""));
        let page = String::from_utf8(page).expect("utf-8");
        assert!(page.starts_with("<p>old</p><script>"));
        assert!(page.contains("a.md:2:1: error: &lt;bad&gt; &amp; &quot;worse&quot;"));
    }
}
