//! A very small DOM builder: every view of the app is an [`El`], plain Rust data turned into
//! DOM nodes by one non-generic function (each distinct Leptos `view!` type would make its own
//! build, rebuild and mount code in the WebAssembly).
//!
//! - Views drawn once from data and drawn again whole when their input changes (the profile,
//!   the chart, the framework, a plan read-only, the 360 report, a screen, a step): regions,
//!   [`dynamic`] (drawn again when a signal it read changes) and [`keyed`] (when its key
//!   changes), each under a reactive owner of its own whose effects and signals go with the
//!   view.
//! - Views drawn once and then updated in place by an effect through the elements they keep
//!   ([`El::keep`]: the form's ratings, its page and its progress), so that the keyboard
//!   focus and the caret stay where the person is.
//!
//! [`mount`] draws the app into the page. The state is Leptos's signals, memos and effects.
//!
//! Safe by construction: text only ever becomes text nodes (never HTML); attributes are
//! [`Attr`]'s harmless names only (no `on…` handler, no `style`: another name does not
//! compile), and `href` only for `https://` and `http://` addresses, a fragment of the same
//! page or the app's own pages. Tag names are `&'static str`, written in our code, never
//! taken from data. Event handlers are Rust ([`El::on_click`], [`El::on`]), released when the
//! view is dropped.

use std::any::Any;
use std::borrow::Cow;

use reactive_graph::effect::RenderEffect;
use reactive_graph::graph::untrack;
use reactive_graph::owner::Owner;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// Declares [`Attr`]: each variant with its name.
macro_rules! attributes {
    ($($variant:ident = $name:literal,)*) => {
        /// The attributes [`El::attr`] sets: harmless ones only (no `on…` handler, no `style`, no
        /// address: links go through [`El::href`], [`El::fragment`] and [`El::app_address`]). A
        /// name outside this list does not compile.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Attr {
            $($variant,)*
        }

        impl Attr {
            /// The attribute's name in HTML or SVG.
            pub const fn name(self) -> &'static str {
                match self {
                    $(Attr::$variant => $name,)*
                }
            }
        }
    };
}

attributes! {
    Class = "class",
    Id = "id",
    Scope = "scope",
    Role = "role",
    Type = "type",
    Rel = "rel",
    Target = "target",
    AriaLabelledby = "aria-labelledby",
    AriaDescribedby = "aria-describedby",
    For = "for",
    Name = "name",
    Novalidate = "novalidate",
    AriaLabel = "aria-label",
    AriaHidden = "aria-hidden",
    AriaLive = "aria-live",
    AriaCurrent = "aria-current",
    AriaPressed = "aria-pressed",
    AriaInvalid = "aria-invalid",
    Autocomplete = "autocomplete",
    Disabled = "disabled",
    Readonly = "readonly",
    Required = "required",
    Checked = "checked",
    Selected = "selected",
    Lang = "lang",
    Maxlength = "maxlength",
    Multiple = "multiple",
    Accept = "accept",
    Rows = "rows",
    Value = "value",
    Tabindex = "tabindex",
    DataLabel = "data-label",
    DataScreen = "data-screen",
    DataLacks = "data-lacks",
    Focusable = "focusable",
    ViewBox = "viewBox",
    Width = "width",
    Height = "height",
    X = "x",
    Y = "y",
    X1 = "x1",
    Y1 = "y1",
    X2 = "x2",
    Y2 = "y2",
}

type Text = Cow<'static, str>;

/// An element to be: its tag, attributes and children (elements and text). Boxed, and built
/// through functions that are not inlined, so that the views' code stays a list of calls.
pub struct El(Box<Node>);

