use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    super::ssr::{
        after_form_post, anonymous, caller, client_ip, context, current_user, new_account_attempt,
        new_password_errors, reset_with_link, session,
    },
    crate::auth::{session as sessions, throttle},
    crate::db::{self, accounts},
    crate::domain::{draw::account_name, Email},
    crate::error::FieldError,
    crate::tr,
};

/// What the browser may know about the logged-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub email: String,
    pub role: String,
    /// Empty for accounts made before names were asked.
    pub first_name: String,
    pub surname: String,
}

#[cfg(feature = "ssr")]
impl From<crate::auth::AuthUser> for UserView {
    fn from(u: crate::auth::AuthUser) -> Self {
        UserView {
            email: u.email,
            role: u.role,
            first_name: u.first_name,
            surname: u.surname,
        }
    }
}

/// Where to go after logging in: a path on this site, or the dashboard. Only a plain path is
/// followed: it starts with `/`, its segments are neither empty (no `//`) nor `.` or `..`, and
/// nothing in it is percent-encoded as `/`, `\\` or `.`, so no normalization can turn it into
/// `//other.site`; and it holds no control character, white space or backslash anywhere —
/// browsers drop tabs and line breaks from URLs, and a CR or LF would not fit in a header.
pub fn safe_next(next: Option<&str>) -> String {
    let plain = |p: &str| {
        let path = p.split(['?', '#']).next().unwrap_or_default();
        let segments_ok = path.strip_prefix('/').is_some_and(|rest| {
            rest.is_empty()
                || rest.split('/').all(|segment| {
                    let lower = segment.to_ascii_lowercase();
                    !segment.is_empty()
                        && segment != "."
                        && segment != ".."
                        && !["%2f", "%5c", "%2e"].iter().any(|e| lower.contains(e))
                })
        });
        // No refused form's error either: a link to the login page must not make the page after
        // it show a sentence of its own (found from outside).
        let query = p.split_once('?').map_or("", |(_, q)| q);
        segments_ok
            && !query
                .split(['&', '#'])
                .any(crate::domain::text::is_form_error_pair)
            && !p
                .chars()
                .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
            && !p.chars().any(crate::domain::text::is_invisible)
    };
    match next {
        Some(p) if plain(p) => p.to_string(),
        _ => "/draws".to_string(),
    }
}

#[server(prefix = "/api", endpoint = "me")]
pub async fn me() -> Result<Option<UserView>, AppError> {
    Ok(current_user().await?.map(UserView::from))
}

#[server(prefix = "/api", endpoint = "register")]
pub async fn register(
    first_name: String,
    surname: String,
    email: String,
    password: String,
    confirm: String,
) -> Result<(), AppError> {
    let ctx = context()?;
    let mut errors = Vec::new();
    let (first_name, surname) = account_name(&first_name, &surname, &mut errors);
    let email = Email::parse(&email)
        .map_err(|e| errors.push(FieldError::new("email", e)))
        .ok();
    errors.extend(new_password_errors(&password, &confirm));
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    // Counted once the form is valid: a typo is no attempt at an account, and a few on a shared
    // network must not lock everyone behind it out (invitees included).
    new_account_attempt(&ctx).await?;
    // Hash first: a taken email costs the same time as a new one.
    let hash = ctx.passwords.hash_new(&password).await?;
    let mut tx = anonymous(&ctx).await?;
    let id =
        accounts::register_author(&mut tx, email.as_str(), &hash, &first_name, &surname).await?;
    tx.commit().await?;
    let id = id.ok_or_else(|| {
        AppError::Validation(vec![FieldError::new(
            "email",
            tr!(crate::i18n::current(), "validation-account-exists"),
        )])
    })?;
    sessions::log_in(&session().await?, id, 1).await?;
    leptos_axum::redirect("/draws");
    Ok(())
}

