use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::changes::{AddParticipant, RemoveParticipant, UpdateDrawDetails};
use crate::api::draws::{get_draw, DeleteDraw, DrawSummary, DrawView};
use crate::api::participant::{DashboardLists, JoinedDraw, LoadedDashboard};
use crate::api::run::{draw_status, InvitationLink, NewInvitation, ParticipantStatus, RunDraw};
use crate::domain::draw::DrawInput;
use crate::domain::limits::{
    MAX_DRAW_MESSAGE_CHARS, MAX_DRAW_NAME_CHARS, MAX_GIFT_PREFERENCES_CHARS, MAX_PERSON_NAME_CHARS,
};
use crate::error::AppError;
use crate::i18n::{format_date, Lang};
use crate::tr;
use crate::ui::auth::{posted_error, query, RequireUser};
use crate::ui::components::{
    DrawEditor, ErrorPanel, Field, FormErrors, FormMessage, InvitationLinks, LinkHolderWarning,
    ParticipantStatusList, CURRENCIES,
};
use crate::ui::pages::reveal::{counter_script, textarea_text, CounterScript};
use crate::ui::use_lang;

fn status_badge(lang: Lang, drawn: bool) -> impl IntoView {
    if drawn {
        view! { <span class="badge badge--drawn">{tr!(lang, "badge-drawn")}</span> }
    } else {
        view! { <span class="badge badge--open">{tr!(lang, "badge-open")}</span> }
    }
}

/// A stored budget ("25", "25.50") with its currency, as the language writes money.
fn budget_text(lang: Lang, budget: &str, currency: &str) -> String {
    match crate::domain::money::parse_amount(budget) {
        Some(minor) => crate::i18n::format_money(lang, minor, currency),
        None => format!("{budget} {currency}"),
    }
}

/// The organizer's home: their draws.
#[component]
pub fn DashboardPage() -> impl IntoView {
    view! {
        <Title text=tr!(use_lang(), "dash-title") />
        <RequireUser children=|_| view! { <Dashboard /> } />
    }
}

#[component]
fn Dashboard() -> impl IntoView {
    let lang = use_lang();
    let welcome = query("welcome").is_some();
    // Read by the page's handler before rendering: no Resource, no Suspense (issue 15).
    let lists = match use_context::<LoadedDashboard>().map_or(Err(AppError::NotFound), |l| l.0) {
        Ok(lists) => dashboard_lists(lang, lists).into_any(),
        Err(error) => view! { <ErrorPanel error /> }.into_any(),
    };
    view! {
        <section class="dashboard" aria-labelledby="dashboard-title">
            <div class="page-head">
                <h1 id="dashboard-title">{tr!(lang, "dash-title")}</h1>
                <a class="button" href="/draws/new">{tr!(lang, "dash-new")}</a>
            </div>
            {welcome.then(|| view! {
                <p class="form-success" role="status">{tr!(lang, "dash-welcome")}</p>
            })}
            {lists}
        </section>
    }
}

