//! What makes a page's islands come alive, and the sign that they have.

use leptos::prelude::*;

/// The script that loads the wasm and hydrates the page's islands. A page renders it next to its
/// islands, so a page without one sends no wasm and no script at all.
///
/// `on_interaction`: load the wasm only when the person first touches an island (a pointer down,
/// focus or a key inside it) rather than as soon as the page is idle. For a page that works as
/// plain HTML and whose island only adds a nicety: a participant who just looks at their match
/// never downloads the wasm, and one who starts on their wish letter gets its live count a moment
/// later. Nothing is lost meanwhile: once hydrated, a field already typed in announces its value.
#[component]
pub fn IslandScripts(#[prop(optional)] on_interaction: bool) -> impl IntoView {
    let options = use_context::<LeptosOptions>()?;
    if !on_interaction {
        return Some(view! { <HydrationScripts options islands=true /> }.into_any());
    }
    let pkg = format!("/{}/{}", options.site_pkg_dir, options.output_name);
    // As `HydrationScripts` names the files (cargo-leptos sets LEPTOS_OUTPUT_NAME when it builds).
    let wasm = if option_env!("LEPTOS_OUTPUT_NAME").is_some() {
        format!("{pkg}.wasm")
    } else {
        format!("{pkg}_bg.wasm")
    };
    let nonce = leptos::nonce::use_nonce().map(|n| n.to_string());
    let script = format!(
        "({LOAD_ON_INTERACTION})({:?}, {:?});",
        format!("{pkg}.js"),
        wasm
    );
    Some(view! { <script type="module" nonce=nonce>{script}</script> }.into_any())
}

/// Hydrates the page's islands (each `<leptos-island>` by its component's export) once one of
/// them is first touched. The page's `<html>` says so in `data-islands="on-interaction"` until
/// then, for tests and tools that wait for hydration.
const LOAD_ON_INTERACTION: &str = r#"(js, wasm) => {
  const islands = [...document.querySelectorAll("leptos-island")];
  const events = ["pointerdown", "focusin", "keydown"];
  document.documentElement.dataset.islands = "on-interaction";
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    for (const el of islands) for (const e of events) el.removeEventListener(e, start);
    import(js).then((mod) => mod.default({ module_or_path: wasm }).then(() => {
      mod.hydrate();
      for (const el of islands) {
        const island = mod[el.dataset.component];
        if (island) island(el);
        for (const field of el.querySelectorAll("textarea, input")) {
          if (field.value !== field.defaultValue) field.dispatchEvent(new Event("input", { bubbles: true }));
        }
      }
    }));
  };
  for (const el of islands) for (const e of events) el.addEventListener(e, start, { passive: true });
}"#;

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
