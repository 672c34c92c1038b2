//! Every integration test, in one binary: the app is linked once per build instead of once per
//! file. Each module is one area (accounts, draws, row-level security …); `common` holds what they
//! share. They run against real PostgreSQL clusters started from the machine's binaries.
#![cfg(feature = "ssr")]

mod common;

mod accounts;
mod after_the_draw;
mod bad_input;
mod draws;
mod embedded_cluster;
mod faults;
mod idor;
mod instances;
mod languages;
mod messages;
mod pages;
mod participants;
mod password_reset;
mod rls_matrix;
mod row_level_security;
mod running;
mod trust;