#[server(prefix = "/api", endpoint = "login")]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    let ctx = context()?;
    // One canonical form for the throttle and the lookup alike. Text that is no email address is
    // still counted (as typed) and costs a hash, like a wrong password.
    let canonical = Email::parse(&email).ok();
    let key = canonical.as_ref().map_or(email.as_str(), Email::as_str);
    let keys = throttle::LoginKeys::new(&ctx.auth, key, client_ip().await);
    throttle::attempt(&ctx.pool, &ctx.auth, &keys).await?;
    let id = password_holder(&ctx, canonical.as_ref().map(Email::as_str), &password)
        .await?
        .ok_or(AppError::InvalidCredentials)?;
    throttle::succeeded(&ctx.pool, &keys).await?;
    let mut tx = db::as_user(&ctx.pool, Some(id)).await?;
    let version = accounts::session_version(&mut tx, id).await?;
    // A language chosen on the way in (the switcher, before logging in) is the latest choice:
    // it goes onto the account, which other browsers and mail then follow.
    if let Some(lang) = super::ssr::chosen_language() {
        accounts::set_language(&mut tx, id, lang.code()).await?;
    }
    tx.commit().await?;
    sessions::log_in(&session().await?, id, version).await?;
    leptos_axum::redirect(&safe_next(next.as_deref()));
    Ok(())
}

/// The account of `email` when `password` is its password. One hash is checked whether or not
/// the account exists (or `email` is none), so the time taken tells nothing.
#[cfg(feature = "ssr")]
async fn password_holder(
    ctx: &crate::context::AppContext,
    email: Option<&str>,
    password: &str,
) -> Result<Option<uuid::Uuid>, AppError> {
    let found = match email {
        Some(email) => {
            let mut tx = anonymous(ctx).await?;
            let found = accounts::login_credentials(&mut tx, email).await?;
            tx.commit().await?;
            found
        }
        None => None,
    };
    let (id, hash) = found.map_or((None, None), |(id, hash)| (Some(id), hash));
    let verified = ctx.passwords.verify(password, hash).await;
    Ok(id.filter(|_| verified))
}

#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    sessions::log_out(&session().await?).await?;
    leptos_axum::redirect("/");
    Ok(())
}

#[server(prefix = "/api", endpoint = "change_password")]
pub async fn change_password(
    current: String,
    password: String,
    confirm: String,
) -> Result<(), AppError> {
    let me = caller().await?;
    let errors = new_password_errors(&password, &confirm);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let keys = throttle::LoginKeys::new(&me.ctx.auth, &me.user.email, client_ip().await);
    throttle::attempt(&me.ctx.pool, &me.ctx.auth, &keys).await?;
    if password_holder(&me.ctx, Some(&me.user.email), &current).await? != Some(me.id()) {
        return Err(AppError::Validation(vec![FieldError::new(
            "current",
            tr!(crate::i18n::current(), "validation-wrong-current-password"),
        )]));
    }
    throttle::succeeded(&me.ctx.pool, &keys).await?;
    let new_hash = me.ctx.passwords.hash_new(&password).await?;
    let mut tx = me.begin().await?;
    let version = accounts::change_password(&mut tx, me.id(), &new_hash).await?;
    tx.commit().await?;
    sessions::renew(&session().await?, version).await?;
    after_form_post("/account?changed=password");
    Ok(())
}

