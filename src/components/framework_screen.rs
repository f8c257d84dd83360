use std::sync::Arc;

use competency_core::{Competency, Framework, LocalizedText, Position, Resource};
use leptos::prelude::*;

use crate::components::redraw_on;
use crate::components::table;
use crate::dom::El;
use crate::i18n::*;
use crate::labels;

/// The whole framework, for reading: its proficiency scale, its groups with every competency
/// (definition, indicators per level, learning resources) and its positions with what each
/// requires, in the interface language.
///
/// It is drawn again as a whole when the language changes: that is rare, and plain text in
/// one reactive boundary costs far less WebAssembly than a reactive node per text.
///
/// In HR's console, `tools` draws HR's framework tools below it (the spreadsheet round trip
/// and the CASE import).
#[component]
pub fn FrameworkScreen(
    framework: Arc<Framework>,
    tools: Option<fn(Locale, &Framework) -> El>,
) -> impl IntoView {
    let i18n = use_i18n();
    redraw_on(
        move || i18n.get_locale(),
        move |locale| {
            (
                Screen::new(&framework, locale).view(),
                tools.map(|tools| tools(locale, &framework)),
            )
        },
    )
}

/// One drawing of the screen: the framework, the interface locale, and the language the
/// framework's texts are shown in.
struct Screen<'a> {
    framework: &'a Framework,
    locale: Locale,
    /// The framework's language, when it is not the interface's: marks its texts for screen
    /// readers.
    text_lang: Option<String>,
    language: &'a str,
}

impl<'a> Screen<'a> {
    fn new(framework: &'a Framework, locale: Locale) -> Self {
        let language = framework.display_language(locale.as_str());
        Screen {
            framework,
            locale,
            text_lang: (language != locale.as_str()).then(|| language.to_owned()),
            language,
        }
    }

    /// A framework text in the display language (the loader guarantees it is there).
    fn text(&self, text: &LocalizedText) -> String {
        text.get(self.language).unwrap_or_default().to_owned()
    }

    fn lang(&self) -> Option<String> {
        self.text_lang.clone()
    }

