use std::process::ExitCode;

use secret_santa::{config::Config, db, server};

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
    let pool = match db::connect(&config.database).await {
        Ok(pool) => pool,
        Err(err) => {
            eprintln!("secret-santa: {err}");
            return ExitCode::FAILURE;
        }
    };
    match server::serve(pool, config.auth).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("secret-santa: {err}");
            ExitCode::FAILURE
        }
    }
}
