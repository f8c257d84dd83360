use std::sync::Arc;

use crate::chunk;
use crate::components::table;
use crate::dom::{self, Attr, El};
use crate::i18n::*;
use crate::labels;
use competency_core::{Competency, Framework, LocalizedText, Position, Resource};

thread_local! {
    /// What draws the framework for reference in the widget, once its chunk has arrived.
    static REFERENCE_ARRIVED: std::cell::Cell<Option<chunk::Draw<Arc<Framework>>>> = const { std::cell::Cell::new(None) };
}

/// The framework for reference, in the widget: with the `split` feature its code is a chunk
/// of its own (see [`chunk`]), fetched when a rater first opens it.
pub fn framework_reference(framework: Arc<Framework>) -> El {
    chunk::drawn(
        &REFERENCE_ARRIVED,
        crate::chunk_loader!(framework_reference_view),
        framework,
        |_| {},
        |locale| td_string!(locale, framework_screen_failed),
    )
}

/// What draws the framework for reference: a split point.
#[cfg_attr(
    feature = "split",
    wasm_split_helpers::wasm_split(
        framework_reference_view,
        fallible,
        wasm_split_path = ::wasm_split_helpers
    )
)]
fn framework_reference_view() -> Result<chunk::Draw<Arc<Framework>>, chunk::Unloaded> {
    Ok(|framework| framework_screen(framework, None))
}

