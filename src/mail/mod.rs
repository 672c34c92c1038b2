//! Invitation mail over SMTP (lettre). Without `SMTP_URL` nothing is sent and the organizer
//! passes the links on by hand.
//!
//! Every mail is written in the language it is given, never the request's: mail also goes out
//! from background jobs. The recipient's language is their account's choice when they made one,
//! else their draw's (and for a password reset, the language of the page that asked).

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

pub use crate::config::{MailConfig, DEFAULT_RETRY_INTERVAL_SECONDS, DEFAULT_RETRY_MAX_ATTEMPTS};
use crate::i18n::{format_date, format_money, Lang};
use crate::tr;

#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

/// What an invitation says, and the language it says it in.
pub struct Invitation<'a> {
    /// The recipient's language (see [`crate::invitations`]: the draw's, as they have not
    /// joined yet).
    pub lang: Lang,
    pub to: &'a str,
    pub participant: &'a str,
    pub draw: &'a str,
    pub organizer: &'a str,
    /// YYYY-MM-DD.
    pub exchange_date: Option<&'a str>,
    /// In minor units, with its currency.
    pub budget: Option<(i64, &'a str)>,
    pub message: Option<&'a str>,
    pub link: &'a str,
}

impl Mailer {
    /// None when no SMTP is configured; Err when the settings are unusable.
    pub fn from_config(config: &MailConfig) -> Result<Option<Mailer>, String> {
        let Some(url) = &config.smtp_url else {
            return Ok(None);
        };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose())
            .map_err(|e| format!("SMTP_URL is not usable: {e}"))?
            .timeout(Some(std::time::Duration::from_secs(10)))
            .build();
        let from = config
            .from
            .parse()
            .map_err(|e| format!("MAIL_FROM is not an address: {e}"))?;
        Ok(Some(Mailer { transport, from }))
    }

    pub async fn send_invitation(&self, invitation: &Invitation<'_>) -> Result<(), String> {
        let lang = invitation.lang;
        let mut body = format!(
            "{}\n\n{}\n",
            tr!(lang, "mail-hello-name", name = invitation.participant),
            tr!(
                lang,
                "mail-invitation-lead",
                organizer = invitation.organizer,
                draw = invitation.draw
            )
        );
        if let Some(date) = invitation.exchange_date {
            let date = format_date(lang, date);
            body.push_str(&tr!(lang, "mail-invitation-date", date = date));
            body.push('\n');
        }
        if let Some((minor, currency)) = invitation.budget {
            let budget = format_money(lang, minor, currency);
            body.push_str(&tr!(lang, "mail-invitation-budget", budget = budget));
            body.push('\n');
        }
        if let Some(message) = invitation.message {
            body.push_str(&format!(
                "\n{}\n{message}\n",
                tr!(lang, "mail-invitation-message")
            ));
        }
        body.push_str(&format!(
            "\n{}\n{}\n\n{}\n",
            tr!(lang, "mail-invitation-join"),
            invitation.link,
            tr!(lang, "mail-happy-gifting")
        ));
        let subject = tr!(lang, "mail-invitation-subject", draw = invitation.draw);
        self.send(invitation.to, &subject, body).await
    }

    /// A password reset link, in `lang` (the account's language, else the asking page's).
    pub async fn send_password_reset(
        &self,
        lang: Lang,
        to: &str,
        link: &str,
        minutes: u64,
    ) -> Result<(), String> {
        let body = format!(
            "{}\n\n{}\n\n{}\n{link}\n\n{}\n",
            tr!(lang, "mail-hello"),
            tr!(lang, "mail-reset-asked"),
            tr!(lang, "mail-reset-choose", minutes = minutes),
            tr!(lang, "mail-reset-ignore"),
        );
        self.send(to, tr!(lang, "mail-reset-subject"), body).await
    }

    /// Tells a giver that their match changed after the draw (someone left or joined). It says
    /// nothing of who: not the new recipient (the page shows them, behind the reveal), not the
    /// person who left, not why. In `lang`, the giver's.
    pub async fn send_match_changed(
        &self,
        lang: Lang,
        to: &str,
        name: &str,
        draw: &str,
        link: &str,
    ) -> Result<(), String> {
        let body = format!(
            "{}\n\n{}\n\n{}\n{link}\n\n{}\n",
            tr!(lang, "mail-hello-name", name = name),
            tr!(lang, "mail-match-changed-lead", draw = draw),
            tr!(lang, "mail-open-your-page"),
            tr!(lang, "mail-happy-gifting"),
        );
        let subject = tr!(lang, "mail-match-changed-subject", draw = draw);
        self.send(to, &subject, body).await
    }

    /// Tells someone the organizer took them out of a draw after it ran. In `lang`, theirs.
    pub async fn send_removed(
        &self,
        lang: Lang,
        to: &str,
        name: &str,
        draw: &str,
    ) -> Result<(), String> {
        let body = format!(
            "{}\n\n{}\n",
            tr!(lang, "mail-hello-name", name = name),
            tr!(lang, "mail-removed-lead", draw = draw),
        );
        let subject = tr!(lang, "mail-removed-subject", draw = draw);
        self.send(to, &subject, body).await
    }

    /// Tells one side of an anonymous conversation that the other wrote. To the recipient
    /// (`to_giver` false) it says "your Secret Santa" and nothing else about them; to the giver, "the
    /// person you give a gift to". Neither mail carries the message itself. In `lang`, the
    /// addressee's.
    pub async fn send_new_message(
        &self,
        lang: Lang,
        to: &str,
        name: &str,
        draw: &str,
        link: &str,
        to_giver: bool,
    ) -> Result<(), String> {
        let (lead, subject) = if to_giver {
            (
                tr!(lang, "mail-message-lead-to-giver", draw = draw),
                tr!(lang, "mail-message-subject-to-giver", draw = draw),
            )
        } else {
            (
                tr!(lang, "mail-message-lead-to-recipient", draw = draw),
                tr!(lang, "mail-message-subject-to-recipient", draw = draw),
            )
        };
        let body = format!(
            "{}\n\n{lead}\n\n{}\n{link}\n\n{}\n",
            tr!(lang, "mail-hello-name", name = name),
            tr!(lang, "mail-message-read-and-answer"),
            tr!(lang, "mail-message-once-an-hour"),
        );
        self.send(to, &subject, body).await
    }

    async fn send(&self, to: &str, subject: &str, body: String) -> Result<(), String> {
        let to: Mailbox = to.parse().map_err(|e| format!("bad address: {e}"))?;
        // Text shaped like an encoded word ("=?utf-8?q?…?=") in a subject the organizer wrote
        // would be decoded by mail programs into other text: break the shape.
        let subject = subject.replace("=?", "= ?");
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(lettre::message::header::ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| e.to_string())?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}