/// The draws the user takes part in (when there are any), then the draws they organize.
fn dashboard_lists(lang: Lang, lists: DashboardLists) -> impl IntoView {
    let DashboardLists { joined, authored } = lists;
    let takes_part = !joined.is_empty();
    view! {
        {takes_part.then(|| view! {
            <section class="dashboard__group" aria-labelledby="joined-title">
                <h2 id="joined-title">{tr!(lang, "dash-joined-title")}</h2>
                <ul class="draw-list">
                    {joined.into_iter().map(|d| view! { <JoinedCard draw=d /> }).collect_view()}
                </ul>
            </section>
        })}
        <section class="dashboard__group" aria-labelledby="organized-title">
            <h2 id="organized-title" class:visually-hidden=!takes_part>{tr!(lang, "dash-organized-title")}</h2>
            {if authored.is_empty() && takes_part {
                view! {
                    <div class="panel empty-state empty-state--small">
                        <p>{tr!(lang, "dash-own-too")}</p>
                        <a class="button button--secondary" href="/draws/new">{tr!(lang, "dash-organize")}</a>
                    </div>
                }.into_any()
            } else if authored.is_empty() {
                view! {
                    <div class="panel empty-state">
                        <h3>{tr!(lang, "dash-empty-title")}</h3>
                        <p>{tr!(lang, "dash-empty")}</p>
                        <a class="button" href="/draws/new">{tr!(lang, "dash-create-first")}</a>
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
    }
}

#[component]
fn DrawCard(draw: DrawSummary) -> impl IntoView {
    let lang = use_lang();
    view! {
        <li class="card draw-card">
            <h3><a href=format!("/draws/{}", draw.id)>{draw.name}</a></h3>
            <p class="draw-card__meta">
                {status_badge(lang, draw.drawn)}
                <span>{tr!(lang, "people-count", count = draw.participants)}</span>
                {draw.exchange_date.map(|d| view! { <span>{tr!(lang, "dash-exchange")} " " <time datetime=d.clone()>{format_date(lang, &d)}</time></span> })}
                <span>{tr!(lang, "dash-created")} " " <time datetime=draw.created_on.clone()>{format_date(lang, &draw.created_on)}</time></span>
            </p>
        </li>
    }
}

/// A draw the user takes part in: straight to their match.
#[component]
fn JoinedCard(draw: JoinedDraw) -> impl IntoView {
    let lang = use_lang();
    let href = format!("/draws/{}/match", draw.id);
    let (badge, action) = match (draw.drawn, draw.viewed) {
        (true, false) if draw.changed => (
            view! { <span class="badge badge--new">{tr!(lang, "dash-changed")}</span> },
            tr!(lang, "dash-see-new"),
        ),
        (false, _) => (
            view! { <span class="badge badge--open">{tr!(lang, "dash-not-drawn")}</span> },
            tr!(lang, "dash-open"),
        ),
        (true, false) => (
            view! { <span class="badge badge--new">{tr!(lang, "dash-waiting")}</span> },
            tr!(lang, "dash-reveal"),
        ),
        (true, true) => (
            view! { <span class="badge badge--drawn">{tr!(lang, "dash-seen")}</span> },
            tr!(lang, "dash-see"),
        ),
    };
    view! {
        <li class="card draw-card draw-card--joined">
            <h3><a href=href.clone()>{draw.name.clone()}</a></h3>
            <p class="draw-card__meta">
                {badge}
                {(draw.unread > 0).then(|| view! {
                    <span class="badge badge--new" data-testid="unread">
                        {tr!(lang, "dash-new-messages", count = draw.unread)}
                    </span>
                })}
                {draw.exchange_date.map(|d| view! { <span>{tr!(lang, "dash-exchange")} " " <time datetime=d.clone()>{format_date(lang, &d)}</time></span> })}
                {draw.organizing.then(|| view! { <span>{tr!(lang, "dash-organize-too")}</span> })}
            </p>
            <a class="button button--small" href=href aria-label=tr!(lang, "dash-action-label", action = action, draw = &draw.name)>{action}</a>
        </li>
    }
}

#[component]
pub fn NewDrawPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=tr!(lang, "new-draw-title") />
        <RequireUser children=move |user| view! {
            <section class="editor">
                <h1>{tr!(lang, "new-draw-title")}</h1>
                <EditorNeedsScript />
                <DrawEditor id=None initial=DrawInput::default() me=user />
            </section>
        } />
    }
}

/// The editor's rows and live rules need the browser's script; without it the page says so.
#[component]
fn EditorNeedsScript() -> impl IntoView {
    view! {
        <noscript>
            <p class="warning" role="note">{tr!(use_lang(), "editor-needs-script")}</p>
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
            // The links a post just made are shown on the page it lands on (`?run`, `?renewed`,
            // or back from a refused post: `__err`); any other visit forgets them, except the
            // script's refresh (`?status`).
            let links = if query("status").is_some() {
                None
            } else {
                Some(query("run").is_some() || query("renewed").is_some() || query("__err").is_some())
            };
            let draw = Resource::new(move || id.clone(), move |id| async move {
                let view = get_draw(id.clone()).await?;
                let status = if view.drawn { draw_status(id.clone()).await? } else { Vec::new() };
                let (links, renewed) = match links {
                    #[cfg(feature = "ssr")]
                    Some(show) => crate::api::run::fresh_links(id, show).await?,
                    _ => Default::default(),
                };
                Ok::<_, AppError>((view, status, links, renewed))
            });
            let me = user.email;
            let lang = use_lang();
            view! {
                <Suspense fallback=move || view! { <p class="loading">{tr!(lang, "draw-loading")}</p> }>
                    {move || {
                        let me = me.clone();
                        Suspend::new(async move {
                            match draw.await {
                                Ok((view, status, links, renewed)) => view! { <DrawDetails view status links renewed me /> }.into_any(),
                                Err(error) => view! { <ErrorPanel error /> }.into_any(),
                            }
                        })
                    }}
                </Suspense>
            }
        } />
    }
}

