//! Invitation mail over SMTP (lettre). Without `SMTP_URL` nothing is sent and the organizer
//! passes the links on by hand.

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

pub use crate::config::{MailConfig, DEFAULT_RETRY_INTERVAL_SECONDS, DEFAULT_RETRY_MAX_ATTEMPTS};

#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

/// What an invitation says.
pub struct Invitation<'a> {
    pub to: &'a str,
    pub participant: &'a str,
    pub draw: &'a str,
    pub organizer: &'a str,
    pub exchange_date: Option<&'a str>,
    pub budget: Option<&'a str>,
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
        let mut body = format!(
            "Hello {},\n\n{} invited you to the Secret Santa draw \"{}\".\n",
            invitation.participant, invitation.organizer, invitation.draw
        );
        if let Some(date) = invitation.exchange_date {
            body.push_str(&format!("Gifts are exchanged on {date}.\n"));
        }
        if let Some(budget) = invitation.budget {
            body.push_str(&format!("Budget per gift: {budget}.\n"));
        }
        if let Some(message) = invitation.message {
            body.push_str(&format!("\nA message from the organizer:\n{message}\n"));
        }
        body.push_str(&format!(
            "\nJoin the draw here to see who you give to — with a new account, or with the one you \
             already have (this link is yours alone and works once):\n{}\n\nHappy gifting!\n",
            invitation.link
        ));
        let subject = format!("You are in the Secret Santa draw \"{}\"", invitation.draw);
        self.send(invitation.to, &subject, body).await
    }

    pub async fn send_password_reset(
        &self,
        to: &str,
        link: &str,
        minutes: u64,
    ) -> Result<(), String> {
        let body = format!(
            "Hello,\n\nsomeone (hopefully you) asked to reset the password of your Secret Santa \
             account.\n\nChoose a new password here (the link works once, for {minutes} minutes):\n\
             {link}\n\nIf it was not you, ignore this mail: your password stays as it is.\n"
        );
        self.send(to, "Reset your Secret Santa password", body)
            .await
    }

    /// Tells a giver that their match changed after the draw (someone left or joined). It says
    /// nothing of who: not the new recipient (the page shows them, behind the reveal), not the
    /// person who left, not why.
    pub async fn send_match_changed(
        &self,
        to: &str,
        name: &str,
        draw: &str,
        link: &str,
    ) -> Result<(), String> {
        let body = format!(
            "Hello {name},\n\nThe people of the Secret Santa draw \"{draw}\" changed, and so did \
             your match: you now give a gift to someone else.\n\nOpen your page to see who (log in \
             if asked):\n{link}\n\nHappy gifting!\n"
        );
        let subject = format!("Your Secret Santa match in \"{draw}\" changed");
        self.send(to, &subject, body).await
    }

    /// Tells someone the organizer took them out of a draw after it ran.
    pub async fn send_removed(&self, to: &str, name: &str, draw: &str) -> Result<(), String> {
        let body = format!(
            "Hello {name},\n\nThe organizer of the Secret Santa draw \"{draw}\" took you out of \
             it, so you no longer give or get a gift there. Your account stays as it is, with any \
             other draws you are in.\n"
        );
        let subject = format!("You are no longer in the Secret Santa draw \"{draw}\"");
        self.send(to, &subject, body).await
    }

    /// Tells one side of an anonymous conversation that the other wrote. To the recipient
    /// (`to_giver` false) it says "your Secret Santa" and nothing else about them; to the giver, "the
    /// person you give a gift to". Neither mail carries the message itself.
    pub async fn send_new_message(
        &self,
        to: &str,
        name: &str,
        draw: &str,
        link: &str,
        to_giver: bool,
    ) -> Result<(), String> {
        let (who, subject) = if to_giver {
            (
                "the person you give a gift to",
                format!("The person you give to wrote to you in \"{draw}\""),
            )
        } else {
            (
                "your Secret Santa",
                format!("Your Secret Santa wrote to you in \"{draw}\""),
            )
        };
        let body = format!(
            "Hello {name},\n\nIn the Secret Santa draw \"{draw}\", {who} sent you a message.\n\n\
             Read it and answer on your page (log in if asked):\n{link}\n\nYou get at most one \
             such mail an hour for this conversation.\n"
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
