//! The database: start-up (embedded cluster, migrations, roles), the app's pool, and the one way
//! into user data — [`as_user`].

pub mod accounts;
pub mod changes;
pub mod draws;
pub mod embedded;
pub mod messages;
pub mod participant;
pub mod run;
pub mod sessions;

use std::time::Duration;

use sha2::{Digest, Sha256};
use sqlx::postgres::PgPoolOptions;
use sqlx::{Connection, Executor, PgConnection, PgPool, Postgres, Transaction};
use uuid::Uuid;

use crate::config::{DatabaseConfig, DatabaseSource};

/// The role that owns the schema in the embedded cluster and runs the migrations.
pub const OWNER_ROLE: &str = "santa_owner";
/// The only role the app's pool connects as: LOGIN, NOSUPERUSER, NOBYPASSRLS.
pub const APP_ROLE: &str = "santa_app";
/// The database the embedded cluster serves the app from.
pub const EMBEDDED_DATABASE: &str = "secret_santa";

#[derive(Debug, thiserror::Error)]
pub enum DbSetupError {
    #[error(transparent)]
    Embedded(#[from] embedded::EmbeddedError),
    #[error("cannot connect to PostgreSQL as {role}: {source}")]
    Connect { role: String, source: sqlx::Error },
    #[error("preparing the database failed while {step}: {source}")]
    Sql { step: String, source: sqlx::Error },
    #[error("running the database migrations failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("DATABASE_URL is not a valid URL: {0}")]
    Url(String),
    #[error(
        "DATABASE_URL has no password, so the password of the {APP_ROLE} role cannot be derived \
         from it: set APP_DATABASE_URL"
    )]
    NoOwnerPassword,
    #[error(
        "the app's database role {0} is a superuser or bypasses row-level security; the app \
         refuses to run with it"
    )]
    UnsafeRole(String),
}

fn sql(step: &str) -> impl FnOnce(sqlx::Error) -> DbSetupError + '_ {
    move |source| DbSetupError::Sql {
        step: step.to_string(),
        source,
    }
}

/// Hex of SHA-256(label ":" secret): stable per-role passwords derived from one stored secret.
pub fn derive_password(secret: &str, label: &str) -> String {
    let digest = Sha256::digest(format!("{label}:{secret}").as_bytes());
    hex(&digest)
}

pub(crate) use crate::runtime::{hex, random_hex};

/// Everything start-up needs: a cluster (embedded when no `DATABASE_URL`), migrations run as the
/// owner, and the app's pool connected as `santa_app`.
pub async fn connect(config: &DatabaseConfig) -> Result<PgPool, DbSetupError> {
    let (owner_url, app_url) = match &config.source {
        DatabaseSource::External { owner_url, app_url } => (
            owner_url.expose().to_string(),
            app_url.as_ref().map(|u| u.expose().to_string()),
        ),
        DatabaseSource::Embedded {
            data_dir,
            port,
            bin_dir,
        } => {
            let (dir, port, bin) = (data_dir.clone(), *port, bin_dir.clone());
            let cluster =
                tokio::task::spawn_blocking(move || embedded::ensure(&dir, port, bin.as_deref()))
                    .await
                    .expect("the embedded PostgreSQL start-up task panicked")?;
            tracing::info!(
                data_dir = %cluster.data_dir.display(),
                port = cluster.port,
                "{} the embedded PostgreSQL cluster (it keeps running when the app stops)",
                if cluster.reused { "reusing the running" } else { "started" }
            );
            (bootstrap_embedded(&cluster, EMBEDDED_DATABASE).await?, None)
        }
    };
    let app_url = prepare(&owner_url, app_url).await?;
    app_pool_with(&app_url, config.max_connections, config.acquire_timeout).await
}

