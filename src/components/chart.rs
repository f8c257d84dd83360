use leptos::prelude::*;

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
) -> impl IntoView {
    let scale = scale.max(1) as f64;
    let unit = WIDTH / scale;
    let row_height = LABEL + BAR * series.len() as f64 + GAP;
    let height = row_height * rows.len() as f64 + 16.0;
    let grid = (0..=scale as usize)
        .map(|n| {
            let x = n as f64 * unit;
            view! {
                <line class="grid" x1=x y1="0" x2=x y2=height - 14.0></line>
                <text class="tick" x=x.clamp(4.0, WIDTH - 4.0) y=height - 2.0>{n}</text>
            }
        })
        .collect_view();
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let top = i as f64 * row_height;
            let bars = row
                .values
                .iter()
                .enumerate()
                .filter_map(|(s, value)| {
                    let value = (*value)?;
                    Some(view! {
                        <rect
                            class=format!("series-{s}")
                            x="0"
                            y=top + LABEL + s as f64 * BAR
                            width=(value * unit).max(2.0)
                            height=BAR - 1.0
                        ></rect>
                    })
                })
                .collect_view();
            let required = row.required.map(|r| {
                let x = r * unit;
                view! {
                    <line
                        class="required"
                        x1=x
                        y1=top + LABEL - 3.0
                        x2=x
                        y2=top + LABEL + BAR * series.len() as f64 + 2.0
                    ></line>
                }
            });
            view! {
                <text class="label" x="0" y=top + LABEL - 5.0>{row.label}</text>
                {bars}
                {required}
            }
        })
        .collect_view();
    let legend = series
        .into_iter()
        .enumerate()
        .map(|(s, name)| {
            view! {
                <li>
                    <span class=format!("swatch series-{s}")></span>
                    {name}
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {WIDTH} {height}")
                width="100%"
                aria-hidden="true"
                focusable="false"
            >
                {grid}
                {bars}
            </svg>
            <figcaption>
                <ul class="legend">
                    {legend}
                    <li>
                        <span class="swatch required"></span>
                        {required_label}
                    </li>
                </ul>
            </figcaption>
        </figure>
    }
}
