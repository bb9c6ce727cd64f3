//! The stdio transport: JSON-RPC frames in and out, read defensively.
//!
//! `lsp-server`'s own stdio reader stops at the first malformed frame and
//! allocates whatever `Content-Length` says; a client that sends garbage,
//! or dies mid-frame, must not crash the server nor make it allocate
//! gigabytes. This reader bounds a frame at [`FRAME_LIMIT`], answers a body
//! that is not JSON-RPC with a parse error, skips bad headers to the next
//! frame, and closes the channel at the end of input, so the server exits
//! cleanly.

use std::io::{self, BufRead, Read, Write};
use std::thread;

use crossbeam_channel::{Receiver, Sender, bounded, unbounded};
use lsp_server::{Connection, Message};

/// The largest frame read: a document is at most the input limit of
/// `bout check` (`crate::input::SCRIPT_LIMIT`), and JSON escaping may
/// double it.
pub const FRAME_LIMIT: usize = 2 * crate::input::SCRIPT_LIMIT as usize + (1 << 20);

/// The longest header line read: real headers are a few dozen bytes.
const HEADER_LIMIT: usize = 1024;

/// The threads of a stdio connection, joined when the server is done.
pub struct IoThreads {
    reader: thread::JoinHandle<()>,
    writer: thread::JoinHandle<io::Result<()>>,
}

impl IoThreads {
    /// Waits for the reader and the writer. The reader ends at the end of
    /// input; when the server stops first (after `exit`) it is left
    /// blocked on stdin, which the process's exit closes.
    pub fn join(self) -> io::Result<()> {
        drop(self.reader);
        self.writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the writer thread panicked")))
    }
}

/// A connection over stdin and stdout.
pub fn stdio() -> (Connection, IoThreads) {
    let (to_server, from_client) = unbounded::<Message>();
    let (to_client, from_server) = bounded::<Message>(64);
    let errors = to_client.clone();
    let reader = thread::Builder::new()
        .name("bout-lsp-reader".to_owned())
        .spawn(move || read_frames(&mut io::stdin().lock(), &to_server, &errors))
        .expect("spawning a thread");
    let writer = thread::Builder::new()
        .name("bout-lsp-writer".to_owned())
        .spawn(move || write_frames(&mut io::stdout().lock(), &from_server))
        .expect("spawning a thread");
    (
        Connection {
            sender: to_client,
            receiver: from_client,
        },
        IoThreads { reader, writer },
    )
}

/// Writes every message from `messages` as a frame until the channel
/// closes or the client stops reading.
pub fn write_frames(out: &mut impl Write, messages: &Receiver<Message>) -> io::Result<()> {
    for message in messages {
        message.write(out)?;
    }
    Ok(())
}

/// Reads frames from `input` until its end, sending each message to
/// `server`. A frame that cannot be used is answered on `client` (a parse
/// error) or skipped; only the end of input (or a closed channel) stops it.
pub fn read_frames(input: &mut impl BufRead, server: &Sender<Message>, client: &Sender<Message>) {
    loop {
        match read_frame(input) {
            Frame::End => return,
            Frame::Skipped(why) => log(&why),
            Frame::Body(body) => match message(&body) {
                Ok(message) => {
                    let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                    if server.send(message).is_err() || exit {
                        return;
                    }
                }
                Err(error) => {
                    log(&format!("a message that is not JSON-RPC: {error}"));
                    // JSON-RPC answers an unreadable request with a parse
                    // error and a null id; lsp-server has no null id, so
                    // the frame is written as is.
                    let _ = client.send(parse_error_notice(&error));
                }
            },
        }
    }
}

/// The message in a frame's body: a JSON object with a `method` (a
/// request or a notification) or an `id` (a response). Anything else,
/// even what serde could bend into a message (an array), is refused.
fn message(body: &[u8]) -> Result<Message, serde_json::Error> {
    use serde::de::Error as _;
    let value: serde_json::Value = serde_json::from_slice(body)?;
    let is_message = value
        .as_object()
        .is_some_and(|o| o.contains_key("method") || o.contains_key("id"));
    if !is_message {
        return Err(serde_json::Error::custom("not a JSON-RPC object"));
    }
    serde_json::from_value(value)
}

