//! Mail: a local SMTP server that keeps what it is sent, the app set up to mail it, and the links
//! in its mail.

use std::time::Duration;

use super::{spawn_app_with_mail, test_auth_config, TestApp};

/// A local SMTP server that accepts every message and keeps it (the raw DATA, lines joined by
/// "\n"), for tests that need a real SMTP exchange.
pub struct SmtpSink {
    pub port: u16,
    pub messages: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl SmtpSink {
    /// Every mail received so far.
    pub fn mails(&self) -> Vec<String> {
        self.messages.lock().unwrap().clone()
    }

    /// The first mail received so far addressed to `email`.
    pub fn mail_to(&self, email: &str) -> Option<String> {
        let to = format!("To: {email}");
        self.mails().into_iter().find(|m| m.contains(&to))
    }

    /// The token of the first `prefix` link (e.g. "/reset/") in any mail, waiting up to 5 s for it
    /// (mail may be sent after the answer).
    pub async fn wait_for_link(&self, prefix: &str) -> Option<String> {
        for _ in 0..100 {
            let token = self.mails().iter().find_map(|m| link_token(m, prefix));
            if token.is_some() {
                return token;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        None
    }
}

pub async fn smtp_sink() -> SmtpSink {
    smtp_sink_on(0).await
}

/// [`smtp_sink`] on a chosen port (0: any free one).
pub async fn smtp_sink_on(port: u16) -> SmtpSink {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .unwrap();
    let port = listener.local_addr().unwrap().port();
    let messages = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let store = messages.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 sink ESMTP\r\n").await;
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(buf) = data.as_mut() {
                        if line == "." {
                            store.lock().unwrap().push(std::mem::take(buf));
                            data = None;
                            let _ = write.write_all(b"250 2.0.0 queued\r\n").await;
                        } else {
                            buf.push_str(line.strip_prefix('.').unwrap_or(&line));
                            buf.push('\n');
                        }
                        continue;
                    }
                    let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" => b"250-sink\r\n250 8BITMIME\r\n",
                        "DATA" => {
                            data = Some(String::new());
                            b"354 end with .\r\n"
                        }
                        "QUIT" => {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            break;
                        }
                        _ => b"250 OK\r\n",
                    };
                    let _ = write.write_all(reply).await;
                }
            });
        }
    });
    SmtpSink { port, messages }
}

/// The app's mailer, sending through an SMTP server on `port` of this machine.
pub fn mailer(port: u16) -> Option<secret_santa::mail::Mailer> {
    secret_santa::mail::Mailer::from_config(&secret_santa::mail::MailConfig::new(
        Some(format!("smtp://127.0.0.1:{port}")),
        "Secret Santa <santa@example.org>",
    ))
    .unwrap()
}

/// The app, mailing through an SMTP server on `port` (which may be closed).
pub async fn mailing_app(port: u16) -> TestApp {
    spawn_app_with_mail(test_auth_config(), mailer(port)).await
}

/// The app, mailing into a new [`SmtpSink`].
pub async fn app_with_sink() -> (TestApp, SmtpSink) {
    let sink = smtp_sink().await;
    (mailing_app(sink.port).await, sink)
}

/// The token of the first link in a mail whose path starts with `prefix`, e.g. "/invite/"
/// (quoted-printable soft line breaks undone).
pub fn link_token(mail: &str, prefix: &str) -> Option<String> {
    let text = mail.replace("=\n", "").replace("=3D", "=");
    let start = text.find(prefix)? + prefix.len();
    Some(
        text[start..]
            .chars()
            .take_while(char::is_ascii_hexdigit)
            .collect(),
    )
}

impl SmtpSink {
    /// The first mail to `email`, waiting up to 5 s for it.
    pub async fn wait_for_mail_to(&self, email: &str) -> String {
        for _ in 0..100 {
            if let Some(mail) = self.mail_to(email) {
                return mail;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no mail to {email}");
    }
}

/// A raw mail as a person reads it: encoded-word headers (RFC 2047: a run of them is one byte
/// string, since a letter may be split between two) and a quoted-printable or base64 body
/// decoded to text.
pub fn decoded_mail(raw: &str) -> String {
    let raw = raw.replace("\r\n", "\n");
    let (head, body) = raw.split_once("\n\n").unwrap_or((&raw, ""));
    let head = head.replace("\n ", " ").replace("\n\t", " ");
    let mut text = String::new();
    let mut run: Vec<u8> = Vec::new();
    for token in head.split_inclusive([' ', '\n']) {
        let word = token.trim_end();
        let encoded = word
            .strip_prefix("=?")
            .and_then(|w| w.strip_suffix("?="))
            .and_then(|w| {
                let mut parts = w.splitn(3, '?');
                let (_charset, kind, data) = (parts.next()?, parts.next()?, parts.next()?);
                Some(if kind.eq_ignore_ascii_case("b") {
                    base64(data)
                } else {
                    quoted_printable(&data.replace('_', " "))
                })
            });
        match encoded {
            Some(bytes) => run.extend(bytes),
            None => {
                if !run.is_empty() {
                    text.push_str(&String::from_utf8_lossy(&run));
                    text.push(' ');
                    run.clear();
                }
                text.push_str(token);
            }
        }
    }
    text.push_str(&String::from_utf8_lossy(&run));
    text.push_str("\n\n");
    let lower = head.to_ascii_lowercase();
    let bytes = if lower.contains("content-transfer-encoding: base64") {
        base64(body)
    } else if lower.contains("content-transfer-encoding: quoted-printable") {
        quoted_printable(body)
    } else {
        body.as_bytes().to_vec()
    };
    text.push_str(&String::from_utf8_lossy(&bytes));
    text
}

fn quoted_printable(text: &str) -> Vec<u8> {
    let text = text.replace("=\r\n", "").replace("=\n", "");
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let sextets: Vec<u8> = text.bytes().filter_map(value).collect();
    let mut out = Vec::with_capacity(sextets.len() * 3 / 4);
    for chunk in sextets.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, s)| n | (u32::from(*s) << (18 - 6 * i)));
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    out
}
