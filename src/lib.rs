//! Secret Santa: one Leptos app rendered on the server (axum), with Leptos islands for whatever
//! would need wasm in the browser (today nothing: a few lines of inline script do it).
//!
//! Modules that only make sense on the server are gated once, here, at their `mod` line.

#![recursion_limit = "256"]

pub mod api;
pub mod domain;
pub mod error;
pub mod i18n;
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
/// hydrates each one). No page has an island today and none loads this; it stays for the day a
/// part of a page needs more than a few lines of script.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
