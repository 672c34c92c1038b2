//! Running a draw: one transaction that locks the draw, refuses a second run, writes the matches
//! (without RETURNING: the organizer cannot read them), issues one invitation link per person
//! (each opens that membership only) and marks the draw drawn.

use rand::rngs::StdRng;
use rand::SeedableRng;
use sha2::{Digest, Sha256};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::domain::matching::{
    draw_assignment, explain, explain_forced, explain_insider, explain_too_tight, find_blockers,
    forced_pairs, insider_forced_givers, Refusal,
};
use crate::domain::views::InvitationDetails;
use crate::error::{AppError, FieldError};

/// A new invitation link's secret: 32 random bytes (hex in the link), only its SHA-256 stored.
pub struct Invitation {
    pub participant_id: Uuid,
    pub name: String,
    pub email: String,
    pub token: String,
}

pub fn new_token() -> (String, Vec<u8>) {
    let token = super::random_hex(32);
    let hash = token_hash(&token);
    (token, hash)
}

pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.trim().as_bytes()).to_vec()
}

fn refused(message: &str) -> AppError {
    AppError::Validation(vec![FieldError::new("draw", message)])
}

/// Issues a fresh invitation link for one participant (revoking the previous one). None when the
/// person has joined already.
pub async fn issue_invitation(
    conn: &mut PgConnection,
    participant_id: Uuid,
    ttl_seconds: i32,
) -> Result<Option<String>, AppError> {
    let (token, hash) = new_token();
    let issued: bool = sqlx::query_scalar("select app.issue_invitation($1, $2, $3)")
        .bind(participant_id)
        .bind(hash)
        .bind(ttl_seconds)
        .fetch_one(&mut *conn)
        .await
        .map_err(|e| match &e {
            sqlx::Error::Database(db) if db.code().as_deref() == Some("42501") => {
                AppError::NotFound
            }
            _ => AppError::from(e),
        })?;
    Ok(issued.then_some(token))
}

pub async fn run(
    conn: &mut PgConnection,
    author: Uuid,
    draw: Uuid,
    ttl_seconds: i32,
) -> Result<Vec<Invitation>, AppError> {
    // Lock the draw; the update policy only reaches open draws, so a drawn one finds no row.
    let open: Option<Uuid> = sqlx::query_scalar(
        "select id from draws where id = $1 and author_id = $2 and drawn_at is null for update",
    )
    .bind(draw)
    .bind(author)
    .fetch_optional(&mut *conn)
    .await?;
    if open.is_none() {
        let exists: bool = sqlx::query_scalar(
            "select exists (select 1 from draws where id = $1 and author_id = $2)",
        )
        .bind(draw)
        .bind(author)
        .fetch_one(&mut *conn)
        .await?;
        return Err(if exists {
            refused(crate::tr!(
                crate::i18n::current(),
                "validation-draw-already-run"
            ))
        } else {
            AppError::NotFound
        });
    }

    let people = super::draws::people(conn, draw).await?;
    let ids: Vec<Uuid> = people.iter().map(|p| p.id).collect();
    let names: Vec<String> = people.iter().map(|p| p.name.clone()).collect();
    let excluded = super::draws::exclusions(conn, draw, &people).await?;
    let allowed = |g: usize, r: usize| !excluded.contains(&(g, r));
    // The editor refuses such rules; a draw saved before it did is refused here.
    let forced = forced_pairs(ids.len(), allowed);
    if !forced.is_empty() {
        return Err(refused(&explain_forced(&forced, &names)));
    }
    let author_email: String = sqlx::query_scalar("select email::text from users where id = $1")
        .bind(author)
        .fetch_one(&mut *conn)
        .await?;
    if let Some(insider) = people.iter().position(|p| p.email == author_email) {
        let givers = insider_forced_givers(ids.len(), insider, allowed);
        if !givers.is_empty() {
            return Err(refused(&explain_insider(&givers, &names)));
        }
    }

    // Tight rules can take the sampler up to about a second of CPU: keep it off the async
    // workers, which serve everyone else's requests.
    let n = ids.len();
    let rules = excluded.clone();
    let drawn = tokio::task::spawn_blocking(move || {
        draw_assignment(
            n,
            |g, r| !rules.contains(&(g, r)),
            &mut StdRng::from_os_rng(),
        )
    })
    .await
    .map_err(|_| AppError::Internal)?;
    let assignment = match drawn {
        Ok(assignment) => assignment,
        Err(Refusal::NoValidDraw) => {
            let blockers = find_blockers(ids.len(), allowed);
            return Err(refused(&blockers.map_or_else(
                || crate::tr!(crate::i18n::current(), "matching-no-valid-draw").to_string(),
                |b| explain(&b, &names),
            )));
        }
        Err(Refusal::TooTight { tightest }) => {
            return Err(refused(&explain_too_tight(&tightest, &names)));
        }
    };
    for (giver, &recipient) in assignment.iter().enumerate() {
        sqlx::query("insert into matches (draw_id, giver_id, recipient_id) values ($1, $2, $3)")
            .bind(draw)
            .bind(ids[giver])
            .bind(ids[recipient])
            .execute(&mut *conn)
            .await?;
    }

    // The organizer's own row ("I'm taking part too") joins the organizer's account at once: they
    // wrote that row about themselves, and reading its match tells them only what any
    // participant knows. Every other row stays without an account until someone redeems that
    // row's own invitation — never because an email matches.
    let own: Option<Uuid> = sqlx::query_scalar(
        "update draw_participants p set user_id = $2
         from users u
         where p.draw_id = $1 and u.id = $2 and p.email = u.email
         returning p.id",
    )
    .bind(draw)
    .bind(author)
    .fetch_optional(&mut *conn)
    .await?;

    let mut invitations = Vec::new();
    for (i, person) in people.iter().enumerate() {
        if Some(ids[i]) == own {
            continue;
        }
        if let Some(token) = issue_invitation(conn, ids[i], ttl_seconds).await? {
            invitations.push(Invitation {
                participant_id: ids[i],
                name: person.name.clone(),
                email: person.email.clone(),
                token,
            });
        }
    }
    sqlx::query("update draws set drawn_at = now() where id = $1")
        .bind(draw)
        .execute(&mut *conn)
        .await?;
    Ok(invitations)
}

