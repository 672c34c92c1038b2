//! The logged-in user as the UI knows it, and the actions that change it.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use crate::api::auth::{
    me, ChangePassword, Login, Logout, Register, ResetPassword, UpdateName, UserView,
};
use crate::api::run::AcceptInvitation;
use crate::error::AppError;

#[derive(Clone, Copy)]
pub struct Auth {
    /// Who is logged in (None: nobody). Refetched whenever an action below completes.
    pub user: Resource<Result<Option<UserView>, AppError>>,
    pub login: ServerAction<Login>,
    pub register: ServerAction<Register>,
    pub logout: ServerAction<Logout>,
    pub change_password: ServerAction<ChangePassword>,
    pub update_name: ServerAction<UpdateName>,
    /// Setting a first password through an invitation logs the person in.
    pub accept_invitation: ServerAction<AcceptInvitation>,
    /// So does choosing a new password through a reset link.
    pub reset_password: ServerAction<ResetPassword>,
}

impl Auth {
    pub fn provide() {
        let login = ServerAction::<Login>::new();
        let register = ServerAction::<Register>::new();
        let logout = ServerAction::<Logout>::new();
        let change_password = ServerAction::<ChangePassword>::new();
        let update_name = ServerAction::<UpdateName>::new();
        let accept_invitation = ServerAction::<AcceptInvitation>::new();
        let reset_password = ServerAction::<ResetPassword>::new();
        let user = Resource::new(
            move || {
                (
                    login.version().get(),
                    register.version().get(),
                    logout.version().get(),
                    accept_invitation.version().get(),
                    reset_password.version().get(),
                    update_name.version().get(),
                )
            },
            |_| me(),
        );
        provide_context(Auth {
            user,
            login,
            register,
            logout,
            change_password,
            update_name,
            accept_invitation,
            reset_password,
        });
    }

    pub fn get() -> Auth {
        expect_context::<Auth>()
    }
}

/// Shows `children` to a logged-in user; sends anybody else to the login page and back here
/// afterwards. Routes using it render with `SsrMode::Async`, so the server can answer with a
/// redirect.
#[component]
pub fn RequireUser<F, IV>(children: F) -> impl IntoView
where
    F: Fn(UserView) -> IV + Clone + Send + Sync + 'static,
    IV: IntoView + 'static,
{
    let auth = Auth::get();
    let location = use_location();
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    match auth.user.await {
                        Ok(Some(user)) => children(user).into_any(),
                        Ok(None) => {
                            // The router's `search` comes without its `?`.
                            let search = location.search.get_untracked();
                            let here = match search.trim_start_matches('?') {
                                "" => location.pathname.get_untracked(),
                                query => format!("{}?{query}", location.pathname.get_untracked()),
                            };
                            let path = format!("/login?next={}", urlencode(&here));
                            view! { <Redirect path /> }.into_any()
                        }
                        Err(error) => {
                            view! { <crate::ui::components::ErrorPanel error /> }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

/// Percent-encodes a path for use as a query value.
pub fn urlencode(raw: &str) -> String {
    raw.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
