use crate::dom::El;

/// One competency of a chart: its name, one value per series (a level numbered from 1, or a
/// mean), and the required level drawn as a mark across the bars.
pub struct ChartRow {
    pub label: String,
    pub values: Vec<Option<f64>>,
    pub required: Option<f64>,
}

const WIDTH: f64 = 640.0;
const LABEL: f64 = 18.0;
const BAR: f64 = 9.0;
const GAP: f64 = 12.0;

/// A horizontal bar chart in SVG: per row the name, then a bar per series, and the required
/// level as a dark mark. It is decoration for sighted readers (screen readers read the table
/// that goes with it), drawn in shades that stay apart in black-and-white print. `series`
/// names the series (CSS classes `series-0`…); `scale` is the number of levels.
pub fn bar_chart(
    required_label: String,
    series: Vec<String>,
    rows: Vec<ChartRow>,
    scale: usize,
) -> El {
    let scale = scale.max(1) as f64;
    let unit = WIDTH / scale;
    let row_height = LABEL + BAR * series.len() as f64 + GAP;
    let height = row_height * rows.len() as f64 + 16.0;
    let num = |value: f64| value.to_string();
    let mut svg = El::svg("svg")
        .attr("viewBox", format!("0 0 {WIDTH} {height}"))
        .attr("width", "100%")
        .attr("aria-hidden", "true")
        .attr("focusable", "false");
    for n in 0..=scale as usize {
        let x = n as f64 * unit;
        svg = svg
            .child(
                El::svg("line")
                    .class("grid")
                    .attr("x1", num(x))
                    .attr("y1", "0")
                    .attr("x2", num(x))
                    .attr("y2", num(height - 14.0)),
            )
            .child(
                El::svg("text")
                    .class("tick")
                    .attr("x", num(x.clamp(4.0, WIDTH - 4.0)))
                    .attr("y", num(height - 2.0))
                    .text(n.to_string()),
            );
    }
    for (i, row) in rows.into_iter().enumerate() {
        let top = i as f64 * row_height;
        svg = svg.child(
            El::svg("text")
                .class("label")
                .attr("x", "0")
                .attr("y", num(top + LABEL - 5.0))
                .text(row.label),
        );
        for (s, value) in row.values.iter().enumerate() {
            if let Some(value) = *value {
                svg = svg.child(
                    El::svg("rect")
                        .class(format!("series-{s}"))
                        .attr("x", "0")
                        .attr("y", num(top + LABEL + s as f64 * BAR))
                        .attr("width", num((value * unit).max(2.0)))
                        .attr("height", num(BAR - 1.0)),
                );
            }
        }
        if let Some(r) = row.required {
            let x = num(r * unit);
            svg = svg.child(
                El::svg("line")
                    .class("required")
                    .attr("x1", x.clone())
                    .attr("y1", num(top + LABEL - 3.0))
                    .attr("x2", x)
                    .attr("y2", num(top + LABEL + BAR * series.len() as f64 + 2.0)),
            );
        }
    }
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
