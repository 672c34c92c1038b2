//! Test harness: one embedded PostgreSQL cluster for the test binary, and a fresh database per test,
//! migrated by the owner role exactly as the app does at start-up; and the fixtures every area
//! shares, each in its own module:
//! - [`db`]: statements with their arguments, superuser reads, digests of every table;
//! - [`app`]: the real router on a free port, browser-like clients, registering and logging in;
//! - [`draws`]: draws as save_draw takes them, saving, running and joining them;
//! - [`mail`]: a local SMTP sink and the links in its mail;
//! - [`llm`]: a fake gift-ideas provider.
#![allow(dead_code)]

pub mod app;
pub mod db;
pub mod draws;
pub mod llm;
pub mod mail;

// One path for every fixture: `crate::common::register`. (The benches include this module too,
// and use only some of it.)
#[allow(unused_imports)]
pub use {app::*, db::*, draws::*, llm::*, mail::*};

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use secret_santa::db::{self as app_db, embedded};
use sqlx::{PgPool, Postgres, Transaction};
use uuid::Uuid;

static CLUSTER: OnceLock<embedded::Cluster> = OnceLock::new();
/// Role changes (grants, the santa_app password) are cluster-wide: prepare one database at a time.
static PREPARE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Where the tests' cluster lives: `SANTA_TEST_PG_DIR` (the test command sets it to a fresh
/// temporary directory), else a directory under the system's temp dir, reused between runs.
pub fn test_base_dir() -> PathBuf {
    std::env::var_os("SANTA_TEST_PG_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("secret-santa-tests"))
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free port on 127.0.0.1")
}

pub fn cluster() -> &'static embedded::Cluster {
    CLUSTER.get_or_init(|| {
        let base = test_base_dir().join("cluster");
        embedded::ensure(&base, free_port(), None)
            .unwrap_or_else(|e| panic!("cannot start the test PostgreSQL cluster: {e}"))
    })
}

/// A cluster of its own under `base`, started (or found running) on `port`, off the async runtime.
pub async fn own_cluster(base: &Path, port: u16) -> embedded::Cluster {
    let base = base.to_path_buf();
    tokio::task::spawn_blocking(move || {
        embedded::ensure(&base, port, None).unwrap_or_else(|e| panic!("{e}"))
    })
    .await
    .unwrap()
}

/// Fast shutdown (SIGINT, as `pg_ctl stop -m fast` would do), then wait until the server is gone.
pub fn stop_cluster(cluster: &embedded::Cluster) {
    let pid_file = cluster.data_dir.join("postmaster.pid");
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    let pid = pid.lines().next().unwrap().trim().to_string();
    let status = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap();
    assert!(status.success());
    let started = Instant::now();
    while pid_file.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "PostgreSQL did not stop"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// [`stop_cluster`], off the async runtime.
pub async fn stop_cluster_async(cluster: &embedded::Cluster) {
    let cluster = cluster.clone();
    tokio::task::spawn_blocking(move || stop_cluster(&cluster))
        .await
        .unwrap();
}

#[derive(Clone)]
pub struct TestDb {
    /// The app's own pool: connected as santa_app, bound by row-level security.
    pub app: PgPool,
    /// A superuser pool on the same database, for fixtures and for checking what really is
    /// stored. Superusers bypass row-level security, so no assertion about policies uses it.
    pub admin: PgPool,
    pub owner_url: String,
    pub app_url: String,
    pub name: String,
}

/// A new database with the whole schema, reached as the app reaches it.
pub async fn fresh_db() -> TestDb {
    let cluster = tokio::task::spawn_blocking(cluster)
        .await
        .expect("cluster start-up panicked");
    let name = format!("t_{}", Uuid::new_v4().simple());
    let (owner_url, app_url) = {
        let _guard = PREPARE.lock().await;
        let owner_url = app_db::bootstrap_embedded(cluster, &name)
            .await
            .expect("bootstrap the test database");
        let app_url = app_db::prepare(&owner_url, None)
            .await
            .expect("migrate the test database");
        (owner_url, app_url)
    };
    let app = app_db::app_pool(&app_url, 4)
        .await
        .expect("connect as santa_app");
    let admin = PgPool::connect(&cluster.superuser_url(&name))
        .await
        .expect("connect as superuser");
    TestDb {
        app,
        admin,
        owner_url,
        app_url,
        name,
    }
}

impl TestDb {
    /// A transaction as `user` (None: anonymous), through the app's one way into user data.
    pub async fn as_user(&self, user: Option<Uuid>) -> Transaction<'static, Postgres> {
        app_db::as_user(&self.app, user)
            .await
            .expect("begin as user")
    }
}

/// The SQLSTATE of a failed statement, for asserting *why* something was refused.
pub fn sqlstate<T: std::fmt::Debug>(result: Result<T, sqlx::Error>) -> String {
    match result {
        Err(sqlx::Error::Database(e)) => e.code().map(|c| c.to_string()).unwrap_or_default(),
        other => panic!("expected a database error, got {other:?}"),
    }
}
