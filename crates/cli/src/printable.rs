//! Text from documents, made safe to print on a terminal. A name or a comment in a file is
//! anyone's to write: a control character can move the cursor, rewrite a line ("INVALID"
//! turned into "valid"), or add a line that looks like one of ours; a bidirectional control
//! can show a line in another order than it is written. Every text a document gave is
//! printed through these functions: its control and bidirectional characters become visible
//! escapes, `\u{1b}`, and cannot act.

/// Whether `c` must not reach a terminal as it is: the control characters (C0, DEL, C1) and
/// the bidirectional controls (ALM, LRM, RLM, LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI).
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// `text` for a line of ours: every control and bidirectional character (line breaks
/// included) as a visible `\u{…}` escape.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// JSON we wrote, for a terminal: the bidirectional controls inside its strings as JSON
/// escapes (`\u202e`), which mean the same characters to a JSON reader. (serde_json already
/// escapes the control characters.)
pub fn json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if hidden(c) && !c.is_ascii_control() {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// CSV we wrote, for a terminal: its line ends and the line breaks and tabs inside quoted
/// cells kept, every other control or bidirectional character as a visible `\u{…}` escape
/// (no name or comment has any use for one).
pub fn csv(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let kept = matches!(c, '\n' | '\t') || (c == '\r' && chars.peek() == Some(&'\n'));
        if hidden(c) && !kept {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidirectional_characters_become_visible() {
        assert_eq!(
            printable("Awa\u{1b}[2K\rvalid\nfile.json: valid"),
            "Awa\\u{1b}[2K\\u{d}valid\\u{a}file.json: valid"
        );
        assert_eq!(printable("abc\u{202e}fdp.exe"), "abc\\u{202e}fdp.exe");
        assert_eq!(printable("Traoré ✓"), "Traoré ✓");
        assert_eq!(
            json("{\"name\": \"a\u{2066}b\\u001b\"}"),
            "{\"name\": \"a\\u2066b\\u001b\"}"
        );
        assert_eq!(
            csv("a,\"two\nlines\"\r\nb\u{1b},c\r\u{202e}\r\n"),
            "a,\"two\nlines\"\r\nb\\u{1b},c\\u{d}\\u{202e}\r\n"
        );
    }
}
