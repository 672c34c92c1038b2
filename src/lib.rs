//! Secret Santa: one Leptos app rendered on the server (axum) and hydrated in the browser (wasm).
//!
//! Modules that only make sense on the server are gated once, here, at their `mod` line.

#![recursion_limit = "256"]

pub mod api;
pub mod domain;
pub mod error;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod gifts;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod server;

/// Makes ring the process's TLS crypto provider (sqlx, lettre and reqwest all use rustls; none
/// builds another provider). Safe to call more than once.
#[cfg(feature = "ssr")]
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// Browser entry point: attaches the Leptos app to the server-rendered HTML.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(ui::App);
}
