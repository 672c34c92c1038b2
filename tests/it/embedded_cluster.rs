//! The app's own PostgreSQL cluster: created on first use, reused while it runs, and keeping its
//! data across restarts.

use std::path::Path;

use crate::common::{free_port, own_cluster, scalar, stop_cluster_async, test_base_dir};
use secret_santa::db::{self, embedded};
use sqlx::{Connection, PgConnection};

/// A superuser connection to the app's database on `cluster`.
async fn superuser(cluster: &embedded::Cluster) -> PgConnection {
    PgConnection::connect(&cluster.superuser_url(db::EMBEDDED_DATABASE))
        .await
        .unwrap()
}

#[tokio::test]
async fn the_embedded_cluster_is_reused_while_it_runs_and_keeps_its_data_across_restarts() {
    let base = test_base_dir().join(format!("restart-{}", uuid::Uuid::new_v4().simple()));
    let first_port = free_port();
    let cluster = own_cluster(&base, first_port).await;
    assert_eq!(cluster.port, first_port);

    // A second app instance on the same data directory reuses the running server and its port.
    let second = own_cluster(&base, free_port()).await;
    assert_eq!(second.port, first_port);

    let owner_url = db::bootstrap_embedded(&cluster, db::EMBEDDED_DATABASE)
        .await
        .unwrap();
    db::prepare(&owner_url, None).await.unwrap();
    let mut su = superuser(&cluster).await;
    sqlx::query("insert into users (email, password_hash, password_set_at) values ('kept@example.org', '$argon2id$kept', now())")
        .execute(&mut su)
        .await
        .unwrap();
    su.close().await.unwrap();

    stop_cluster_async(&cluster).await;

    let restarted = own_cluster(&base, first_port).await;
    let mut su = superuser(&restarted).await;
    let kept: i64 = scalar(
        &mut su,
        "select count(*) from users where email = 'kept@example.org'",
        (),
    )
    .await;
    su.close().await.unwrap();
    assert_eq!(kept, 1);

    // Starting again after a restart runs the migrations again: nothing to do, nothing breaks.
    db::prepare(&owner_url, None).await.unwrap();

    stop_cluster_async(&restarted).await;
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