struct Node {
    tag: &'static str,
    svg: bool,
    attributes: Vec<(&'static str, Text)>,
    children: Vec<Child>,
    listeners: Vec<(&'static str, Handler)>,
    slot: Option<Slot>,
}

/// Where a drawn element is kept (see [`El::keep`]), for an effect that updates it in place:
/// the parts of a view that follow the state (a checked button, a count) are changed there
/// rather than drawn again.
pub type Slot = reactive_graph::owner::StoredValue<
    Option<web_sys::Element>,
    reactive_graph::owner::LocalStorage,
>;

/// The first element under `root` that `selector` matches, as a `T`: a part of a drawn view
/// that an effect updates.
pub fn find<T: JsCast>(root: &web_sys::Element, selector: &str) -> Option<T> {
    root.query_selector(selector)
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// An empty [`Slot`], owned by the view being drawn.
pub fn slot() -> Slot {
    reactive_graph::owner::StoredValue::new_local(None)
}

/// Runs `f` now and again whenever a signal it read changes (a Leptos effect, owned by the
/// current owner), through one effect type for the whole app: each closure type given to
/// `Effect::new` makes its own copy of the effect's task in the WebAssembly (about 1 KB).
pub fn effect(f: impl Fn() + 'static) {
    effect_boxed(Box::new(f));
}

#[inline(never)]
fn effect_boxed(f: Box<dyn Fn()>) {
    reactive_graph::effect::Effect::new(move |_| f());
}

type Handler = Box<dyn Fn(web_sys::Event) + Send>;

enum Child {
    Element(El),
    Text(Text),
    /// A view that follows the state: see [`dynamic`] and [`keyed`].
    Region(Draw),
}

/// The key a region was last drawn for ([`keyed`]).
type Key = Option<Box<dyn Any>>;
/// Whether to draw a region again: see [`Draw`].
type Changed = Box<dyn FnMut(&mut Key) -> bool + Send>;
/// A region's view for its key: see [`Draw`].
type View = Box<dyn FnMut(Option<&dyn Any>) -> Option<El> + Send>;

/// How a region is drawn.
struct Draw {
    /// Whether to draw it again, given the key it was drawn for (kept there: see [`keyed`]).
    changed: Changed,
    /// The view for that key (nothing for `None`).
    view: View,
}

/// The tag of a group of siblings with no element of their own ([`El::group`]).
const GROUP: &str = "";

/// A view that follows the state: `view()`, drawn again whole whenever a signal it read
/// changes (as a Leptos reactive closure is), or nothing for `None`.
pub fn dynamic<V: Into<Option<El>>>(view: impl Fn() -> V + Send + 'static) -> El {
    El::region(Draw {
        changed: Box::new(|_| true),
        view: Box::new(move |_| view().into()),
    })
}

/// A view that follows `key`: drawn by `render(key())`, untracked, and drawn again whole only
/// when the key changes (a mere change elsewhere keeps the keyboard focus where it is).
pub fn keyed<K, V>(
    key: impl Fn() -> K + Send + 'static,
    render: impl Fn(K) -> V + Send + 'static,
) -> El
where
    K: PartialEq + Clone + 'static,
    V: Into<Option<El>>,
{
    El::region(Draw {
        changed: Box::new(move |last| {
            let key = key();
            if last
                .as_ref()
                .and_then(|k| k.downcast_ref::<K>())
                .is_some_and(|k| *k == key)
            {
                return false;
            }
            *last = Some(Box::new(key));
            true
        }),
        view: Box::new(move |key| {
            let key = key?.downcast_ref::<K>()?.clone();
            untrack(|| render(key).into())
        }),
    })
}

impl El {
    /// An HTML element.
    pub fn new(tag: &'static str) -> Self {
        Self::make(tag, false)
    }

    /// Siblings with no element of their own: the children appended to it.
    pub fn group() -> Self {
        Self::make(GROUP, false)
    }

    #[inline(never)]
    fn region(draw: Draw) -> Self {
        Self::group().push(Child::Region(draw))
    }

    /// An SVG element (in the SVG namespace).
    pub fn svg(tag: &'static str) -> Self {
        Self::make(tag, true)
    }

    #[inline(never)]
    fn make(tag: &'static str, svg: bool) -> Self {
        debug_assert!(
            !matches!(
                tag,
                "script" | "style" | "iframe" | "object" | "embed" | "base"
            ),
            "El does not build <{tag}>"
        );
        Self(Box::new(Node {
            tag,
            svg,
            attributes: Vec::new(),
            children: Vec::new(),
            listeners: Vec::new(),
            slot: None,
        }))
    }

    /// Sets `name` to `value`.
    pub fn attr(self, name: Attr, value: impl Into<Text>) -> Self {
        self.set(name, value.into())
    }

    #[inline(never)]
    fn set(mut self, name: Attr, value: Text) -> Self {
        self.0.attributes.push((name.name(), value));
        self
    }

    /// A `<section>` of `class` (none when empty), labelled by its heading: a `tag` (`h1` to
    /// `h3`) with id `id` saying `heading`.
    pub fn section(
        class: impl Into<Text>,
        tag: &'static str,
        id: impl Into<Text>,
        heading: impl Into<Text>,
    ) -> Self {
        let (id, class): (Text, Text) = (id.into(), class.into());
        El::new("section")
            .class_unless_empty(class)
            .attr(Attr::AriaLabelledby, id.clone())
            .child(El::new(tag).attr(Attr::Id, id).text(heading))
    }

    /// A paragraph of `class` (none when empty) that assistive technologies read out when it
    /// changes, without interrupting (role status).
    pub fn status(class: &'static str, text: impl Into<Text>) -> Self {
        Self::said("status", class, text.into())
    }

    /// A paragraph of `class` (none when empty) said at once (role alert).
    pub fn alert(class: &'static str, text: impl Into<Text>) -> Self {
        Self::said("alert", class, text.into())
    }

    #[inline(never)]
    fn said(role: &'static str, class: &'static str, text: Text) -> Self {
        El::new("p")
            .attr(Attr::Role, role)
            .class_unless_empty(class.into())
            .text(text)
    }

    /// An error said at once (role alert): `message`, then the browser's or the server's own
    /// words, `detail`, as code.
    pub fn failure(message: &'static str, detail: impl Into<Text>) -> Self {
        El::new("div")
            .attr(Attr::Role, "alert")
            .class("notice notice-error")
            .child(El::new("p").text(message))
            .child(
                El::new("p")
                    .class("muted")
                    .child(El::new("code").text(detail)),
            )
    }

    /// A button (`type` `button`, or `submit` in a form) of `class` (none when empty) saying
    /// `text`.
    pub fn button(kind: &'static str, class: &'static str, text: impl Into<Text>) -> Self {
        El::new("button")
            .attr(Attr::Type, kind)
            .class_unless_empty(class.into())
            .text(text)
    }

    /// Sets the `class` attribute.
    pub fn class(self, value: impl Into<Text>) -> Self {
        self.set(Attr::Class, value.into())
    }

    /// Sets the `class` attribute, unless `value` is empty (no class at all then).
    fn class_unless_empty(self, value: Text) -> Self {
        if value.is_empty() {
            self
        } else {
            self.set(Attr::Class, value)
        }
    }

    /// A link's address: set only for web addresses (`https://`, `http://`), anything else
    /// is left out.
    pub fn href(mut self, url: &str) -> Self {
        if url.starts_with("https://") || url.starts_with("http://") {
            self.0.attributes.push(("href", Cow::Owned(url.to_owned())));
        }
        self
    }

    /// A link to one of the app's own pages (the console beside the bundle), at an address
    /// the app built: set as given.
    pub fn app_address(mut self, url: String) -> Self {
        self.0.attributes.push(("href", Cow::Owned(url)));
        self
    }

    /// A link to the element `id` of the same page.
    pub fn fragment(mut self, id: &'static str) -> Self {
        self.0
            .attributes
            .push(("href", Cow::Owned(format!("#{id}"))));
        self
    }

    /// Appends text, as a text node.
    pub fn text(self, text: impl Into<Text>) -> Self {
        self.push(Child::Text(text.into()))
    }

    /// Appends an element.
    pub fn child(self, child: El) -> Self {
        self.push(Child::Element(child))
    }

    /// Appends elements (none for `None`).
    pub fn children(mut self, children: impl IntoIterator<Item = El>) -> Self {
        for child in children {
            self = self.child(child);
        }
        self
    }

    #[inline(never)]
    fn push(mut self, child: Child) -> Self {
        self.0.children.push(child);
        self
    }

    /// Runs `handler` on every click. It lives as long as the drawn view.
    pub fn on_click(self, handler: impl Fn() + Send + 'static) -> Self {
        self.on("click", move |_| handler())
    }

    /// Runs `handler` on every `event` (such as `change`). It lives as long as the drawn view.
    pub fn on(
        mut self,
        event: &'static str,
        handler: impl Fn(web_sys::Event) + Send + 'static,
    ) -> Self {
        self.0.listeners.push((event, Box::new(handler)));
        self
    }

    /// Keeps the element in `slot` once it is drawn.
    pub fn keep(mut self, slot: Slot) -> Self {
        self.0.slot = Some(slot);
        self
    }

    /// Appends the DOM nodes to `parent`, noting in `drawn` what is placed at its top and
    /// what the nodes need kept alive: the event handlers, the regions and mounted views.
    fn build_into(
        self,
        parent: &web_sys::Node,
        document: &web_sys::Document,
        drawn: &mut ElState,
        top: bool,
    ) {
        let node = *self.0;
        if node.tag == GROUP {
            for child in node.children {
                build_child(child, parent, document, drawn, top);
            }
            return;
        }
        let element = if node.svg {
            document.create_element_ns(Some(SVG_NS), node.tag)
        } else {
            document.create_element(node.tag)
        }
        .expect("a valid tag name");
        for (name, value) in &node.attributes {
            let _ = element.set_attribute(name, value);
        }
        for child in node.children {
            build_child(child, &element, document, drawn, false);
        }
        for (event, handler) in node.listeners {
            let listener = Closure::<dyn Fn(web_sys::Event)>::new(handler);
            let _ =
                element.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
            drawn.listeners.push(listener);
        }
        if let Some(slot) = node.slot {
            use reactive_graph::traits::SetValue;
            slot.set_value(Some(element.clone()));
        }
        let _ = parent.append_child(&element);
        if top {
            drawn.top.push(Top::Node(element.into()));
        }
    }
}

fn build_child(
    child: Child,
    parent: &web_sys::Node,
    document: &web_sys::Document,
    drawn: &mut ElState,
    top: bool,
) {
    match child {
        Child::Element(el) => el.build_into(parent, document, drawn, top),
        Child::Text(text) => {
            let text: web_sys::Node = document.create_text_node(&text).into();
            let _ = parent.append_child(&text);
            if top {
                drawn.top.push(Top::Node(text));
            }
        }
        Child::Region(draw) => {
            let region = Region::new(draw, parent, document);
            if top {
                drawn.top.push(Top::Region(drawn.regions.len()));
            }
            drawn.regions.push(region);
        }
    }
}

/// What a drawn [`El`] placed at its top: a node, or a region (its content, then its
/// marker).
enum Top {
    Node(web_sys::Node),
    Region(usize),
}

/// A region as drawn: its marker (a comment, after its content) and the effect that draws it
/// again.
struct Region {
    marker: web_sys::Node,
    effect: RenderEffect<Shown>,
}

/// What a region shows: the key it was drawn for, the view, and the owner of what the view
/// created (effects, signals), disposed when it is drawn again.
#[derive(Default)]
struct Shown {
    key: Key,
    view: Option<ElState>,
    owner: Option<Owner>,
}

impl Region {
    fn new(mut draw: Draw, parent: &web_sys::Node, document: &web_sys::Document) -> Self {
        let marker: web_sys::Node = document.create_comment("").into();
        let _ = parent.append_child(&marker);
        // What a view creates belongs to the region's place in the app, not to the effect
        // (whose own owner is cleaned at every run, even when the view stays).
        let parent_owner = Owner::current();
        let at = marker.clone();
        let effect = RenderEffect::new(move |shown: Option<Shown>| {
            let mut shown = shown.unwrap_or_default();
            if (draw.changed)(&mut shown.key) {
                let owner = match &parent_owner {
                    Some(parent) => parent.with(Owner::new),
                    None => Owner::new(),
                };
                let next = owner.with(|| (draw.view)(shown.key.as_deref()));
                redraw(&mut shown, next, owner, &at);
            }
            shown
        });
        Region { marker, effect }
    }
}

impl Drop for Region {
    /// Drops what the region shows now, rather than when its effect's task next runs: an
    /// effect inside it already woken by a change would otherwise run once more, after its
    /// signals were disposed with their owner.
    fn drop(&mut self) {
        drop(self.effect.take_value());
    }
}

/// Replaces what `shown` shows before `marker` by `next`, whose owner is `owner`.
fn redraw(shown: &mut Shown, next: Option<El>, owner: Owner, marker: &web_sys::Node) {
    if let Some(old) = shown.owner.take() {
        old.cleanup();
    }
    if let Some(old) = shown.view.take() {
        old.remove();
    }
    let Some(parent) = marker.parent_node() else {
        return;
    };
    shown.view = next.map(|el| {
        let drawn = owner.with(|| ElState::new(el));
        drawn.insert(&parent, Some(marker));
        drawn
    });
    shown.owner = Some(owner);
}

/// A drawn [`El`]: its nodes, and what they need kept alive (their event handlers, regions
/// and mounted views), dropped with it.
#[derive(Default)]
pub struct ElState {
    top: Vec<Top>,
    listeners: Vec<Closure<dyn Fn(web_sys::Event)>>,
    regions: Vec<Region>,
}

impl ElState {
    /// Builds `el`'s DOM nodes, not yet placed (see [`ElState::element`], [`ElState::insert`]).
    pub fn new(el: El) -> Self {
        let document = crate::web::document();
        let holder = document.create_document_fragment();
        let mut drawn = ElState::default();
        el.build_into(&holder, &document, &mut drawn, true);
        drawn
    }

    /// The first element drawn; its handlers run as long as this state is kept.
    pub fn element(&self) -> &web_sys::Element {
        self.top
            .iter()
            .find_map(|top| match top {
                Top::Node(node) => node.dyn_ref::<web_sys::Element>(),
                Top::Region(_) => None,
            })
            .expect("an element drawn")
    }

    /// Every node at the top, in order (a region's content, then its marker).
    fn nodes(&self, into: &mut Vec<web_sys::Node>) {
        for top in &self.top {
            match top {
                Top::Node(node) => into.push(node.clone()),
                Top::Region(n) => {
                    let region = &self.regions[*n];
                    region.effect.with_value_mut(|shown| {
                        if let Some(view) = &shown.view {
                            view.nodes(into);
                        }
                    });
                    into.push(region.marker.clone());
                }
            }
        }
    }

    /// Places the nodes in `parent`, before `marker` (at the end for `None`).
    pub fn insert(&self, parent: &web_sys::Node, marker: Option<&web_sys::Node>) {
        let mut nodes = Vec::new();
        self.nodes(&mut nodes);
        for node in &nodes {
            let _ = parent.insert_before(node, marker);
        }
    }

    /// Takes the nodes out of the page.
    pub fn remove(&self) {
        let mut nodes = Vec::new();
        self.nodes(&mut nodes);
        for node in &nodes {
            if let Some(parent) = node.parent_node() {
                let _ = parent.remove_child(node);
            }
        }
    }
}

/// A view drawn into an element of the page with its own reactive owner: [`mount`].
pub struct Mounted {
    owner: Owner,
    drawn: ElState,
}

impl Drop for Mounted {
    /// Disposes of the view's effects and signals, and takes its nodes out of the page.
    fn drop(&mut self) {
        self.owner.cleanup();
        self.drawn.remove();
    }
}

/// Draws `view()` at the end of `parent`, under a new reactive owner, until the result is
/// dropped.
pub fn mount(parent: &web_sys::Element, view: impl FnOnce() -> El) -> Mounted {
    // Effects run on wasm-bindgen's futures (an error: already set up).
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    let drawn = owner.with(|| ElState::new(view()));
    drawn.insert(parent, None);
    Mounted { owner, drawn }
}
