use leptos::prelude::*;

/// Draws `render(key())`, and draws it again from scratch whenever the key changes.
///
/// A plain reactive closure (`move || view!{…}`) patches the old DOM into the new one, element
/// by element: radio buttons moved between groups that way can end up wrongly checked, and
/// the patching code is generated anew for every view type, which costs WebAssembly. Here the
/// old view is dropped and the new one built, as a keyed list of one item.
pub fn redraw_on<K, V>(
    key: impl Fn() -> K + Send + Sync + 'static,
    render: impl Fn(K) -> V + Send + Clone + 'static,
) -> impl IntoView
where
    K: PartialEq + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let generation = Memo::new(move |previous: Option<&(u64, K)>| {
        let key = key();
        match previous {
            Some((n, old)) if *old == key => (*n, key),
            Some((n, _)) => (n + 1, key),
            None => (0, key),
        }
    });
    view! {
        <For
            each=move || std::iter::once(generation.get())
            key=|(n, _)| *n
            children=move |(_, key)| render(key)
        />
    }
}