/// What one attempt to read a frame gave.
enum Frame {
    /// A frame's body.
    Body(Vec<u8>),
    /// A malformed or oversized frame, skipped, and why.
    Skipped(String),
    /// The end of input.
    End,
}

fn read_frame(input: &mut impl BufRead) -> Frame {
    let mut length: Option<usize> = None;
    let mut bad = None;
    loop {
        let mut line = Vec::new();
        match input
            .by_ref()
            .take(HEADER_LIMIT as u64)
            .read_until(b'\n', &mut line)
        {
            Ok(0) | Err(_) => return Frame::End,
            Ok(_) => {}
        }
        if !line.ends_with(b"\n") {
            // A header line past the limit: skip to its end.
            if skip_line(input).is_err() {
                return Frame::End;
            }
            bad = Some("a header line too long".to_owned());
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if length.is_none() && bad.is_none() {
                // Blank lines between frames are harmless.
                continue;
            }
            break;
        }
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => bad = Some(format!("a bad Content-Length `{}`", value.trim())),
                }
            }
            Some(_) => {}
            None => bad = Some(format!("a malformed header `{}`", text.escape_debug())),
        }
    }
    if let Some(why) = bad {
        return Frame::Skipped(why);
    }
    let Some(length) = length else {
        return Frame::Skipped("a frame with no Content-Length".to_owned());
    };
    if length > FRAME_LIMIT {
        // Read and drop the body, so the next frame is found.
        return match io::copy(&mut input.by_ref().take(length as u64), &mut io::sink()) {
            Ok(n) if n == length as u64 => Frame::Skipped(format!(
                "a frame of {length} bytes, over the limit of {FRAME_LIMIT}"
            )),
            _ => Frame::End,
        };
    }
    let mut body = Vec::with_capacity(length.min(1 << 20));
    match input.by_ref().take(length as u64).read_to_end(&mut body) {
        Ok(n) if n == length => Frame::Body(body),
        _ => Frame::End,
    }
}

fn skip_line(input: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buffer = input.fill_buf()?;
        if buffer.is_empty() {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        if let Some(i) = buffer.iter().position(|&b| b == b'\n') {
            input.consume(i + 1);
            return Ok(());
        }
        let n = buffer.len();
        input.consume(n);
    }
}

/// A `window/logMessage` saying a message could not be read: the closest
/// `lsp-server` can send to JSON-RPC's null-id parse error.
fn parse_error_notice(error: &serde_json::Error) -> Message {
    Message::Notification(lsp_server::Notification::new(
        "window/logMessage".to_owned(),
        serde_json::json!({
            "type": 1,
            "message": format!("bout lsp: ignored a message that is not JSON-RPC ({error})"),
        }),
    ))
}

/// Logs to stderr, where clients show a server's log.
pub fn log(message: &str) {
    let _ = writeln!(io::stderr(), "bout lsp: {message}");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> (Vec<Message>, Vec<Message>) {
        let (to_server, from_client) = unbounded();
        let (to_client, from_server) = unbounded();
        read_frames(&mut io::Cursor::new(input), &to_server, &to_client);
        drop((to_server, to_client));
        (from_client.iter().collect(), from_server.iter().collect())
    }

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    #[test]
    fn malformed_frames_are_skipped_and_the_next_one_read() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let mut input = Vec::new();
        input.extend(frame("{not json"));
        input.extend(b"Garbage without a colon\r\n\r\n");
        input.extend(b"Content-Length: 99999999999999999999\r\n\r\n");
        input.extend(frame("[1, 2]"));
        input.extend(frame(good));
        let (server, client) = frames(&input);
        assert_eq!(server.len(), 1, "{server:?}");
        assert!(matches!(&server[0], Message::Notification(n) if n.method == "initialized"));
        // The two bodies that are not JSON-RPC are answered.
        assert_eq!(client.len(), 2);
    }

    #[test]
    fn a_huge_content_length_is_not_allocated() {
        let input = format!("Content-Length: {}\r\n\r\nabc", usize::MAX);
        let (server, _) = frames(input.as_bytes());
        assert!(server.is_empty());
    }

    #[test]
    fn a_truncated_frame_ends_the_input() {
        let (server, _) = frames(b"Content-Length: 100\r\n\r\n{\"jsonrpc\"");
        assert!(server.is_empty());
    }
}
