//! Settings, read from the environment (and `.env`). Every setting has a safe default; the README
//! lists them all.

use std::path::PathBuf;

/// Where the database comes from.
#[derive(Debug, Clone)]
pub enum DatabaseSource {
    /// An existing PostgreSQL: `owner_url` runs the migrations, the app connects as `santa_app`.
    External {
        owner_url: String,
        app_url: Option<String>,
    },
    /// A cluster of our own, started (or reused) from the machine's PostgreSQL binaries.
    Embedded {
        data_dir: PathBuf,
        port: u16,
        bin_dir: Option<PathBuf>,
    },
}

#[derive(Debug, Clone)]
pub struct DatabaseConfig {
    pub source: DatabaseSource,
    pub max_connections: u32,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub database: DatabaseConfig,
}

#[derive(Debug, thiserror::Error)]
#[error("setting {name} is invalid: {reason}")]
pub struct ConfigError {
    name: &'static str,
    reason: String,
}

pub const DEFAULT_DATA_DIR: &str = ".data";
pub const DEFAULT_PG_PORT: u16 = 54329;
pub const DEFAULT_MAX_CONNECTIONS: u32 = 10;

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn parsed<T: std::str::FromStr>(name: &'static str, default: T) -> Result<T, ConfigError>
where
    T::Err: std::fmt::Display,
{
    match var(name) {
        None => Ok(default),
        Some(raw) => raw.trim().parse().map_err(|e: T::Err| ConfigError {
            name,
            reason: format!("{raw:?}: {e}"),
        }),
    }
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        let source = match var("DATABASE_URL") {
            Some(owner_url) => DatabaseSource::External {
                owner_url,
                app_url: var("APP_DATABASE_URL"),
            },
            None => DatabaseSource::Embedded {
                data_dir: PathBuf::from(var("SANTA_DATA_DIR").unwrap_or(DEFAULT_DATA_DIR.into())),
                port: parsed("SANTA_PG_PORT", DEFAULT_PG_PORT)?,
                bin_dir: var("SANTA_PG_BIN").map(PathBuf::from),
            },
        };
        let max_connections = parsed("DATABASE_MAX_CONNECTIONS", DEFAULT_MAX_CONNECTIONS)?;
        if max_connections == 0 {
            return Err(ConfigError {
                name: "DATABASE_MAX_CONNECTIONS",
                reason: "must be at least 1".into(),
            });
        }
        Ok(Config {
            database: DatabaseConfig {
                source,
                max_connections,
            },
        })
    }
}
