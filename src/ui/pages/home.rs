use leptos::prelude::*;
use leptos_meta::Title;

use crate::ui::auth::{mail_on, signed_in};

/// The privacy promise as it holds on this server: with mail each invitation goes straight to
/// its person; without, the organizer passes the links on, and a link opens its person's page.
fn promise(mail: bool) -> &'static str {
    if mail {
        "Not even the organizer can see the pairs: each invitation is mailed straight to its person."
    } else {
        "The organizer cannot see the pairs. On this server they pass each person their own \
         invitation link — whoever holds a link can open that person's page, and if anyone else \
         used yours, your page tells you when."
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let actions = if signed_in().is_some() {
        view! { <a class="button" href="/draws">"Go to your draws"</a> }.into_any()
    } else {
        view! {
            <a class="button" href="/register">"Organize a draw"</a>
            <a class="button button--secondary" href="/login">"I was invited — log in"</a>
        }
        .into_any()
    };
    view! {
        <Title text="" />
        <section class="hero" aria-labelledby="hero-title">
            <p class="hero__eyebrow">"Gift exchanges, sorted"</p>
            <h1 id="hero-title">"Secret Santa, without the spreadsheet"</h1>
            <p class="hero__lead">
                "Add 3 to 32 people, press draw, and everyone learns who they give to — and only that. "
                {promise(mail_on())}
            </p>
            <div class="actions">{actions}</div>
        </section>

        <section id="how-it-works" class="section" aria-labelledby="how-title">
            <h2 id="how-title">"How it works"</h2>
            <ol class="steps">
                <li class="card">
                    <h3>"1. Create a draw"</h3>
                    <p>"Name it, set a budget and a date, and list the people taking part with their wishes."</p>
                </li>
                <li class="card">
                    <h3>"2. Run it once"</h3>
                    <p>"Everyone gets exactly one person to surprise — never themselves, never someone you ruled out."</p>
                </li>
                <li class="card">
                    <h3>"3. Open your card"</h3>
                    <p>"Each participant logs in to see their match, their wish letter, and gift ideas to get started."</p>
                </li>
            </ol>
        </section>

        <section id="privacy" class="section" aria-labelledby="privacy-title">
            <h2 id="privacy-title">"Privacy, built into the database"</h2>
            <p>
                "Who sees what is decided by PostgreSQL's row-level security, not only by our code: "
                "organizers see their own draws, participants see their own match, and nobody can list who gives to whom."
            </p>
        </section>
    }
}
