use std::process::ExitCode;

use secret_santa::{config::Config, db, mail::Mailer, server};

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
    match server::serve(pool, config.auth, mailer).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("secret-santa: {err}");
            ExitCode::FAILURE
        }
    }
}
