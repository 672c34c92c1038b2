use crate::tr;
use crate::ui::use_lang;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::ui::auth::{mail_on, signed_in};

/// The privacy promise as it holds on this server: with mail each invitation goes straight to
/// its person; without, the organizer passes the links on, and a link opens its person's page.
fn promise(lang: crate::i18n::Lang, mail: bool) -> &'static str {
    if mail {
        tr!(lang, "home-promise-mail")
    } else {
        tr!(lang, "home-promise-links")
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let actions = if signed_in().is_some() {
        view! { <a class="button" href="/draws">{tr!(lang, "home-go-to-draws")}</a> }.into_any()
    } else {
        view! {
            <a class="button" href="/register">{tr!(lang, "home-organize")}</a>
            <a class="button button--secondary" href="/login">{tr!(lang, "home-invited")}</a>
        }
        .into_any()
    };
    view! {
        <Title text="" />
        <section class="hero" aria-labelledby="hero-title">
            <p class="hero__eyebrow">{tr!(lang, "home-eyebrow")}</p>
            <h1 id="hero-title">{tr!(lang, "home-title")}</h1>
            <p class="hero__lead">
                {tr!(lang, "home-lead")} " " {promise(lang, mail_on())}
            </p>
            <div class="actions">{actions}</div>
        </section>

        <section id="how-it-works" class="section" aria-labelledby="how-title">
            <h2 id="how-title">{tr!(lang, "home-how-title")}</h2>
            <ol class="steps">
                <li class="card">
                    <h3>{tr!(lang, "home-step1-title")}</h3>
                    <p>{tr!(lang, "home-step1")}</p>
                </li>
                <li class="card">
                    <h3>{tr!(lang, "home-step2-title")}</h3>
                    <p>{tr!(lang, "home-step2")}</p>
                </li>
                <li class="card">
                    <h3>{tr!(lang, "home-step3-title")}</h3>
                    <p>{tr!(lang, "home-step3")}</p>
                </li>
            </ol>
        </section>

        <section id="privacy" class="section" aria-labelledby="privacy-title">
            <h2 id="privacy-title">{tr!(lang, "home-privacy-title")}</h2>
            <p>
                {tr!(lang, "home-privacy")}
            </p>
        </section>
    }
}