/// The organizer's page of one draw: what it holds, inside the actions that run it, delete it and
/// follow the invitations (all rendered on the server).
#[component]
fn DrawDetails(
    view: DrawView,
    status: Vec<ParticipantStatus>,
    links: Vec<InvitationLink>,
    renewed: Vec<String>,
    me: String,
) -> impl IntoView {
    let DrawView {
        id,
        created_on,
        drawn,
        draw,
        mail,
        ..
    } = view;
    let lang = use_lang();
    // "Created" and "saved" speak of the form just left; once the draw has run they are old news.
    let notice = if drawn {
        None
    } else if query("created").is_some() {
        Some(tr!(lang, "draw-created-notice").to_string())
    } else if query("saved").is_some() {
        Some(tr!(lang, "draw-saved-notice").to_string())
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
                tr!(lang, "draw-rule-both", giver = giver, recipient = recipient)
            } else {
                tr!(lang, "draw-rule-one", giver = giver, recipient = recipient)
            })
        })
        .collect();
    let budget = (!draw.budget.is_empty()).then(|| budget_text(lang, &draw.budget, &draw.currency));
    let takes_part = draw
        .participants
        .iter()
        .any(|p| p.email.eq_ignore_ascii_case(&me));
    let refusal = |e: AppError, field: &str| e.field(field).unwrap_or_else(|| e.to_string());
    let run_error = posted_error::<RunDraw>().map(|e| refusal(e, "draw"));
    let renew_error = posted_error::<NewInvitation>().map(|e| refusal(e, "participant_id"));
    let count = draw.participants.len();
    let changed = drawn
        .then(|| query("changed"))
        .flatten()
        .and_then(|what| change_notice(lang, &what, mail));
    let people: Vec<(String, String, bool)> = status
        .iter()
        .map(|p| (p.participant_id.clone(), p.name.clone(), p.activated))
        .collect();
    let after = drawn.then(|| view! { <AfterTheDraw id=id.clone() people mail /> }.into_any());
    view! {
        <Title text=draw.name.clone() />
        <DrawActions id name=draw.name.clone() drawn mail count takes_part status links notice
            confirm=query("confirm") just_run=query("run").is_some() run_error renew_error
            renewed=query("renewed").filter(|pid| renewed.contains(pid)) after>
            {changed.map(|n| view! { <p class="form-success" role="status" tabindex="-1" autofocus=true>{n}</p> })}
            <dl class="facts">
                <div><dt>{tr!(lang, "draw-fact-created")}</dt><dd>{format_date(lang, &created_on)}</dd></div>
                {budget.map(|b| view! { <div><dt>{tr!(lang, "draw-fact-budget")}</dt><dd>{b}</dd></div> })}
                {(!draw.exchange_date.is_empty()).then(|| view! { <div><dt>{tr!(lang, "draw-fact-exchange")}</dt><dd>{format_date(lang, &draw.exchange_date)}</dd></div> })}
                {(!draw.message.is_empty()).then(|| view! { <div><dt>{tr!(lang, "draw-fact-message")}</dt><dd class="prewrap">{draw.message.clone()}</dd></div> })}
            </dl>

            <section class="panel panel--form" aria-labelledby="people-list-title">
                <h2 id="people-list-title">{tr!(lang, "draw-people-title", count = count.to_string())}</h2>
                <ul class="people-list">
                    {draw.participants.iter().map(|p| view! {
                        <li>
                            <strong>{format!("{} {}", p.name, p.surname)}</strong>
                            " " <span class="muted">{p.email.clone()}</span>
                            {(!p.gift_preferences.is_empty()).then(|| view! { <p class="prewrap">{p.gift_preferences.clone()}</p> })}
                        </li>
                    }).collect_view()}
                </ul>
                <h3>{tr!(lang, "draw-rules-title")}</h3>
                {if rules.is_empty() {
                    view! { <p class="muted">{tr!(lang, "draw-no-rules")}</p> }.into_any()
                } else {
                    view! { <ul>{rules.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul> }.into_any()
                }}
            </section>
        </DrawActions>
    }
}

/// What the organizer's page says after a change to a drawn draw. Never who: a removal or an
/// addition changes the match of someone the organizer must not learn (for a removal, the person
/// who gave to the one removed), and a removal that needs a longer repair is told in the same
/// words, so the wording does not hint at the rules either.
fn change_notice(lang: Lang, what: &str, mail: bool) -> Option<String> {
    let told = if mail {
        tr!(lang, "change-told-mail")
    } else {
        tr!(lang, "change-told")
    };
    Some(match what {
        "details" => tr!(lang, "change-details").to_string(),
        "removed" => tr!(lang, "change-removed", told = told),
        "added" if mail => tr!(lang, "change-added-mail", told = told),
        "added" => tr!(lang, "change-added", told = told),
        _ => return None,
    })
}

