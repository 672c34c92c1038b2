use std::process::ExitCode;

use secret_santa::{config::Config, db, mail::Mailer, server};
use server::AppContext;

/// mimalloc instead of glibc's malloc: rendering a page makes many small allocations, and under
/// load glibc's malloc and free were about a fifth of the server's CPU (bench/RESULTS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    // `.env` is optional; real environment variables win over it.
    let _ = dotenvy::dotenv();
    server::init_tracing();

    let config = match Config::from_env() {
        Ok(config) => config,
        Err(err) => {
            eprintln!("secret-santa: {err}");
            return ExitCode::FAILURE;
        }
    };
    let mailer = match Mailer::from_config(&config.mail) {
        Ok(Some(mailer)) => Some(mailer),
        Ok(None) => {
            tracing::warn!(
                "SMTP_URL is not set: invitations are not mailed; organizers copy each link from \
                 the draw page"
            );
            None
        }
        Err(err) => {
            eprintln!("secret-santa: {err}");
            return ExitCode::FAILURE;
        }
    };
    let pool = match db::connect(&config.database).await {
        Ok(pool) => pool,
        Err(err) => {
            eprintln!("secret-santa: {err}");
            return ExitCode::FAILURE;
        }
    };
    match &config.gifts.provider {
        Some(p) => {
            tracing::info!(base_url = %p.base_url, model = %p.model, "gift ideas from an OpenAI-compatible provider")
        }
        None => tracing::warn!(
            "AI_BASE_URL and AI_MODEL are not set: gift ideas come from the built-in offline \
             provider (and say so)"
        ),
    }
    secret_santa::install_crypto_provider();
    let ctx = AppContext::new(pool, config.auth, mailer).with_gifts(config.gifts);
    server::spawn_invitation_retries(
        ctx.clone(),
        config.mail.retry_interval,
        config.mail.retry_max_attempts,
    );
    match server::serve(ctx).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("secret-santa: {err}");
            ExitCode::FAILURE
        }
    }
}
