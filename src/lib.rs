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
pub mod context;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod gifts;
#[cfg(feature = "ssr")]
pub mod ideas;
#[cfg(feature = "ssr")]
pub mod invitations;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod runtime;
#[cfg(feature = "ssr")]
pub mod server;

#[cfg(feature = "ssr")]
pub use runtime::install_crypto_provider;

#[cfg(all(test, feature = "ssr"))]
mod layers;

/// Browser entry point: readies the islands of the server-rendered page (the island script then
/// hydrates each one).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
