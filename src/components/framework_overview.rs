use std::sync::Arc;

use competency_core::Framework;
use leptos::prelude::*;

use crate::components::Localized;
use crate::i18n::*;

/// The framework's title and description, and its groups with their competencies.
#[component]
pub fn FrameworkOverview(framework: Arc<Framework>) -> impl IntoView {
    let i18n = use_i18n();
    let fallback = framework.default_language.clone();
    let text = move |t: &competency_core::LocalizedText| {
        view! { <Localized text=t.clone() fallback=fallback.clone() /> }
    };
    let groups = framework
        .groups_with_competencies()
        .map(|(group, members)| {
            let items = members
                .into_iter()
                .map(|c| view! { <li>{text(&c.name)}</li> })
                .collect_view();
            view! {
                <section class="group" aria-labelledby=format!("group-{}", group.id)>
                    <h2 id=format!("group-{}", group.id)>{text(&group.name)}</h2>
                    <ul>{items}</ul>
                </section>
            }
        })
        .collect_view();
    view! {
        <h1>{text(&framework.title)}</h1>
        <p class="framework-description">{text(&framework.description)}</p>
        <div class="groups" role="region" aria-label=move || t_string!(i18n, framework_groups_label)>
            {groups}
        </div>
    }
}
