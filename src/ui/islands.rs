//! What makes a page's islands come alive, and the sign that they have.

use leptos::prelude::*;

use crate::error::AppError;

/// The script that loads the wasm and hydrates the page's islands. A page renders it next to its
/// islands, so a page without one sends no wasm and no script at all. (Only the draw editor is an
/// island: the other pages' few interactive touches are a few lines of inline script each.)
#[component]
pub fn IslandScripts() -> impl IntoView {
    let options = use_context::<LeptosOptions>()?;
    Some(view! { <HydrationScripts options islands=true /> })
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

/// Calls a JSON server function at `url` from an island with the browser's own `fetch`: its
/// answer, or the `AppError` the server sent. A few hundred bytes of wasm where the
/// server-function client (`ServerAction`) brings ~60 KB: the one call the editor makes does not
/// need its generality.
pub async fn call_server<I, O>(url: &'static str, input: &I) -> Result<O, AppError>
where
    I: serde::Serialize,
    O: serde::de::DeserializeOwned,
{
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::{JsCast, JsValue};
        use wasm_bindgen_futures::JsFuture;

        let body = serde_json::to_string(input).map_err(|_| AppError::BadRequest)?;
        let headers = leptos::web_sys::Headers::new().map_err(|_| AppError::Internal)?;
        let _ = headers.set("Content-Type", "application/json");
        let _ = headers.set("Accept", "application/json");
        let init = leptos::web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_headers(&headers);
        init.set_body(&JsValue::from_str(&body));
        let answer = JsFuture::from(window().fetch_with_str_and_init(url, &init))
            .await
            .map_err(|_| AppError::Network)?;
        let answer: leptos::web_sys::Response = answer.dyn_into().map_err(|_| AppError::Network)?;
        let text = match answer.text() {
            Ok(promise) => JsFuture::from(promise)
                .await
                .ok()
                .and_then(|t| t.as_string()),
            Err(_) => None,
        }
        .ok_or(AppError::Network)?;
        if answer.ok() {
            serde_json::from_str(&text).map_err(|_| AppError::Internal)
        } else {
            Err(serde_json::from_str(&text).unwrap_or(AppError::Internal))
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        // Islands call the server only from the browser.
        let _ = (url, input);
        Err(AppError::Internal)
    }
}