/// Changes the name other people see (on invitations, and as the organizer of a draw).
#[server(prefix = "/api", endpoint = "update_name")]
pub async fn update_name(first_name: String, surname: String) -> Result<(), AppError> {
    let me = caller().await?;
    let mut errors = Vec::new();
    let (first_name, surname) = account_name(&first_name, &surname, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut tx = me.begin().await?;
    accounts::update_name(&mut tx, me.id(), &first_name, &surname).await?;
    tx.commit().await?;
    after_form_post("/account?changed=name");
    Ok(())
}

/// Whether mail is set up (password reset needs it).
#[server(prefix = "/api", endpoint = "mail_enabled")]
pub async fn mail_enabled() -> Result<bool, AppError> {
    Ok(context()?.mailer.is_some())
}

/// Mails a reset link when the address has an account. The answer is the same either way.
#[server(prefix = "/api", endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    let ctx = context()?;
    let mailer = ctx.mailer.clone().ok_or(AppError::Unavailable)?;
    let email = Email::parse(&email)
        .map_err(|e| AppError::Validation(vec![FieldError::new("email", e)]))?;
    let keys = throttle::LoginKeys::password_reset(email.as_str(), client_ip().await);
    throttle::attempt(&ctx.pool, &ctx.auth, &keys).await?;
    let (token, hash) = db::run::new_token();
    let mut tx = anonymous(&ctx).await?;
    let to =
        accounts::issue_password_reset(&mut tx, email.as_str(), &hash, ctx.auth.reset_ttl).await?;
    tx.commit().await?;
    if let Some((to, language)) = to {
        let base = ctx.auth.public_url.as_str().trim_end_matches('/');
        let link = format!("{base}/reset/{token}");
        let minutes = ctx.auth.reset_ttl.as_secs() / 60;
        // The account's language when its owner chose one, else the language of this request.
        let lang = language
            .as_deref()
            .and_then(crate::i18n::Lang::from_code)
            .unwrap_or_else(crate::i18n::current);
        if let Err(err) = mailer.send_password_reset(lang, &to, &link, minutes).await {
            tracing::warn!(error = %err, "password reset mail failed");
        }
    }
    after_form_post("/forgot-password?sent=1");
    Ok(())
}

/// Whether a password-reset link still works (its page says at once when it does not).
#[server(prefix = "/api", endpoint = "reset_link")]
pub async fn reset_link(token: String) -> Result<bool, AppError> {
    let ctx = context()?;
    let mut tx = anonymous(&ctx).await?;
    let works = accounts::reset_link_works(&mut tx, &token).await?;
    tx.commit().await?;
    Ok(works)
}

/// Sets a new password through a reset link, ends every other session and logs the person in.
#[server(prefix = "/api", endpoint = "reset_password")]
pub async fn reset_password(
    token: String,
    password: String,
    confirm: String,
) -> Result<(), AppError> {
    reset_with_link(&token, &password, &confirm).await?;
    leptos_axum::redirect("/draws");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_paths_on_this_site_are_followed_after_login() {
        assert_eq!(safe_next(Some("/account")), "/account");
        assert_eq!(
            safe_next(Some("/draws/1?tab=people")),
            "/draws/1?tab=people"
        );
        for unsafe_next in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "",
        ] {
            assert_eq!(safe_next(Some(unsafe_next)), "/draws", "{unsafe_next}");
        }
        assert_eq!(safe_next(None), "/draws");
    }

    #[test]
    fn a_path_that_a_browser_would_read_as_another_site_or_that_breaks_a_header_is_refused() {
        for unsafe_next in [
            "/\t/evil.example",
            "/%09/evil.example\t",
            "/\n/evil.example",
            "/x\r\nSet-Cookie: a=b",
            "/ /evil.example",
            "\t//evil.example",
            "/\u{200B}/evil.example",
        ] {
            assert_eq!(safe_next(Some(unsafe_next)), "/draws", "{unsafe_next:?}");
        }
        assert_eq!(safe_next(Some("/%09/evil.example")), "/%09/evil.example");
    }

    #[test]
    fn a_path_that_normalizes_into_another_site_is_refused() {
        for unsafe_next in [
            "/.//evil.org",
            "/..//evil.org",
            "/draws/..%2f..%2f%2f%2fevil.org",
            "/draws/%2E%2E/x",
            "/a//b",
            "/./draws",
        ] {
            assert_eq!(safe_next(Some(unsafe_next)), "/draws", "{unsafe_next:?}");
        }
        for fine in [
            "/",
            "/draws?welcome=1",
            "/invite/abc123",
            "/draws/x/match#top",
        ] {
            assert_eq!(safe_next(Some(fine)), fine);
        }
    }

    #[test]
    fn a_next_page_carrying_a_form_error_is_refused() {
        for planted in [
            "/account?__path=%2Fapi%2Fchange_password&__err=eyJ9",
            "/draws?__err=x",
            "/login?%5F%5Ferr=x",
        ] {
            assert_eq!(safe_next(Some(planted)), "/draws", "{planted}");
        }
    }
}