/// The whole framework, for reading: its proficiency scale, its groups with every competency
/// (definition, indicators per level, learning resources) and its positions with what each
/// requires, in the interface language.
///
/// It is drawn again as a whole when the language changes, with the DOM builder: that is
/// rare, and plain text costs far less WebAssembly that way than in Leptos views.
///
/// In HR's console, `tools` draws HR's framework tools below it (the spreadsheet round trip
/// and the CASE import).
pub fn framework_screen(
    framework: Arc<Framework>,
    tools: Option<fn(Locale, &Framework) -> El>,
) -> El {
    let i18n = use_i18n();
    dom::keyed(
        move || i18n.get_locale(),
        move |locale| {
            El::group()
                .child(Screen::new(&framework, locale).view())
                .children(tools.map(|tools| tools(locale, &framework)))
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

    /// `el`, marked with the framework's language when it is not the interface's.
    fn lang(&self, el: El) -> El {
        match &self.text_lang {
            Some(lang) => el.attr(Attr::Lang, lang.clone()),
            None => el,
        }
    }

    /// `tag` holding a framework text, marked with its language.
    fn texted(&self, tag: &'static str, text: &LocalizedText) -> El {
        self.lang(El::new(tag)).text(self.text(text))
    }

    fn view(&self) -> El {
        let f = self.framework;
        let l = self.locale;
        let optional = |text: &LocalizedText, class: &'static str| {
            (!text.is_empty()).then(|| self.texted("p", text).class(class))
        };
        let levels = f.levels.iter().map(|level| {
            let item = self
                .lang(El::new("li"))
                .child(El::new("strong").text(self.text(&level.label)));
            if level.description.is_empty() {
                item
            } else {
                item.text(format!(" — {}", self.text(&level.description)))
            }
        });
        let groups = f.groups_with_competencies().map(|(group, members)| {
            let heading = format!("group-{}", group.id);
            El::new("section")
                .class("group")
                .attr(Attr::AriaLabelledby, heading.clone())
                .child(self.texted("h3", &group.name).attr(Attr::Id, heading))
                .children(optional(&group.description, "muted"))
                .children(members.into_iter().map(|c| self.competency(c)))
        });
        let has_positions = !f.positions.is_empty();
        // A part of the page (the table of contents links to it by `id`) under its heading.
        let part = |id: &'static str, heading: &'static str| {
            El::section("", "h2", format!("{id}-heading"), heading).attr(Attr::Id, id)
        };
        let positions = has_positions.then(|| {
            part("positions", td_string!(l, framework_positions_heading))
                .children(f.positions.iter().map(|p| self.position(p)))
        });
        let link = |id: &'static str, text: &'static str| El::new("a").fragment(id).text(text);
        El::new("article")
            .class("framework")
            .child(self.texted("h1", &f.title))
            .child(
                El::new("p").class("muted").text(
                    td_string!(l, framework_version, version = f.version.clone()).to_string(),
                ),
            )
            .children(optional(&f.description, ""))
            .children(optional(&f.source, "muted"))
            .child(
                El::new("nav")
                    .class("toc")
                    .attr(Attr::AriaLabel, td_string!(l, framework_on_this_page))
                    .child(link("levels", td_string!(l, framework_levels_heading)))
                    .child(link(
                        "competencies",
                        td_string!(l, framework_competencies_heading),
                    ))
                    .children(
                        has_positions
                            .then(|| link("positions", td_string!(l, framework_positions_heading))),
                    ),
            )
            .child(
                part("levels", td_string!(l, framework_levels_heading))
                    .child(El::new("ol").class("levels").children(levels)),
            )
            .child(
                part(
                    "competencies",
                    td_string!(l, framework_competencies_heading),
                )
                .children(groups),
            )
            .children(positions)
    }

    fn competency(&self, c: &Competency) -> El {
        let l = self.locale;
        let indicators =
            self.framework
                .levels
                .iter()
                .zip(&c.indicators)
                .flat_map(|(level, indicators)| {
                    [
                        self.texted("dt", &level.label),
                        self.lang(El::new("dd")).child(
                            El::new("ul").children(
                                indicators.iter().map(|i| El::new("li").text(self.text(i))),
                            ),
                        ),
                    ]
                });
        let resources = (!c.resources.is_empty()).then(|| {
            [
                El::new("h4").text(td_string!(l, competency_resources_heading)),
                El::new("ul")
                    .class("resources")
                    .children(c.resources.iter().map(|r| self.resource(r))),
            ]
        });
        El::new("details")
            .class("competency")
            .attr(Attr::Id, format!("competency-{}", c.id))
            .child(self.texted("summary", &c.name))
            .child(self.texted("p", &c.definition))
            .child(El::new("h4").text(td_string!(l, competency_indicators_heading)))
            .child(El::new("dl").class("indicators").children(indicators))
            .children(resources.into_iter().flatten())
    }

    fn resource(&self, r: &Resource) -> El {
        let l = self.locale;
        let kind = labels::resource_kind(l, r.kind);
        let details = match r.duration_hours {
            Some(hours) => format!(" ({kind}, {})", td_string!(l, resource_duration, hours)),
            None => format!(" ({kind})"),
        };
        // Only http and https links reach here: the framework loader refuses any other (and
        // the builder sets no other).
        let item = El::new("li")
            .child(self.texted("span", &r.title))
            .text(details);
        match &r.link {
            Some(href) => item.text(" ").child(
                El::new("a")
                    .href(href)
                    .attr(Attr::Target, "_blank")
                    .attr(Attr::Rel, "noopener noreferrer")
                    .text(td_string!(l, resource_open)),
            ),
            None => item,
        }
    }

    fn position(&self, p: &Position) -> El {
        let l = self.locale;
        let rows = p.requirements.iter().map(|r| {
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
            let row = El::new("tr");
            if r.critical {
                row.class("critical")
            } else {
                row
            }
            .child(
                self.lang(El::new("th").attr(Attr::Scope, "row"))
                    .text(competency.map(|t| self.text(t)).unwrap_or_default()),
            )
            .child(
                self.lang(table::cell(l, td_string!(l, position_required_level)))
                    .text(level.map(|t| self.text(t)).unwrap_or_default()),
            )
            .child(table::cell(l, td_string!(l, position_critical)).text(critical))
        });
        let mut summary = El::new("summary").child(self.texted("span", &p.title));
        if !p.family.is_empty() {
            summary = summary.child(self.texted("span", &p.family).class("family"));
        }
        El::new("details")
            .class("position")
            .attr(Attr::Id, format!("position-{}", p.id))
            .child(summary)
            .children((!p.description.is_empty()).then(|| self.texted("p", &p.description)))
            .child(
                table::headed(
                    "summary",
                    td_string!(l, position_requirements_caption),
                    &[
                        td_string!(l, position_competency),
                        td_string!(l, position_required_level),
                        td_string!(l, position_critical),
                    ],
                )
                .child(El::new("tbody").children(rows)),
            )
    }
}
