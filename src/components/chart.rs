use competency_core::report::two_decimals;

use crate::dom::{Attr, El};

/// One competency of a chart: its name, one value per series (a level numbered from 1, or a
/// mean), and the required level drawn as a mark across the bars.
pub struct ChartRow {
    pub label: String,
    pub values: Vec<Option<f64>>,
    pub required: Option<f64>,
}

/// Heights in CSS pixels: a line of a label, a bar, the space under a row's bars.
const LINE: u32 = 16;
const BAR: u32 = 9;
const GAP: u32 = 8;
/// The room under the rows for the scale's numbers.
const AXIS: u32 = 18;
/// The longest line of a label, in characters: at 13 px it fits the 288 px a 320 px phone
/// leaves the chart.
const LABEL_CHARS: usize = 34;

/// A horizontal bar chart in SVG: per row the name, then a bar per series, and the required
/// level as a dark mark. It is decoration for sighted readers (screen readers read the table
/// that goes with it), drawn in shades that stay apart in black-and-white print. `series`
/// names the series (CSS classes `series-0`…); `scale` is the number of levels.
///
/// It is drawn for the width it has: heights and text in CSS pixels, so that the text is as
/// large on a phone as on a desk (the CSS sets it), and positions along the scale in percent
/// of the width; labels wrap onto more lines rather than run past the edge.
pub fn bar_chart(
    required_label: String,
    series: Vec<String>,
    rows: Vec<ChartRow>,
    scale: usize,
) -> El {
    let scale = scale.max(1) as f64;
    // Numbers written without the float formatter, which would add some 10 KB of WebAssembly.
    let along = |value: f64| format!("{}%", two_decimals(value / scale * 100.0));
    let num = |value: u32| value.to_string();
    let bars = BAR * series.len() as u32;
    let mut top = 0;
    let mut drawn = Vec::new();
    for row in rows {
        let lines = wrap(&row.label, LABEL_CHARS);
        let mut label = El::svg("text").class("label");
        for (n, line) in (1..).zip(&lines) {
            label = label.child(
                El::svg("tspan")
                    .attr(Attr::X, "0")
                    .attr(Attr::Y, num(top + LINE * n - 4))
                    .text(line.clone()),
            );
        }
        drawn.push(label);
        let first_bar = top + LINE * lines.len() as u32;
        for (s, value) in (0..).zip(&row.values) {
            if let Some(value) = *value {
                drawn.push(
                    El::svg("rect")
                        .class(format!("series-{s}"))
                        .attr(Attr::X, "0")
                        .attr(Attr::Y, num(first_bar + s * BAR))
                        .attr(Attr::Width, along(value.max(scale / 200.0)))
                        .attr(Attr::Height, num(BAR - 1)),
                );
            }
        }
        if let Some(r) = row.required {
            drawn.push(
                El::svg("line")
                    .class("required")
                    .attr(Attr::X1, along(r))
                    .attr(Attr::Y1, num(first_bar - 3))
                    .attr(Attr::X2, along(r))
                    .attr(Attr::Y2, num(first_bar + bars + 2)),
            );
        }
        top = first_bar + bars + GAP;
    }
    let height = top + AXIS;
    let mut svg = El::svg("svg")
        .attr(Attr::Width, "100%")
        .attr(Attr::Height, num(height))
        .attr(Attr::AriaHidden, "true")
        .attr(Attr::Focusable, "false");
    for n in 0..=scale as usize {
        let x = along(n as f64);
        // The first and last numbers end at the edges, not past them.
        let anchor = match n {
            0 => "tick start",
            n if n == scale as usize => "tick end",
            _ => "tick",
        };
        svg = svg
            .child(
                El::svg("line")
                    .class("grid")
                    .attr(Attr::X1, x.clone())
                    .attr(Attr::Y1, "0")
                    .attr(Attr::X2, x.clone())
                    .attr(Attr::Y2, num(height - AXIS + 2)),
            )
            .child(
                El::svg("text")
                    .class(anchor)
                    .attr(Attr::X, x)
                    .attr(Attr::Y, num(height - 4))
                    .text(n.to_string()),
            );
    }
    let svg = svg.children(drawn);

    let legend = series.into_iter().enumerate().map(|(s, name)| {
        El::new("li")
            .child(El::new("span").class(format!("swatch series-{s}")))
            .text(name)
    });
    El::new("figure").class("chart").child(svg).child(
        El::new("figcaption").child(
            El::new("ul").class("legend").children(legend).child(
                El::new("li")
                    .child(El::new("span").class("swatch required"))
                    .text(required_label),
            ),
        ),
    )
}

/// `text` in lines of at most `max` characters, broken between words (a longer word keeps a
/// line of its own).
fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= max => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}
