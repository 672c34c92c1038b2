//! What makes a page's islands come alive, and the sign that they have.

use leptos::prelude::*;

/// The script that loads the wasm and hydrates the page's islands. A page renders it next to its
/// islands, so a page without one sends no wasm and no script at all.
#[component]
pub fn IslandScripts() -> impl IntoView {
    let options = use_context::<LeptosOptions>();
    options.map(|options| view! { <HydrationScripts options islands=true /> })
}

/// Marks the island holding `root` as hydrated once it is, and the whole page once every island
/// on it is: `data-hydrated` on each `<leptos-island>` and on `<html>`. Tests and people alike
/// may click a button only once it does something.
pub fn mark_hydrated<E>(root: NodeRef<E>)
where
    E: leptos::html::ElementType,
    E::Output: Clone + AsRef<leptos::web_sys::Element> + 'static,
    NodeRef<E>: Get<Value = Option<E::Output>>,
{
    Effect::new(move |_| {
        let Some(el) = root.get() else { return };
        let el: &leptos::web_sys::Element = el.as_ref();
        if let Ok(Some(island)) = el.closest("leptos-island") {
            let _ = island.set_attribute("data-hydrated", "true");
        }
        let doc = document();
        let waiting = doc
            .query_selector("leptos-island:not([data-hydrated])")
            .ok()
            .flatten();
        if waiting.is_none() {
            if let Some(html) = doc.document_element() {
                let _ = html.set_attribute("data-hydrated", "true");
            }
        }
    });
}

/// Server actions made inside an island start empty on the server, as they do in the browser.
/// (Back from a failed plain post, the router hands the post's error to every action of that
/// server function made on the page; an island takes it as a prop instead, or the server's HTML
/// would differ from the browser's first render.)
pub fn actions_start_empty() {
    #[cfg(feature = "ssr")]
    provide_context(leptos::server::ServerActionError::new("", ""));
}
