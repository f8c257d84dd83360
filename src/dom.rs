//! A very small DOM builder: views drawn once from data and drawn again whole when their
//! input changes (the profile, the chart, a plan read-only, the 360 report), or drawn once
//! and then updated in place by an effect through the elements they keep ([`El::keep`]: the
//! form's ratings, its page and its progress).
//!
//! Every distinct `view!` type makes Leptos generate its own build, rebuild and mount code in
//! the WebAssembly; a static table or chart does not need any of it. An [`El`] is plain Rust
//! data (so it is `Send`, as Leptos views must be), turned into DOM nodes by one
//! non-generic function when Leptos mounts it, and replaced as a whole when redrawn.
//!
//! Safe by construction: text only ever becomes text nodes (never HTML); attributes are
//! [`Attr`]'s harmless names only (no `on…` handler, no `style`: another name does not
//! compile), and `href` only for `https://` and `http://` addresses, a fragment of the same
//! page or the app's own pages. Tag names are `&'static str`, written in our code, never
//! taken from data. Event handlers are Rust ([`El::on_click`], [`El::on`]), released when the
//! view is dropped.

use std::borrow::Cow;

use leptos::tachys::html::attribute::Attribute;
use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::renderer::types;
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};
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
pub type Slot =
    leptos::prelude::StoredValue<Option<web_sys::Element>, leptos::prelude::LocalStorage>;

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
    leptos::prelude::StoredValue::new_local(None)
}

type Handler = Box<dyn Fn(web_sys::Event) + Send>;

enum Child {
    Element(El),
    Text(Text),
}

impl El {
    /// An HTML element.
    pub fn new(tag: &'static str) -> Self {
        Self::make(tag, false)
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
        let section = El::new("section");
        if class.is_empty() {
            section
        } else {
            section.class(class)
        }
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
        let said = El::new("p").attr(Attr::Role, role);
        if class.is_empty() {
            said
        } else {
            said.class(class)
        }
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
        let button = El::new("button").attr(Attr::Type, kind);
        if class.is_empty() {
            button
        } else {
            button.class(class)
        }
        .text(text)
    }

    /// Sets the `class` attribute.
    pub fn class(self, value: impl Into<Text>) -> Self {
        self.set(Attr::Class, value.into())
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

    /// Builds the DOM nodes. The returned closures are the event handlers: the element's
    /// listeners call them only as long as they are kept.
    fn build_into(
        self,
        document: &web_sys::Document,
        listeners: &mut Vec<Closure<dyn Fn(web_sys::Event)>>,
    ) -> web_sys::Element {
        let node = *self.0;
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
            let child: web_sys::Node = match child {
                Child::Element(el) => el.build_into(document, listeners).into(),
                Child::Text(text) => document.create_text_node(&text).into(),
            };
            let _ = element.append_child(&child);
        }
        for (event, handler) in node.listeners {
            let listener = Closure::<dyn Fn(web_sys::Event)>::new(handler);
            let _ =
                element.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
            listeners.push(listener);
        }
        if let Some(slot) = node.slot {
            use leptos::prelude::SetValue;
            slot.set_value(Some(element.clone()));
        }
        element
    }

    /// Writes the element as HTML (for server rendering; this app renders in the browser).
    fn write_html(&self, buf: &mut String) {
        let node = &self.0;
        buf.push('<');
        buf.push_str(node.tag);
        for (name, value) in &node.attributes {
            buf.push(' ');
            buf.push_str(name);
            buf.push_str("=\"");
            escape(buf, value);
            buf.push('"');
        }
        buf.push('>');
        for child in &node.children {
            match child {
                Child::Element(el) => el.write_html(buf),
                Child::Text(text) => escape(buf, text),
            }
        }
        buf.push_str("</");
        buf.push_str(node.tag);
        buf.push('>');
    }
}

fn escape(buf: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => buf.push_str("&amp;"),
            '<' => buf.push_str("&lt;"),
            '>' => buf.push_str("&gt;"),
            '"' => buf.push_str("&quot;"),
            c => buf.push(c),
        }
    }
}

/// A drawn [`El`]: its element, and the event handlers it holds (dropped with it).
pub struct ElState {
    element: web_sys::Element,
    _listeners: Vec<Closure<dyn Fn(web_sys::Event)>>,
}

impl ElState {
    /// Builds `el`'s DOM nodes, outside Leptos (to be placed with [`ElState::element`]).
    pub fn new(el: El) -> Self {
        let mut listeners = Vec::new();
        let element = el.build_into(&leptos::prelude::document(), &mut listeners);
        Self {
            element,
            _listeners: listeners,
        }
    }

    /// The built element; its handlers run as long as this state is kept.
    pub fn element(&self) -> &web_sys::Element {
        &self.element
    }
}

impl Mountable for ElState {
    fn unmount(&mut self) {
        self.element.unmount();
    }

    fn mount(&mut self, parent: &types::Element, marker: Option<&types::Node>) {
        self.element.mount(parent, marker);
    }

    fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
        self.element.insert_before_this(child)
    }

    fn elements(&self) -> Vec<types::Element> {
        vec![self.element.clone()]
    }
}

impl Render for El {
    type State = ElState;

    fn build(self) -> ElState {
        ElState::new(self)
    }

    /// Static: the new view replaces the old one whole.
    fn rebuild(self, state: &mut ElState) {
        let mut new = ElState::new(self);
        state.insert_before_this(&mut new);
        state.unmount();
        *state = new;
    }
}

impl AddAnyAttr for El {
    type Output<SomeNewAttr: Attribute> = Self;

    /// A static view takes no attributes from outside: they are ignored.
    fn add_any_attr<NewAttr: Attribute>(self, _attr: NewAttr) -> Self {
        self
    }
}

impl RenderHtml for El {
    type AsyncOutput = Self;
    type Owned = Self;

    const MIN_LENGTH: usize = 0;

    fn dry_resolve(&mut self) {}

    async fn resolve(self) -> Self {
        self
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        _escape: bool,
        _mark_branches: bool,
        _extra_attrs: Vec<AnyAttribute>,
    ) {
        self.write_html(buf);
        *position = Position::NextChild;
    }

    /// Never called: the app renders in the browser only, there is no server HTML to take
    /// over.
    fn hydrate<const FROM_SERVER: bool>(
        self,
        _cursor: &Cursor,
        _position: &PositionState,
    ) -> ElState {
        unimplemented!("static views are rendered in the browser, never hydrated")
    }

    fn into_owned(self) -> Self {
        self
    }
}
