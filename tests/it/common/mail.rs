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