/// Changes to a drawn draw, as plain forms (they work without JavaScript): its details, someone
/// leaving (after a confirmation: `?remove=<id>` shows it) and a late joiner. `people`: each
/// person's id and name, in the draw's order.
#[component]
fn AfterTheDraw(id: String, people: Vec<(String, String, bool)>, mail: bool) -> impl IntoView {
    let lang = use_lang();
    let page = format!("/draws/{id}");
    let remove_error = posted_error::<RemoveParticipant>()
        .map(|e| e.field("participant_id").unwrap_or_else(|| e.to_string()));
    let leaving = query("remove").and_then(|pid| people.iter().find(|p| p.0 == pid).cloned());
    let people: Vec<(String, String)> = people
        .into_iter()
        .map(|(pid, name, _)| (pid, name))
        .collect();
    let can_remove = people.len() > 3;
    let remove = ServerAction::<RemoveParticipant>::new();
    let add = ServerAction::<AddParticipant>::new();
    let errors = FormErrors::of(add);
    let apart_error = errors.field("apart");
    let wishes_error = errors.field("gift_preferences");
    let typed_wishes = query("gift_preferences").unwrap_or_default();
    let wishes_count = crate::domain::text::counted_chars(&typed_wishes);
    let wishes_over = wishes_count > MAX_GIFT_PREFERENCES_CHARS;
    let apart_chosen = query("apart").unwrap_or_default();
    let (edit_href, form_id) = (format!("/draws/{id}/details"), id.clone());
    let removal = match leaving {
        Some((pid, name, joined)) => view! {
            <div class="panel confirm" role="alertdialog" aria-labelledby="remove-confirm-title" aria-describedby="remove-confirm-text">
                <p id="remove-confirm-title"><strong>{tr!(lang, "remove-confirm-title", name = &name)}</strong></p>
                <p id="remove-confirm-text">{match (mail, joined) {
                    (true, true) => tr!(lang, "remove-confirm-mail-joined", name = &name),
                    (true, false) => tr!(lang, "remove-confirm-mail", name = &name),
                    (false, true) => tr!(lang, "remove-confirm-joined", name = &name),
                    (false, false) => tr!(lang, "remove-confirm", name = &name),
                }}</p>
                // (Found from outside: an organizer who takes part then knows every pair.)
                {(people.len() == 4).then(|| view! {
                    <p class="warning" role="note">{tr!(lang, "remove-confirm-three")}</p>
                })}
                <ActionForm action=remove>
                    <input type="hidden" name="id" value=id.clone() />
                    <input type="hidden" name="participant_id" value=pid />
                    <div class="actions">
                        <button type="submit" class="button button--danger">{tr!(lang, "remove-yes", name = &name)}</button>
                        <a class="button button--quiet" href=format!("{page}#changes-title") autofocus=true>{tr!(lang, "remove-keep")}</a>
                    </div>
                </ActionForm>
            </div>
        }.into_any(),
        None if can_remove => view! {
            // (No fragment: Chromium ignores `autofocus` on a page whose address has one, and the
            // confirmation takes the focus.)
            <form method="get" action=page.clone() class="remove-form">
                <div class="field" class:field--invalid=remove_error.is_some()>
                    <label for="remove-who">{tr!(lang, "remove-who")}</label>
                    <select id="remove-who" name="remove" required=true
                        aria-invalid=remove_error.as_ref().map(|_| "true") aria-describedby="remove-who-error">
                        <option value="">{tr!(lang, "remove-choose")}</option>
                        {people.iter().map(|(pid, name)| view! { <option value=pid.clone()>{name.clone()}</option> }).collect_view()}
                    </select>
                    <p id="remove-who-error" class="field__error" role="alert">{remove_error.clone()}</p>
                </div>
                <button type="submit" class="button button--secondary">{tr!(lang, "remove-submit")}</button>
            </form>
        }.into_any(),
        None => view! {
            <p class="muted">{tr!(lang, "remove-too-few")}</p>
            {remove_error.map(|e| view! { <p class="form-message" role="alert">{e}</p> })}
        }.into_any(),
    };
    view! {
        <section class="panel panel--form after-draw" aria-labelledby="changes-title">
            <h2 id="changes-title">{tr!(lang, "after-title")}</h2>
            <p>{tr!(lang, "after-lead")}</p>
            <p><a class="button button--secondary" href=edit_href>{tr!(lang, "after-edit-details")}</a></p>

            <h3 id="remove-title">{tr!(lang, "after-leaving-title")}</h3>
            {removal}

            <h3 id="add-title">{tr!(lang, "after-joining-title")}</h3>
            <p id="add-lead" class="muted">{tr!(lang, "after-joining-lead")}</p>
            <ActionForm action=add attr:aria-labelledby="add-title" attr:aria-describedby="add-lead">
                <FormMessage message=errors.message() />
                <input type="hidden" name="id" value=form_id />
                <div class="field-row">
                    <Field label=tr!(lang, "field-first-name") name="first_name" autocomplete="off" maxlength=MAX_PERSON_NAME_CHARS error=errors.field("first_name") />
                    <Field label=tr!(lang, "field-surname") name="surname" maxlength=MAX_PERSON_NAME_CHARS error=errors.field("surname") />
                </div>
                <Field label=tr!(lang, "field-email") name="email" kind="email" error=errors.field("email")
                    hint=if mail { tr!(lang, "after-email-hint-mail") } else { tr!(lang, "after-email-hint") } />
                <div class="field" class:field--invalid=move || wishes_error.get().is_some()>
                    <label for="field-gift_preferences">{tr!(lang, "after-wishes")}</label>
                    <textarea id="field-gift_preferences" name="gift_preferences" rows="3"
                        autofocus=move || wishes_error.get().is_some()
                        data-max=MAX_GIFT_PREFERENCES_CHARS data-counter="field-gift_preferences-count" data-trim=true
                        data-over=tr!(lang, "reveal-wishes-too-long", max = MAX_GIFT_PREFERENCES_CHARS, n = "{n}")
                        aria-invalid=move || wishes_error.get().map(|_| "true")
                        aria-describedby="field-gift_preferences-count field-gift_preferences-error">{textarea_text(typed_wishes)}</textarea>
                    <p id="field-gift_preferences-count" class="counter" class:counter--over=wishes_over>
                        {format!("{wishes_count} / {MAX_GIFT_PREFERENCES_CHARS}")}
                    </p>
                    <p id="field-gift_preferences-error" class="field__error" aria-live="polite">{move || wishes_error.get()}</p>
                </div>
                <div class="field" class:field--invalid=move || apart_error.get().is_some()>
                    <label for="field-apart">{tr!(lang, "after-apart")}</label>
                    <p id="field-apart-hint" class="field__hint">{tr!(lang, "after-apart-hint")}</p>
                    <select id="field-apart" name="apart"
                        aria-invalid=move || apart_error.get().map(|_| "true")
                        aria-describedby="field-apart-hint field-apart-error">
                        <option value="">{tr!(lang, "after-apart-nobody")}</option>
                        {people.iter().map(|(pid, name)| view! {
                            <option value=pid.clone() selected=*pid == apart_chosen>{name.clone()}</option>
                        }).collect_view()}
                    </select>
                    <p id="field-apart-error" class="field__error" aria-live="polite">{move || apart_error.get()}</p>
                </div>
                <button type="submit" class="button">{tr!(lang, "after-add")}</button>
            </ActionForm>
        </section>
    }
}

