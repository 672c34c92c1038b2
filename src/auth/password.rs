//! Argon2id password hashing at OWASP's parameters (19 MiB, 2 iterations, 1 lane), on blocking
//! threads, with a bound on how many run at once so logins cannot starve page requests.

use std::sync::Arc;

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

use crate::error::AppError;

fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("OWASP argon2id parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Two queues: verifying a login, and hashing a new password (registration, reset, change,
/// accepting an invitation). A burst of registrations waits in its own queue and cannot make
/// people who log in wait behind it.
#[derive(Clone)]
pub struct PasswordService {
    permits: Arc<Semaphore>,
    new_password_permits: Arc<Semaphore>,
    /// Verified against when an email is unknown, so that costs as much as a wrong password.
    dummy_hash: Arc<str>,
}

impl PasswordService {
    pub fn new(concurrency: usize) -> Self {
        let dummy = crate::runtime::random_hex(16);
        let dummy_hash = argon2()
            .hash_password(dummy.as_bytes())
            .expect("hashing a random password")
            .to_string();
        PasswordService {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
            new_password_permits: Arc::new(Semaphore::new(concurrency.max(1))),
            dummy_hash: dummy_hash.into(),
        }
    }

    /// Hashes a new password, in the queue of new passwords.
    pub async fn hash_new(&self, password: &str) -> Result<String, AppError> {
        let _permit = self
            .new_password_permits
            .acquire()
            .await
            .map_err(|_| AppError::Internal)?;
        let password = password.to_string();
        tokio::task::spawn_blocking(move || {
            argon2()
                .hash_password(password.as_bytes())
                .map(|h| h.to_string())
        })
        .await
        .map_err(|_| AppError::Internal)?
        .map_err(|e| {
            tracing::error!(error = %e, "password hashing failed");
            AppError::Internal
        })
    }

    /// True when `password` matches `hash`. With no hash (unknown email, or an account whose
    /// password was never set) it verifies against a dummy hash and answers false, in the same time.
    pub async fn verify(&self, password: &str, hash: Option<String>) -> bool {
        let Ok(_permit) = self.permits.acquire().await else {
            return false;
        };
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| self.dummy_hash.to_string());
        let password = password.to_string();
        let matches = tokio::task::spawn_blocking(move || {
            argon2()
                .verify_password(password.as_bytes(), hash.as_str())
                .is_ok()
        })
        .await
        .unwrap_or(false);
        known && matches
    }
}