/// One status line for the organizer. Never who gives to whom.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StatusRow {
    pub participant_id: Uuid,
    pub invited: Option<String>,
    pub activated: bool,
    pub mail_status: Option<String>,
    /// The person has opened their match.
    pub viewed: bool,
}

/// Status lines for the organizer: per person, invited when, whether the account is active and
/// whether they opened their match.
pub async fn participant_status(
    conn: &mut PgConnection,
    draw: Uuid,
) -> Result<Vec<StatusRow>, sqlx::Error> {
    sqlx::query_as(
        "select participant_id,
                to_char(invited_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as invited,
                activated, mail_status, viewed
         from app.participant_status($1)",
    )
    .bind(draw)
    .fetch_all(conn)
    .await
}

/// The invitation behind `token`: None when unknown, replaced, or expired unused.
pub async fn invitation_info(
    conn: &mut PgConnection,
    token: &str,
) -> Result<Option<InvitationDetails>, sqlx::Error> {
    sqlx::query_as(
        "select participant_name, invited_email, draw_name, organizer,
                to_char(used_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as used_on, account_exists
         from app.invitation_info($1)",
    )
    .bind(token_hash(token))
    .fetch_optional(conn)
    .await
}

/// How redeeming an invitation with a new account went.
pub enum Accepted {
    Account {
        user_id: Uuid,
        version: i32,
    },
    /// An account already uses the address; nothing changed and the link still works.
    EmailTaken,
    /// The link is unknown, used, replaced or expired.
    Invalid,
}

pub async fn accept_invitation(
    conn: &mut PgConnection,
    token: &str,
    email: &str,
    password_hash: &str,
) -> Result<Accepted, sqlx::Error> {
    let (status, user_id, version): (String, Option<Uuid>, Option<i32>) = sqlx::query_as(
        "select status, user_id, session_version from app.accept_invitation($1, $2, $3)",
    )
    .bind(token_hash(token))
    .bind(email)
    .bind(password_hash)
    .fetch_one(conn)
    .await?;
    Ok(match (status.as_str(), user_id, version) {
        ("ok", Some(user_id), Some(version)) => Accepted::Account { user_id, version },
        ("email_taken", _, _) => Accepted::EmailTaken,
        _ => Accepted::Invalid,
    })
}

/// How redeeming an invitation for the logged-in person went.
pub enum Joined {
    Draw(Uuid),
    AlreadyMember,
    Invalid,
}

/// Attaches the invitation's membership to the transaction's user.
pub async fn join_with_invitation(
    conn: &mut PgConnection,
    token: &str,
) -> Result<Joined, sqlx::Error> {
    let (status, draw): (String, Option<Uuid>) =
        sqlx::query_as("select status, draw_id from app.join_with_invitation($1)")
            .bind(token_hash(token))
            .fetch_one(conn)
            .await?;
    Ok(match (status.as_str(), draw) {
        ("ok", Some(draw)) => Joined::Draw(draw),
        ("already_member", _) => Joined::AlreadyMember,
        _ => Joined::Invalid,
    })
}

/// Records whether the latest invitation mail to a person went out.
pub async fn record_invitation_mail(
    conn: &mut PgConnection,
    participant_id: Uuid,
    sent: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query("select app.record_invitation_mail($1, $2)")
        .bind(participant_id)
        .bind(sent)
        .execute(conn)
        .await?;
    Ok(())
}

/// Name, email and draw of a person of a draw the caller organizes (None otherwise).
pub async fn invitee(
    conn: &mut PgConnection,
    participant_id: Uuid,
) -> Result<Option<(String, String, Uuid)>, sqlx::Error> {
    sqlx::query_as("select name, email::text, draw_id from draw_participants where id = $1")
        .bind(participant_id)
        .fetch_optional(conn)
        .await
}

/// The language to write to a person of a draw the caller organizes in: their account's choice
/// when they have joined and made one, else the draw's ("en", "pl"; None for anyone else's).
pub async fn mail_language(
    conn: &mut PgConnection,
    participant_id: Uuid,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("select app.participant_mail_language($1)")
        .bind(participant_id)
        .fetch_one(conn)
        .await
}

/// How other people see the caller's account (see `app.display_name`).
pub async fn display_name(conn: &mut PgConnection, user: Uuid) -> Result<String, sqlx::Error> {
    sqlx::query_scalar(
        "select app.display_name(first_name, surname, email::text) from users where id = $1",
    )
    .bind(user)
    .fetch_one(conn)
    .await
}

/// Invitations whose mail failed fewer than `max_attempts` times in a row, at least `min_age`
/// ago, to people who have not joined: (participant, organizer).
pub async fn invitations_to_retry(
    conn: &mut PgConnection,
    max_attempts: i32,
    min_age: std::time::Duration,
) -> Result<Vec<(Uuid, Uuid)>, sqlx::Error> {
    sqlx::query_as("select participant_id, author_id from app.invitations_to_retry($1, $2)")
        .bind(max_attempts)
        .bind(i32::try_from(min_age.as_secs()).unwrap_or(i32::MAX))
        .fetch_all(conn)
        .await
}