/// What the organizer does with a draw: run it (after a confirmation), or edit or delete it
/// before; once drawn, follow who has joined, send invitations again and copy fresh links. The
/// draw's details come as server-rendered `children`.
///
/// Plain HTML and forms (no wasm): "Run the draw" and "Delete draw" load the page with
/// `?confirm=run` / `?confirm=delete`, which shows the confirmation, and a failed post comes back
/// with its message (`run_error`, `renew_error`). The page's few lines of script (`DRAW_PAGE`)
/// open the confirmations in place, copy links and refresh who has joined.
#[allow(clippy::too_many_arguments)]
#[component]
fn DrawActions(
    id: String,
    name: String,
    drawn: bool,
    mail: bool,
    count: usize,
    takes_part: bool,
    status: Vec<ParticipantStatus>,
    links: Vec<InvitationLink>,
    notice: Option<String>,
    confirm: Option<String>,
    just_run: bool,
    run_error: Option<String>,
    renew_error: Option<String>,
    renewed: Option<String>,
    /// What follows the actions inside the draw's article ("Changes after the draw").
    after: Option<AnyView>,
    children: Children,
) -> impl IntoView {
    let lang = use_lang();
    let page = format!("/draws/{id}");
    let confirm = confirm.unwrap_or_default();
    // Right after the run, first thing under the title (on a phone the links are far below).
    // Without mail the message points at the links: only when there are some to see.
    let banner = (drawn && just_run && (mail || !links.is_empty()))
        .then(|| view! { <InvitationLinks mail /> });
    let actions = if drawn {
        let own_match = takes_part.then(|| format!("/draws/{id}/match"));
        view! {
            {own_match.map(|href| view! {
                <p class="panel own-match">{tr!(lang, "draw-own-match")} " "
                    <a class="button button--small" href=href>{tr!(lang, "draw-see-own")}</a></p>
            })}
            {(!mail).then(|| view! { <LinkHolderWarning /> })}
            // A run refused because another tab ran it first, say.
            {run_error.clone().map(|e| view! { <p class="form-message" role="alert">{e}</p> })}
            <ParticipantStatusList status links mail error=renew_error renewed hide_opened=takes_part />
            <p class="muted">{tr!(lang, "draw-run-done-before")} " "
                <a href=format!("{page}#changes-title")>{tr!(lang, "draw-run-done-link")}</a>"."</p>
        }
        .into_any()
    } else {
        let run = ServerAction::<RunDraw>::new();
        let delete = ServerAction::<DeleteDraw>::new();
        let confirming = confirm == "delete";
        let (run_id, delete_id) = (id.clone(), id.clone());
        let (not_yet_href, keep_href, edit_href) =
            (page.clone(), page.clone(), format!("{page}/edit"));
        view! {
            <section class="panel panel--form run-panel" aria-labelledby="run-title">
                <h2 id="run-title">{tr!(lang, "run-title")}</h2>
                <p>{tr!(lang, "run-lead")}</p>
                {(count == 3).then(|| view! {
                    <p class="warning" role="note">
                        {tr!(lang, "run-three")}
                    </p>
                })}
                {run_error.map(|e| view! { <p class="form-message" role="alert">{e}</p> })}
                <form method="get" action=page.clone() data-opens="run-dialog">
                    <input type="hidden" name="confirm" value="run" />
                    <button type="submit" class="button" aria-haspopup="dialog">{tr!(lang, "run-button")}</button>
                </form>
                <dialog id="run-dialog" class="dialog" open=confirm == "run"
                    aria-labelledby="run-confirm-title" aria-describedby="run-confirm-text">
                    <h2 id="run-confirm-title">{tr!(lang, "run-confirm-title")}</h2>
                    <div id="run-confirm-text">
                        <p>{tr!(lang, "run-confirm-once")}</p>
                        <p>{if mail {
                            tr!(lang, "run-confirm-mail")
                        } else {
                            tr!(lang, "run-confirm-links")
                        }}</p>
                    </div>
                    <ActionForm action=run attr:data-busy=tr!(lang, "run-busy")>
                        <input type="hidden" name="id" value=run_id />
                        <div class="actions">
                            <button type="submit" class="button">{tr!(lang, "run-yes")}</button>
                            <a class="button button--quiet" href=not_yet_href autofocus=true data-closes="run-dialog">{tr!(lang, "run-not-yet")}</a>
                        </div>
                    </ActionForm>
                </dialog>
            </section>
            <div class="actions">
                <a class="button button--secondary" href=edit_href>{tr!(lang, "draw-edit")}</a>
                <form method="get" action=page.clone() hidden=confirming data-reveals="delete-confirm">
                    <input type="hidden" name="confirm" value="delete" />
                    <button type="submit" class="button button--quiet">{tr!(lang, "draw-delete")}</button>
                </form>
            </div>
            <div id="delete-confirm" class="panel panel--form confirm" role="alertdialog" aria-labelledby="confirm-title" hidden=!confirming>
                <p id="confirm-title"><strong>{tr!(lang, "delete-confirm-title")}</strong>" "{tr!(lang, "delete-confirm-undone")}</p>
                <ActionForm action=delete attr:data-busy=tr!(lang, "delete-busy")>
                    <input type="hidden" name="id" value=delete_id />
                    <button type="submit" class="button button--danger">{tr!(lang, "delete-yes")}</button>
                    " "
                    <a class="button button--quiet" href=keep_href data-hides="delete-confirm" autofocus=confirming>{tr!(lang, "delete-keep")}</a>
                </ActionForm>
            </div>
        }
        .into_any()
    };
    let nonce = leptos::nonce::use_nonce().map(|n| n.to_string());
    view! {
        <article class="draw" aria-labelledby="draw-title">
            {notice.filter(|_| !drawn).map(|n| view! { <p class="form-success" role="status">{n}</p> })}
            <div class="page-head">
                <h1 id="draw-title">{name}</h1>
                {status_badge(lang, drawn)}
            </div>
            {banner}
            {children()}
            {actions}
            {after}
        </article>
        <script type="module" nonce=nonce>{DRAW_PAGE}</script>
    }
}

