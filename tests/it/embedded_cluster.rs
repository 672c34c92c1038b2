//! The app's own PostgreSQL cluster: created on first use, reused while it runs, and keeping its
//! data across restarts.

use std::path::Path;
use std::time::{Duration, Instant};

use secret_santa::db::{self, embedded};
use sqlx::{Connection, PgConnection};

/// Fast shutdown, as `pg_ctl stop -m fast` would do, then wait until the server is gone.
fn stop(cluster: &embedded::Cluster) {
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
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn ensure(base: &Path, port: u16) -> embedded::Cluster {
    embedded::ensure(base, port, None).unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
async fn the_embedded_cluster_is_reused_while_it_runs_and_keeps_its_data_across_restarts() {
    let base =
        crate::common::test_base_dir().join(format!("restart-{}", uuid::Uuid::new_v4().simple()));
    let first_port = crate::common::free_port();
    let cluster = tokio::task::spawn_blocking({
        let base = base.clone();
        move || ensure(&base, first_port)
    })
    .await
    .unwrap();
    assert_eq!(cluster.port, first_port);

    // A second app instance on the same data directory reuses the running server and its port.
    let other_port = crate::common::free_port();
    let second = tokio::task::spawn_blocking({
        let base = base.clone();
        move || ensure(&base, other_port)
    })
    .await
    .unwrap();
    assert_eq!(second.port, first_port);

    let owner_url = db::bootstrap_embedded(&cluster, db::EMBEDDED_DATABASE)
        .await
        .unwrap();
    db::prepare(&owner_url, None).await.unwrap();
    let mut su = PgConnection::connect(&cluster.superuser_url(db::EMBEDDED_DATABASE))
        .await
        .unwrap();
    sqlx::query("insert into users (email, password_hash, password_set_at) values ('kept@example.org', '$argon2id$kept', now())")
        .execute(&mut su)
        .await
        .unwrap();
    su.close().await.unwrap();

    tokio::task::spawn_blocking({
        let cluster = cluster.clone();
        move || stop(&cluster)
    })
    .await
    .unwrap();

    let restarted = tokio::task::spawn_blocking({
        let base = base.clone();
        move || ensure(&base, first_port)
    })
    .await
    .unwrap();
    let mut su = PgConnection::connect(&restarted.superuser_url(db::EMBEDDED_DATABASE))
        .await
        .unwrap();
    let kept: i64 =
        sqlx::query_scalar("select count(*) from users where email = 'kept@example.org'")
            .fetch_one(&mut su)
            .await
            .unwrap();
    su.close().await.unwrap();
    assert_eq!(kept, 1);

    // Starting again after a restart runs the migrations again: nothing to do, nothing breaks.
    db::prepare(&owner_url, None).await.unwrap();

    tokio::task::spawn_blocking(move || stop(&restarted))
        .await
        .unwrap();
}

#[test]
fn missing_postgresql_binaries_are_reported_with_what_to_install_or_configure() {
    let err = embedded::find_binaries(Some(Path::new("/nonexistent/postgres/bin"))).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("no PostgreSQL binaries found"),
        "{message}"
    );
    assert!(message.contains("DATABASE_URL"), "{message}");
}
