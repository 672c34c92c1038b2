//! `sqlx::migrate!` embeds `migrations/` when the crate compiles; a new migration must make it
//! compile again (sqlx's documented way).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