/// As the embedded cluster's superuser: create the owner role and the database `database` when
/// missing. Returns the owner's connection URL.
pub async fn bootstrap_embedded(
    cluster: &embedded::Cluster,
    database: &str,
) -> Result<String, DbSetupError> {
    let owner_password = cluster.derived_secret(OWNER_ROLE);
    let mut su = PgConnection::connect(&cluster.superuser_url("postgres"))
        .await
        .map_err(|source| DbSetupError::Connect {
            role: "postgres".into(),
            source,
        })?;
    let role_exists: bool =
        sqlx::query_scalar("select exists (select 1 from pg_roles where rolname = $1)")
            .bind(OWNER_ROLE)
            .fetch_one(&mut su)
            .await
            .map_err(sql("looking up the owner role"))?;
    if !role_exists {
        // The password is hex, so it needs no quoting beyond the literal's quotes.
        let create = format!(
            "create role {OWNER_ROLE} login createrole nosuperuser password '{owner_password}'"
        );
        ignore_duplicate(su.execute(create.as_str()).await)
            .map_err(sql("creating the owner role"))?;
    }
    let db_exists: bool =
        sqlx::query_scalar("select exists (select 1 from pg_database where datname = $1)")
            .bind(database)
            .fetch_one(&mut su)
            .await
            .map_err(sql("looking up the database"))?;
    if !db_exists {
        let create = format!("create database \"{database}\" owner {OWNER_ROLE}");
        ignore_duplicate(su.execute(create.as_str()).await)
            .map_err(sql("creating the database"))?;
    }
    su.close().await.ok();
    Ok(format!(
        "postgres://{OWNER_ROLE}:{owner_password}@127.0.0.1:{}/{database}",
        cluster.port
    ))
}

/// Another instance may create the same role or database at the same moment: that is fine.
fn ignore_duplicate<T>(result: Result<T, sqlx::Error>) -> Result<(), sqlx::Error> {
    match result {
        Ok(_) => Ok(()),
        Err(sqlx::Error::Database(e))
            if matches!(e.code().as_deref(), Some("42710" | "42P04" | "23505")) =>
        {
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// As the owner: run the migrations, then make sure `santa_app` can log in. Returns the app's
/// connection URL: `app_url` when given, else the owner's URL with the `santa_app` role and a
/// password derived from the owner's (set on the role here, so every instance agrees).
pub async fn prepare(owner_url: &str, app_url: Option<String>) -> Result<String, DbSetupError> {
    let mut owner =
        PgConnection::connect(owner_url)
            .await
            .map_err(|source| DbSetupError::Connect {
                role: "the DATABASE_URL owner".into(),
                source,
            })?;
    sqlx::migrate!().run(&mut owner).await?;
    let app_url = match app_url {
        Some(url) => url,
        None => {
            let mut url =
                url::Url::parse(owner_url).map_err(|e| DbSetupError::Url(e.to_string()))?;
            let owner_password = url.password().ok_or(DbSetupError::NoOwnerPassword)?;
            let app_password = derive_password(owner_password, APP_ROLE);
            let alter = format!("alter role {APP_ROLE} password '{app_password}'");
            owner
                .execute(alter.as_str())
                .await
                .map_err(sql("setting the santa_app password"))?;
            url.set_username(APP_ROLE)
                .and_then(|()| url.set_password(Some(&app_password)))
                .map_err(|()| DbSetupError::Url("cannot set a user on it".into()))?;
            url.to_string()
        }
    };
    owner.close().await.ok();
    Ok(app_url)
}

pub use crate::config::DEFAULT_ACQUIRE_TIMEOUT;

/// The app's pool. Refuses a role that would not be bound by row-level security.
pub async fn app_pool(app_url: &str, max_connections: u32) -> Result<PgPool, DbSetupError> {
    app_pool_with(app_url, max_connections, DEFAULT_ACQUIRE_TIMEOUT).await
}

/// [`app_pool`] with a chosen wait for a free connection.
pub async fn app_pool_with(
    app_url: &str,
    max_connections: u32,
    acquire_timeout: Duration,
) -> Result<PgPool, DbSetupError> {
    let pool = PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(acquire_timeout)
        .connect(app_url)
        .await
        .map_err(|source| DbSetupError::Connect {
            role: APP_ROLE.into(),
            source,
        })?;
    let (role, unsafe_role): (String, bool) = sqlx::query_as(
        "select rolname::text, rolsuper or rolbypassrls from pg_roles where rolname = current_user",
    )
    .fetch_one(&pool)
    .await
    .map_err(sql("checking the app's role"))?;
    if unsafe_role {
        return Err(DbSetupError::UnsafeRole(role));
    }
    Ok(pool)
}

/// The one way into user data: a transaction that carries the current user (or nobody) in the
/// transaction-local setting `app.user_id`, which the row-level security policies read. The
/// setting ends with the transaction, so it can never leak to the next user of the connection.
pub async fn as_user(
    pool: &PgPool,
    user: Option<Uuid>,
) -> Result<Transaction<'static, Postgres>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let id = user.map(|u| u.to_string()).unwrap_or_default();
    sqlx::query("select set_config('app.user_id', $1, true)")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    Ok(tx)
}

/// Whether the database answers (the health check).
pub async fn ping(pool: &PgPool) -> Result<(), sqlx::Error> {
    sqlx::query_scalar::<_, i32>("select 1")
        .fetch_one(pool)
        .await?;
    Ok(())
}
