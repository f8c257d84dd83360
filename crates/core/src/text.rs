//! Human-readable text in several languages.

use std::collections::BTreeMap;

/// A language tag such as `fr` or `en` (BCP 47, as written in the framework document).
pub type LanguageTag = String;

/// One text in every language the document provides, keyed by language tag.
///
/// Kept as the pairs in the order of their tags, one per tag: a text has one or two
/// languages, which a list finds as fast as a map, and the widget's first download then
/// carries no map code of its own for texts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LocalizedText(Vec<(LanguageTag, String)>);

/// A text picked for display, with the language it is actually written in, which differs from
/// the requested one when the document falls back to its default language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved<'a> {
    pub language: &'a str,
    pub text: &'a str,
}

impl LocalizedText {
    pub fn new(texts: BTreeMap<LanguageTag, String>) -> Self {
        Self(texts.into_iter().collect())
    }

    /// The text from `pairs` given in the order of their tags, each tag once; none if they
    /// are not.
    pub fn from_ordered(pairs: Vec<(LanguageTag, String)>) -> Option<Self> {
        pairs
            .windows(2)
            .all(|two| two[0].0 < two[1].0)
            .then_some(Self(pairs))
    }

    fn pair(&self, language: &str) -> Option<&(LanguageTag, String)> {
        self.0.iter().find(|(tag, _)| tag == language)
    }

    /// The text in `language`, if the document has it.
    pub fn get(&self, language: &str) -> Option<&str> {
        self.pair(language).map(|(_, text)| text.as_str())
    }

    /// The text in `language`, else in `fallback`, else in whichever language comes first.
    pub fn resolve<'a>(&'a self, language: &'a str, fallback: &'a str) -> Option<Resolved<'a>> {
        [language, fallback]
            .into_iter()
            .find_map(|lang| self.pair(lang))
            .or_else(|| self.0.first())
            .map(|(language, text)| Resolved { language, text })
    }

    /// Each language with its text, by language tag.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(l, t)| (l.as_str(), t.as_str()))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The languages this text is written in.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(tag, _)| tag.as_str())
    }
}

impl<const N: usize> From<[(&str, &str); N]> for LocalizedText {
    fn from(pairs: [(&str, &str); N]) -> Self {
        Self::new(
            pairs
                .into_iter()
                .map(|(lang, text)| (lang.to_owned(), text.to_owned()))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &LocalizedText, language: &str, fallback: &str, expected: Option<(&str, &str)>) {
        let got = text
            .resolve(language, fallback)
            .map(|r| (r.language, r.text));
        assert_eq!(got, expected, "resolve({language:?}, {fallback:?})");
    }

    #[test]
    fn resolve_prefers_requested_then_fallback_then_any() {
        let both = LocalizedText::from([("fr", "Intégrité"), ("en", "Integrity")]);
        check(&both, "en", "fr", Some(("en", "Integrity")));
        check(&both, "fr", "en", Some(("fr", "Intégrité")));
        check(&both, "pt", "fr", Some(("fr", "Intégrité")));

        let only_en = LocalizedText::from([("en", "Integrity")]);
        check(&only_en, "fr", "fr", Some(("en", "Integrity")));

        check(&LocalizedText::default(), "fr", "fr", None);
    }

    #[test]
    fn pairs_are_taken_in_the_order_of_their_tags_once_each() {
        let pair = |tag: &str| (tag.to_owned(), format!("text {tag}"));
        let ordered = LocalizedText::from_ordered(vec![pair("en"), pair("fr")]).unwrap();
        assert_eq!(
            ordered,
            LocalizedText::from([("fr", "text fr"), ("en", "text en")])
        );
        assert_eq!(
            LocalizedText::from_ordered(vec![pair("fr"), pair("en")]),
            None
        );
        assert_eq!(
            LocalizedText::from_ordered(vec![pair("fr"), pair("fr")]),
            None
        );
        assert_eq!(
            LocalizedText::from_ordered(Vec::new()),
            Some(LocalizedText::default())
        );
    }
}
