use leptos::html;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::draws::{get_draw, DeleteDraw, DrawSummary, DrawView};
use crate::api::participant::{my_dashboard, DashboardLists, JoinedDraw};
use crate::api::run::{draw_status, InvitationLink, NewInvitation, ParticipantStatus, RunDraw};
use crate::domain::draw::DrawInput;
use crate::error::AppError;
use crate::ui::auth::{posted_error, query, RequireUser};
use crate::ui::components::{
    DrawEditor, ErrorPanel, InvitationLinks, LinkHolderWarning, ParticipantStatusList,
};
use crate::ui::islands::{actions_start_empty, mark_hydrated};
use crate::ui::IslandScripts;

fn status_badge(drawn: bool) -> impl IntoView {
    if drawn {
        view! { <span class="badge badge--drawn">"Drawn"</span> }
    } else {
        view! { <span class="badge badge--open">"Open"</span> }
    }
}

/// The organizer's home: their draws.
#[component]
pub fn DashboardPage() -> impl IntoView {
    view! {
        <Title text="Your draws" />
        <RequireUser children=|_| view! { <Dashboard /> } />
    }
}

#[component]
fn Dashboard() -> impl IntoView {
    let lists = Resource::new(|| (), |_| my_dashboard());
    let query = use_query_map();
    let welcome = move || query.read().get("welcome").is_some();
    view! {
        <section class="dashboard" aria-labelledby="dashboard-title">
            <div class="page-head">
                <h1 id="dashboard-title">"Your draws"</h1>
                <a class="button" href="/draws/new">"New draw"</a>
            </div>
            <Show when=welcome>
                <p class="form-success" role="status">"Your password is set and you are logged in. Open a draw below to see who you give to."</p>
            </Show>
            <Suspense fallback=|| view! { <p class="loading">"Loading your draws…"</p> }>
                {move || Suspend::new(async move {
                    let DashboardLists { joined, authored } = match lists.await {
                        Ok(lists) => lists,
                        Err(error) => return view! { <ErrorPanel error /> }.into_any(),
                    };
                    let takes_part = !joined.is_empty();
                    view! {
                        {takes_part.then(|| view! {
                            <section class="dashboard__group" aria-labelledby="joined-title">
                                <h2 id="joined-title">"Draws you are in"</h2>
                                <ul class="draw-list">
                                    {joined.into_iter().map(|d| view! { <JoinedCard draw=d /> }).collect_view()}
                                </ul>
                            </section>
                        })}
                        <section class="dashboard__group" aria-labelledby="organized-title">
                            <h2 id="organized-title" class:visually-hidden=!takes_part>"Draws you organize"</h2>
                            {if authored.is_empty() && takes_part {
                                view! {
                                    <div class="panel empty-state empty-state--small">
                                        <p>"Want to run a Secret Santa of your own? Add at least three people and run it when everyone is in."</p>
                                        <a class="button button--secondary" href="/draws/new">"Organize a draw"</a>
                                    </div>
                                }.into_any()
                            } else if authored.is_empty() {
                                view! {
                                    <div class="panel empty-state">
                                        <h3>"No draws yet"</h3>
                                        <p>"Create your first draw: add at least three people, then run it when everyone is in."</p>
                                        <a class="button" href="/draws/new">"Create your first draw"</a>
                                    </div>
                                }.into_any()
                            } else {
                                view! {
                                    <ul class="draw-list">
                                        {authored.into_iter().map(|d| view! { <DrawCard draw=d /> }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        </section>
                    }.into_any()
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn DrawCard(draw: DrawSummary) -> impl IntoView {
    view! {
        <li class="card draw-card">
            <h3><a href=format!("/draws/{}", draw.id)>{draw.name}</a></h3>
            <p class="draw-card__meta">
                {status_badge(draw.drawn)}
                <span>{format!("{} people", draw.participants)}</span>
                {draw.exchange_date.map(|d| view! { <span>"Exchange " <time datetime=d.clone()>{d.clone()}</time></span> })}
                <span>"Created " <time datetime=draw.created_on.clone()>{draw.created_on.clone()}</time></span>
            </p>
        </li>
    }
}

/// A draw the user takes part in: straight to their match.
#[component]
fn JoinedCard(draw: JoinedDraw) -> impl IntoView {
    let href = format!("/draws/{}/match", draw.id);
    let (badge, action) = match (draw.drawn, draw.viewed) {
        (false, _) => (
            view! { <span class="badge badge--open">"Not drawn yet"</span> },
            "Open",
        ),
        (true, false) => (
            view! { <span class="badge badge--new">"Your match is waiting"</span> },
            "Reveal your match",
        ),
        (true, true) => (
            view! { <span class="badge badge--drawn">"Match seen"</span> },
            "See your match",
        ),
    };
    view! {
        <li class="card draw-card draw-card--joined">
            <h3><a href=href.clone()>{draw.name.clone()}</a></h3>
            <p class="draw-card__meta">
                {badge}
                {draw.exchange_date.map(|d| view! { <span>"Exchange " <time datetime=d.clone()>{d.clone()}</time></span> })}
                {draw.organizing.then(|| view! { <span>"You organize it too"</span> })}
            </p>
            <a class="button button--small" href=href aria-label=format!("{action}: {}", draw.name)>{action}</a>
        </li>
    }
}

#[component]
pub fn NewDrawPage() -> impl IntoView {
    view! {
        <Title text="New draw" />
        <RequireUser children=|user| view! {
            <section class="editor">
                <h1>"New draw"</h1>
                <EditorNeedsScript />
                <DrawEditor id=None initial=DrawInput::default() me=user />
            </section>
            <IslandScripts />
        } />
    }
}

/// The editor's rows and live rules need the browser's script; without it the page says so.
#[component]
fn EditorNeedsScript() -> impl IntoView {
    view! {
        <noscript>
            <p class="warning" role="note">"The draw editor needs JavaScript: turn it on in your browser to create or change a draw. Everything else here works without it."</p>
        </noscript>
    }
}

fn draw_id() -> String {
    use_params_map()
        .read_untracked()
        .get("id")
        .unwrap_or_default()
}

#[component]
pub fn DrawPage() -> impl IntoView {
    let id = draw_id();
    view! {
        <RequireUser children=move |user| {
            let draw = Resource::new(move || id.clone(), |id| async move {
                let view = get_draw(id.clone()).await?;
                let status = if view.drawn { draw_status(id).await? } else { Vec::new() };
                Ok::<_, AppError>((view, status))
            });
            let me = user.email;
            view! {
                <Suspense fallback=|| view! { <p class="loading">"Loading the draw…"</p> }>
                    {move || {
                        let me = me.clone();
                        Suspend::new(async move {
                            match draw.await {
                                Ok((view, status)) => view! { <DrawDetails view status me /> }.into_any(),
                                Err(error) => view! { <ErrorPanel error /> }.into_any(),
                            }
                        })
                    }}
                </Suspense>
            }
        } />
    }
}

/// The organizer's page of one draw: what it holds, rendered on the server, inside the island
/// that runs it, deletes it and follows the invitations.
#[component]
fn DrawDetails(view: DrawView, status: Vec<ParticipantStatus>, me: String) -> impl IntoView {
    let DrawView {
        id,
        created_on,
        drawn,
        draw,
        mail,
    } = view;
    // "Created" and "saved" speak of the form just left; once the draw has run they are old news.
    let notice = if drawn {
        None
    } else if query("created").is_some() {
        Some("Your draw has been created.".to_string())
    } else if query("saved").is_some() {
        Some("Your changes have been saved.".to_string())
    } else {
        None
    };
    let names: Vec<String> = draw
        .participants
        .iter()
        .map(|p| format!("{} {}", p.name, p.surname))
        .collect();
    // A rule and its reverse read as one: "Ada and Alan will not draw each other".
    let pairs: Vec<(usize, usize)> = draw
        .exclusions
        .iter()
        .map(|e| (e.giver, e.recipient))
        .collect();
    let rules: Vec<String> = pairs
        .iter()
        .filter(|(g, r)| !(pairs.contains(&(*r, *g)) && g > r))
        .filter_map(|&(g, r)| {
            let (giver, recipient) = (names.get(g)?, names.get(r)?);
            Some(if pairs.contains(&(r, g)) {
                format!("{giver} and {recipient} will not draw each other")
            } else {
                format!("{giver} will not draw {recipient}")
            })
        })
        .collect();
    let budget = (!draw.budget.is_empty()).then(|| format!("{} {}", draw.budget, draw.currency));
    let takes_part = draw
        .participants
        .iter()
        .any(|p| p.email.eq_ignore_ascii_case(&me));
    let refusal = |e: AppError, field: &str| e.field(field).unwrap_or_else(|| e.to_string());
    let run_error = posted_error::<RunDraw>().map(|e| refusal(e, "draw"));
    let renew_error = posted_error::<NewInvitation>().map(|e| refusal(e, "participant_id"));
    let count = draw.participants.len();
    view! {
        <Title text=draw.name.clone() />
        <DrawActions id name=draw.name.clone() drawn mail count takes_part status notice
            confirm=query("confirm") just_run=query("run").is_some() run_error renew_error>
            <dl class="facts">
                <div><dt>"Created"</dt><dd>{created_on}</dd></div>
                {budget.map(|b| view! { <div><dt>"Budget"</dt><dd>{b}</dd></div> })}
                {(!draw.exchange_date.is_empty()).then(|| view! { <div><dt>"Exchange"</dt><dd>{draw.exchange_date.clone()}</dd></div> })}
                {(!draw.message.is_empty()).then(|| view! { <div><dt>"Message"</dt><dd class="prewrap">{draw.message.clone()}</dd></div> })}
            </dl>

            <section class="panel panel--form" aria-labelledby="people-list-title">
                <h2 id="people-list-title">{format!("People ({count})")}</h2>
                <ul class="people-list">
                    {draw.participants.iter().map(|p| view! {
                        <li>
                            <strong>{format!("{} {}", p.name, p.surname)}</strong>
                            " " <span class="muted">{p.email.clone()}</span>
                            {(!p.gift_preferences.is_empty()).then(|| view! { <p class="prewrap">{p.gift_preferences.clone()}</p> })}
                        </li>
                    }).collect_view()}
                </ul>
                <h3>"Who must not draw whom"</h3>
                {if rules.is_empty() {
                    view! { <p class="muted">"No rules: anyone may draw anyone else."</p> }.into_any()
                } else {
                    view! { <ul>{rules.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul> }.into_any()
                }}
            </section>
        </DrawActions>
        {(!mail).then(|| view! {
            <noscript>
                <p class="warning" role="note">"Your browser runs no JavaScript, so this page cannot show the invitation links: they are shown once, right after the draw runs or after “New link”. Turn JavaScript on, then use “New link” for each person."</p>
            </noscript>
        })}
        <IslandScripts />
    }
}

/// What the organizer does with a draw: run it (after a confirmation), or edit or delete it
/// before; once drawn, follow who has joined, send invitations again and copy fresh links. The
/// draw's details come as server-rendered `children`.
///
/// Each action also works as a plain form: "Run the draw" and "Delete draw" then load the page
/// with `?confirm=run` / `?confirm=delete`, which shows the confirmation, and a failed post comes
/// back with its message (`run_error`, `renew_error`).
#[allow(clippy::too_many_arguments)]
#[island]
fn DrawActions(
    id: String,
    name: String,
    drawn: bool,
    mail: bool,
    count: usize,
    takes_part: bool,
    status: Vec<ParticipantStatus>,
    notice: Option<String>,
    confirm: Option<String>,
    just_run: bool,
    run_error: Option<String>,
    renew_error: Option<String>,
    children: Children,
) -> impl IntoView {
    actions_start_empty();
    let run = ServerAction::<RunDraw>::new();
    let renew = ServerAction::<NewInvitation>::new();
    let delete = ServerAction::<DeleteDraw>::new();
    let drawn = RwSignal::new(drawn);
    let just_run = RwSignal::new(just_run);
    let status = RwSignal::new(status);
    // The links made on this page (by the run, or one by one with "New link"), newest per
    // person: a replaced link is never shown again, and each person's stays in view.
    let links = RwSignal::new(Vec::<InvitationLink>::new());
    let root = NodeRef::<html::Article>::new();
    mark_hydrated(root);
    // Without mail, the links come only in the answer to the run or to "New link", which a plain
    // post (before the wasm runs, or with no JavaScript) cannot show: those buttons wait.
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    let waits = Signal::derive(move || !mail && !live.get());
    let id = StoredValue::new(id);
    let refresh = move || {
        leptos::task::spawn_local(async move {
            if let Ok(now) = draw_status(id.get_value()).await {
                if status.with_untracked(|was| *was != now) {
                    status.set(now);
                }
            }
        });
    };
    Effect::new(move |_| {
        if let Some(Ok(made)) = run.value().get() {
            links.set(made);
            drawn.set(true);
            just_run.set(true);
            refresh();
        }
    });
    Effect::new(move |_| match renew.value().get() {
        Some(Ok(Some(link))) => {
            links.update(|all| {
                all.retain(|l| l.participant_id != link.participant_id);
                all.push(link);
            });
            refresh();
        }
        Some(Ok(None)) => refresh(),
        _ => {}
    });
    // Who has joined changes while the page is open: it refreshes every half minute.
    Effect::new(move |_| {
        let _ = set_interval_with_handle(
            move || {
                if drawn.get_untracked() {
                    refresh();
                }
            },
            std::time::Duration::from_secs(30),
        );
    });
    let run_error = {
        let posted = StoredValue::new(run_error);
        move || match run.value().get() {
            Some(Err(e)) => Some(e.field("draw").unwrap_or_else(|| e.to_string())),
            Some(Ok(_)) => None,
            None => posted.get_value(),
        }
    };
    let confirm = confirm.unwrap_or_default();
    let confirming = RwSignal::new(confirm == "delete");
    let run_dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        if run.pending().get() {
            close_dialog(run_dialog);
        }
    });
    let page = format!("/draws/{}", id.get_value());
    let (not_yet_href, keep_href) = (page.clone(), page.clone());
    let edit_href = format!("/draws/{}/edit", id.get_value());
    let own_match = takes_part.then(|| format!("/draws/{}/match", id.get_value()));
    let not_yet = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        close_dialog(run_dialog);
    };
    let keep = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        confirming.set(false);
    };
    let badge = move || {
        if drawn.get() {
            view! { <span class="badge badge--drawn">"Drawn"</span> }
        } else {
            view! { <span class="badge badge--open">"Open"</span> }
        }
    };
    view! {
        <article class="draw" aria-labelledby="draw-title" node_ref=root>
            {move || notice.clone().filter(|_| !drawn.get()).map(|n| view! { <p class="form-success" role="status">{n}</p> })}
            <div class="page-head">
                <h1 id="draw-title">{name}</h1>
                {badge}
            </div>
            {children()}
            <div hidden=move || !drawn.get()>
                {own_match.map(|href| view! {
                    <p class="panel own-match">"You take part in this draw too. "
                        <a class="button button--small" href=href>"See your own match"</a></p>
                })}
                {(!mail).then(|| view! { <LinkHolderWarning /> })}
                <InvitationLinks mail just_run=just_run.into() />
                <ParticipantStatusList renew status links mail error=renew_error waits />
                <p class="muted">"This draw has been run, so it can no longer be changed."</p>
            </div>
            <div hidden=move || drawn.get()>
                <section class="panel panel--form run-panel" aria-labelledby="run-title">
                    <h2 id="run-title">"Run the draw"</h2>
                    <p>"Everyone gets one person to give to. It runs once; after that the draw can no longer be changed."</p>
                    {(count == 3).then(|| view! {
                        <p class="warning" role="note">
                            "With exactly 3 people, each person can work out the whole assignment from their own match. Add a fourth person to keep it secret."
                        </p>
                    })}
                    <p class="form-message" role="alert" hidden=move || run_error().is_none()>{run_error}</p>
                    <form method="get" action=page.clone() on:submit=move |ev| {
                        ev.prevent_default();
                        open_dialog(run_dialog);
                    }>
                        <input type="hidden" name="confirm" value="run" />
                        <button type="submit" class="button" disabled=move || run.pending().get() aria-haspopup="dialog">
                            {move || if run.pending().get() { "Drawing…" } else { "Run the draw" }}
                        </button>
                    </form>
                    <dialog node_ref=run_dialog class="dialog" open=confirm == "run"
                        aria-labelledby="run-confirm-title" aria-describedby="run-confirm-text">
                        <h2 id="run-confirm-title">"Run the draw now?"</h2>
                        <div id="run-confirm-text">
                            <p>"This locks the draw: after it, nobody can be added or removed and nothing can be changed. It runs once and cannot be undone."</p>
                            <p>{if mail {
                                "Everyone gets one person to give to, and each person is mailed their own invitation to join and see whom they give to."
                            } else {
                                "Everyone gets one person to give to, and you get an invitation link for each person to pass on."
                            }}</p>
                        </div>
                        <ActionForm action=run>
                            <input type="hidden" name="id" value=id.get_value() />
                            <div class="actions">
                                <button type="submit" class="button" disabled=waits>"Yes, run the draw"</button>
                                <a class="button button--quiet" href=not_yet_href autofocus=true on:click=not_yet>"Not yet"</a>
                            </div>
                        </ActionForm>
                    </dialog>
                </section>
                <div class="actions">
                    <a class="button button--secondary" href=edit_href>"Edit draw"</a>
                    <form method="get" action=page.clone() hidden=move || confirming.get() on:submit=move |ev| {
                        ev.prevent_default();
                        confirming.set(true);
                    }>
                        <input type="hidden" name="confirm" value="delete" />
                        <button type="submit" class="button button--quiet">"Delete draw"</button>
                    </form>
                </div>
                <div class="panel panel--form confirm" role="alertdialog" aria-labelledby="confirm-title" hidden=move || !confirming.get()>
                    <p id="confirm-title"><strong>"Delete this draw and its list of people?"</strong>" This cannot be undone."</p>
                    <ActionForm action=delete>
                        <input type="hidden" name="id" value=id.get_value() />
                        <button type="submit" class="button button--danger">"Yes, delete it"</button>
                        " "
                        <a class="button button--quiet" href=keep_href on:click=keep>"Keep it"</a>
                    </ActionForm>
                </div>
            </div>
        </article>
    }
}

#[component]
pub fn EditDrawPage() -> impl IntoView {
    let id = draw_id();
    view! {
        <Title text="Edit draw" />
        <RequireUser children=move |user| {
            let draw = Resource::new(move || id.clone(), get_draw);
            let me = user;
            view! {
                <Suspense fallback=|| view! { <p class="loading">"Loading the draw…"</p> }>
                    {move || {
                        let me = me.clone();
                        Suspend::new(async move {
                            match draw.await {
                                Ok(view) if view.drawn => view! {
                                    <section class="editor">
                                        <h1>{format!("Edit “{}”", view.draw.name)}</h1>
                                        <p class="panel">"This draw has been run, so it can no longer be changed. "
                                            <a href=format!("/draws/{}", view.id)>"Back to the draw"</a></p>
                                    </section>
                                }.into_any(),
                                Ok(view) => view! {
                                    <section class="editor">
                                        <h1>{format!("Edit “{}”", view.draw.name)}</h1>
                                        <EditorNeedsScript />
                                        <DrawEditor id=Some(view.id.clone()) initial=view.draw.clone() me />
                                    </section>
                                    <IslandScripts />
                                }.into_any(),
                                Err(error) => view! { <ErrorPanel error /> }.into_any(),
                            }
                        })
                    }}
                </Suspense>
            }
        } />
    }
}

/// Opens a `<dialog>` as a modal: the browser moves focus into it, keeps it there and closes it
/// on Escape. (Shown open by the server, as it is after `?confirm=run`, it is closed first: a
/// dialog already open cannot become modal.)
fn open_dialog(dialog: NodeRef<html::Dialog>) {
    if let Some(d) = dialog.get_untracked() {
        d.close();
        let _ = d.show_modal();
    }
}

fn close_dialog(dialog: NodeRef<html::Dialog>) {
    if let Some(d) = dialog.get_untracked() {
        d.close();
    }
}