    fn view(&self) -> impl IntoView + use<> {
        let f = self.framework;
        let l = self.locale;
        let optional = |text: &LocalizedText, class: &'static str| {
            (!text.is_empty())
                .then(|| view! { <p class=class lang=self.lang()>{self.text(text)}</p> })
        };
        let levels = f
            .levels
            .iter()
            .map(|level| {
                let description = (!level.description.is_empty())
                    .then(|| format!(" — {}", self.text(&level.description)));
                view! {
                    <li lang=self.lang()>
                        <strong>{self.text(&level.label)}</strong>
                        {description}
                    </li>
                }
            })
            .collect_view();
        let groups = f
            .groups_with_competencies()
            .map(|(group, members)| {
                let heading = format!("group-{}", group.id);
                view! {
                    <section class="group" aria-labelledby=heading.clone()>
                        <h3 id=heading.clone() lang=self.lang()>
                            {self.text(&group.name)}
                        </h3>
                        {optional(&group.description, "muted")}
                        {members.into_iter().map(|c| self.competency(c)).collect_view()}
                    </section>
                }
            })
            .collect_view();
        let has_positions = !f.positions.is_empty();
        let positions = has_positions.then(|| {
            view! {
                <section id="positions" aria-labelledby="positions-heading">
                    <h2 id="positions-heading">{td_string!(l, framework_positions_heading)}</h2>
                    {f.positions.iter().map(|p| self.position(p)).collect_view()}
                </section>
            }
        });
        view! {
            <article class="framework">
                <h1 lang=self.lang()>{self.text(&f.title)}</h1>
                <p class="muted">{td_string!(l, framework_version, version = f.version.clone())}</p>
                {optional(&f.description, "")}
                {optional(&f.source, "muted")}
                <nav class="toc" aria-label=td_string!(l, framework_on_this_page)>
                    <a href="#levels">{td_string!(l, framework_levels_heading)}</a>
                    <a href="#competencies">{td_string!(l, framework_competencies_heading)}</a>
                    {has_positions
                        .then(|| {
                            view! {
                                <a href="#positions">{td_string!(l, framework_positions_heading)}</a>
                            }
                        })}
                </nav>
                <section id="levels" aria-labelledby="levels-heading">
                    <h2 id="levels-heading">{td_string!(l, framework_levels_heading)}</h2>
                    <ol class="levels">{levels}</ol>
                </section>
                <section id="competencies" aria-labelledby="competencies-heading">
                    <h2 id="competencies-heading">
                        {td_string!(l, framework_competencies_heading)}
                    </h2>
                    {groups}
                </section>
                {positions}
            </article>
        }
    }

    fn competency(&self, c: &Competency) -> impl IntoView + use<> {
        let l = self.locale;
        let indicators = self
            .framework
            .levels
            .iter()
            .zip(&c.indicators)
            .map(|(level, indicators)| {
                view! {
                    <dt lang=self.lang()>{self.text(&level.label)}</dt>
                    <dd lang=self.lang()>
                        <ul>
                            {indicators
                                .iter()
                                .map(|i| view! { <li>{self.text(i)}</li> })
                                .collect_view()}
                        </ul>
                    </dd>
                }
            })
            .collect_view();
        let resources = (!c.resources.is_empty()).then(|| {
            view! {
                <h4>{td_string!(l, competency_resources_heading)}</h4>
                <ul class="resources">
                    {c.resources.iter().map(|r| self.resource(r)).collect_view()}
                </ul>
            }
        });
        view! {
            <details class="competency" id=format!("competency-{}", c.id)>
                <summary lang=self.lang()>{self.text(&c.name)}</summary>
                <p lang=self.lang()>{self.text(&c.definition)}</p>
                <h4>{td_string!(l, competency_indicators_heading)}</h4>
                <dl class="indicators">{indicators}</dl>
                {resources}
            </details>
        }
    }

    fn resource(&self, r: &Resource) -> impl IntoView + use<> {
        let l = self.locale;
        let kind = labels::resource_kind(l, r.kind);
        let details = match r.duration_hours {
            Some(hours) => format!(" ({kind}, {})", td_string!(l, resource_duration, hours)),
            None => format!(" ({kind})"),
        };
        // Only http and https links reach here: the framework loader refuses any other.
        let link = r.link.clone().map(|href| {
            view! {
                " "
                <a href=href target="_blank" rel="noopener noreferrer">
                    {td_string!(l, resource_open)}
                </a>
            }
        });
        view! {
            <li>
                <span lang=self.lang()>{self.text(&r.title)}</span>
                {details}
                {link}
            </li>
        }
    }

    fn position(&self, p: &Position) -> impl IntoView + use<> {
        let l = self.locale;
        let level_label = table::column_label(l, td_string!(l, position_required_level));
        let critical_label = table::column_label(l, td_string!(l, position_critical));
        let rows = p
            .requirements
            .iter()
            .map(|r| {
                // The loader guarantees that both ids exist.
                let competency = self.framework.competency(&r.competency).map(|c| &c.name);
                let level = self
                    .framework
                    .level(&r.level)
                    .map(|(_, level)| &level.label);
                let critical = if r.critical {
                    td_string!(l, position_critical_yes)
                } else {
                    td_string!(l, position_critical_no)
                };
                view! {
                    <tr class:critical=r.critical>
                        <th scope="row" lang=self.lang()>
                            {competency.map(|t| self.text(t))}
                        </th>
                        <td lang=self.lang() data-label=level_label.clone()>
                            {level.map(|t| self.text(t))}
                        </td>
                        <td data-label=critical_label.clone()>{critical}</td>
                    </tr>
                }
            })
            .collect_view();
        let family = (!p.family.is_empty()).then(|| {
            view! { <span class="family" lang=self.lang()>{self.text(&p.family)}</span> }
        });
        let description = (!p.description.is_empty())
            .then(|| view! { <p lang=self.lang()>{self.text(&p.description)}</p> });
        view! {
            <details class="position" id=format!("position-{}", p.id)>
                <summary>
                    <span lang=self.lang()>{self.text(&p.title)}</span>
                    {family}
                </summary>
                {description}
                <table class="summary">
                    <caption>{td_string!(l, position_requirements_caption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{td_string!(l, position_competency)}</th>
                            <th scope="col">{td_string!(l, position_required_level)}</th>
                            <th scope="col">{td_string!(l, position_critical)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        }
    }
}