/// The draw page's script, a few hundred bytes where an island that calls the server would bring
/// ~200 KB of wasm. It opens the run confirmation as a modal dialog and the delete confirmation in
/// place (without it, the links to `?confirm=…` do the same with a page load), says a post is on
/// its way, shows and runs the Copy buttons, and every 30 s (while the tab is visible) brings
/// each person's state in "Who has joined" up to date from the page itself (`?status=1` renders
/// it without touching the links a post left to show).
const DRAW_PAGE: &str = concat!(
    counter_script!(),
    r#"const byId = (id) => document.getElementById(id);
// A confirmation the server showed open (`?confirm=run`) becomes modal, as when it is asked for here.
for (const dialog of document.querySelectorAll("dialog[open]")) {
  dialog.close();
  dialog.showModal();
}
for (const form of document.querySelectorAll("form[data-opens]")) form.addEventListener("submit", (e) => {
  e.preventDefault();
  const dialog = byId(form.dataset.opens);
  dialog.close();
  dialog.showModal();
});
for (const a of document.querySelectorAll("a[data-closes]")) a.addEventListener("click", (e) => {
  e.preventDefault();
  byId(a.dataset.closes).close();
});
// A confirmation in place starts on its safe choice ("Keep it"), which Escape takes too.
for (const form of document.querySelectorAll("form[data-reveals]")) form.addEventListener("submit", (e) => {
  e.preventDefault();
  form.hidden = true;
  byId(form.dataset.reveals).hidden = false;
  byId(form.dataset.reveals).querySelector("a[data-hides]").focus();
});
for (const a of document.querySelectorAll("a[data-hides]")) {
  const keep = (e) => {
    e.preventDefault();
    byId(a.dataset.hides).hidden = true;
    const form = document.querySelector(`form[data-reveals="${a.dataset.hides}"]`);
    form.hidden = false;
    form.querySelector("button").focus();
  };
  a.addEventListener("click", keep);
  byId(a.dataset.hides).addEventListener("keydown", (e) => { if (e.key === "Escape") keep(e); });
}
for (const form of document.querySelectorAll("form[data-busy]")) form.addEventListener("submit", () => {
  const button = form.querySelector("button[type=submit]");
  setTimeout(() => { button.disabled = true; button.textContent = form.dataset.busy; });
});
for (const button of document.querySelectorAll("button[data-copy]")) {
  button.hidden = false;
  button.addEventListener("click", async () => {
    const said = button.parentElement.querySelector("[role=status]");
    try {
      await navigator.clipboard.writeText(button.dataset.copy);
      said.textContent = button.dataset.copied;
    } catch {
      said.textContent = button.dataset.notCopied;
    }
  });
}
const list = document.querySelector("[data-status-list]");
if (list) setInterval(async () => {
  if (document.hidden) return;
  try {
    const res = await fetch(`${location.pathname}?status=1`, { headers: { Accept: "text/html" } });
    if (!res.ok) return;
    const fresh = new DOMParser().parseFromString(await res.text(), "text/html");
    for (const row of list.querySelectorAll("[data-person]")) {
      const now = fresh.querySelector(`[data-person="${row.dataset.person}"]`);
      if (!now) continue;
      const state = row.querySelector("[data-state]");
      const text = now.querySelector("[data-state]").textContent;
      if (state.textContent !== text) state.textContent = text;
      if (!now.querySelector("form")) for (const gone of row.querySelectorAll("form, .link")) gone.remove();
    }
  } catch {}
}, 30000);
"#
);

#[component]
pub fn EditDrawPage() -> impl IntoView {
    let id = draw_id();
    let lang = use_lang();
    view! {
        <Title text=tr!(lang, "edit-title") />
        <RequireUser children=move |user| {
            let draw = Resource::new(move || id.clone(), get_draw);
            let me = user;
            view! {
                <Suspense fallback=move || view! { <p class="loading">{tr!(lang, "draw-loading")}</p> }>
                    {move || {
                        let me = me.clone();
                        Suspend::new(async move {
                            match draw.await {
                                Ok(view) if view.drawn => view! {
                                    <section class="editor">
                                        <h1>{tr!(lang, "edit-heading", name = &view.draw.name)}</h1>
                                        <p class="panel">{tr!(lang, "edit-drawn")} " "
                                            <a href=format!("/draws/{}", view.id)>{tr!(lang, "edit-back")}</a></p>
                                    </section>
                                }.into_any(),
                                Ok(view) => view! {
                                    <section class="editor">
                                        <h1>{tr!(lang, "edit-heading", name = &view.draw.name)}</h1>
                                        <EditorNeedsScript />
                                        <DrawEditor id=Some(view.id.clone()) version=view.version.clone() initial=view.draw.clone() me />
                                    </section>
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

/// A draw's name, budget, exchange date and message, as a plain form: the way to change them
/// once the draw has run (before, the editor does it with the people).
#[component]
pub fn EditDetailsPage() -> impl IntoView {
    let id = draw_id();
    let lang = use_lang();
    view! {
        <Title text=tr!(lang, "details-title") />
        <RequireUser children=move |_| {
            let draw = Resource::new(move || id.clone(), get_draw);
            view! {
                <Suspense fallback=move || view! { <p class="loading">{tr!(lang, "draw-loading")}</p> }>
                    {move || Suspend::new(async move {
                        match draw.await {
                            Ok(view) => view! { <DetailsForm view /> }.into_any(),
                            Err(error) => view! { <ErrorPanel error /> }.into_any(),
                        }
                    })}
                </Suspense>
            }
        } />
    }
}

#[component]
fn DetailsForm(view: DrawView) -> impl IntoView {
    let lang = use_lang();
    let save = ServerAction::<UpdateDrawDetails>::new();
    let errors = FormErrors::of(save);
    let refused = posted_error::<UpdateDrawDetails>().is_some();
    // Back from a refused post, the fields show what was typed.
    let typed = move |name: &str, stored: String| {
        if refused {
            query(name).unwrap_or(stored)
        } else {
            stored
        }
    };
    let draw = view.draw;
    let currency = typed("currency", draw.currency.clone());
    let currency = if currency.is_empty() {
        "EUR".to_string()
    } else {
        currency
    };
    let message = typed("message", draw.message.clone());
    let message_count = crate::domain::text::counted_chars(&message);
    let message_over = message_count > MAX_DRAW_MESSAGE_CHARS;
    let message_error = errors.field("message");
    let currency_error = errors.field("currency");
    let language_error = errors.field("language");
    let draw_language = typed("language", draw.language.clone());
    let back = format!("/draws/{}", view.id);
    view! {
        <section class="editor" aria-labelledby="details-page-title">
            <h1 id="details-page-title">{tr!(lang, "edit-heading", name = &draw.name)}</h1>
            <section class="panel panel--form">
                <p>{tr!(lang, "details-lead")}</p>
                <ActionForm action=save>
                    <FormMessage message=errors.message() />
                    <input type="hidden" name="id" value=view.id.clone() />
                    <Field label=tr!(lang, "field-draw-name") name="name" maxlength=MAX_DRAW_NAME_CHARS
                        value=typed("name", draw.name.clone()) error=errors.field("name") />
                    <div class="field-row">
                        <Field label=tr!(lang, "field-budget") name="budget" optional=true hint=tr!(lang, "field-budget-hint")
                            value=typed("budget", crate::i18n::amount_for_editing(lang, &draw.budget)) error=errors.field("budget") />
                        <div class="field" class:field--invalid=move || currency_error.get().is_some()>
                            <label for="field-currency">{tr!(lang, "field-currency")}</label>
                            <select id="field-currency" name="currency"
                                aria-invalid=move || currency_error.get().map(|_| "true")
                                aria-describedby="field-currency-error">
                                {CURRENCIES.iter().map(|c| view! { <option value=*c selected=*c == currency>{*c}</option> }).collect_view()}
                            </select>
                            <p id="field-currency-error" class="field__error" aria-live="polite">{move || currency_error.get()}</p>
                        </div>
                        <Field label=tr!(lang, "field-exchange-date") name="exchange_date" kind="date" optional=true
                            value=typed("exchange_date", draw.exchange_date.clone()) error=errors.field("exchange_date") />
                    </div>
                    <div class="field" class:field--invalid=move || language_error.get().is_some()>
                        <label for="field-language">{tr!(lang, "editor-language")}</label>
                        <p id="field-language-hint" class="field__hint">{tr!(lang, "editor-language-hint")}</p>
                        <select id="field-language" name="language"
                            aria-invalid=move || language_error.get().map(|_| "true")
                            aria-describedby="field-language-hint field-language-error">
                            {Lang::ALL.into_iter().map(|l| view! {
                                <option value=l.code() lang=l.code() selected=l.code() == draw_language>{l.name()}</option>
                            }).collect_view()}
                        </select>
                        <p id="field-language-error" class="field__error" aria-live="polite">{move || language_error.get()}</p>
                    </div>
                    <div class="field" class:field--invalid=move || message_error.get().is_some()>
                        <label for="field-message">{tr!(lang, "field-message")}</label>
                        <textarea id="field-message" name="message" rows="3"
                            data-max=MAX_DRAW_MESSAGE_CHARS data-counter="field-message-count" data-trim=true
                            data-over=tr!(lang, "validation-message-too-long", max = MAX_DRAW_MESSAGE_CHARS, count = "{n}")
                            aria-invalid=move || message_error.get().map(|_| "true")
                            aria-describedby="field-message-count field-message-error">{textarea_text(message)}</textarea>
                        <p id="field-message-count" class="counter" class:counter--over=message_over>
                            {format!("{message_count} / {MAX_DRAW_MESSAGE_CHARS}")}
                        </p>
                        <p id="field-message-error" class="field__error" aria-live="polite">{move || message_error.get()}</p>
                    </div>
                    <div class="actions">
                        <button type="submit" class="button">{tr!(lang, "details-save")}</button>
                        <a class="button button--quiet" href=back>{tr!(lang, "details-cancel")}</a>
                    </div>
                </ActionForm>
            </section>
        </section>
        <CounterScript />
    }
}
