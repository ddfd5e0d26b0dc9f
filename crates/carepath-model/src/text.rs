//! Text that is safe to show on a terminal.
//!
//! A plan is written by a person, but it can come from anywhere (a colleague, a template, a
//! download). Text from it that reaches a terminal must not be able to drive the terminal: an
//! `ESC ] 0 ;` sequence retitles the window, `ESC [ 2 J` clears the screen, a C1 control or a
//! bidirectional override makes a line read differently from what it is. [`visible`] turns every
//! such character into a visible escape (`\u{1b}`), so the person sees what is in the file and the
//! terminal is never told to do anything. Files and JSON keep the text exact: only terminal output
//! goes through here.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal as it is: C0 controls (tab and newline are the caller's
/// business and kept), DEL, C1 controls, and the bidirectional embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069) that can make a line read differently from its bytes.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every character of [`is_unsafe`] written as a visible `\u{…}` escape; borrowed when
/// there is none, so the common case costs one scan.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like [`visible`], for text shown on one line: newlines and tabs are made visible too.
pub fn visible_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) || c == '\n' || c == '\t') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_injection_title_sequence_is_made_visible() {
        let title = "ICU \u{1b}]0;PWNED\u{7} transfer";
        assert_eq!(visible(title), "ICU \\u{1b}]0;PWNED\\u{7} transfer");
    }

    #[test]
    fn c1_controls_del_and_bidi_overrides_are_made_visible() {
        assert_eq!(visible("a\u{9b}2Jb"), "a\\u{9b}2Jb");
        assert_eq!(visible("a\u{7f}b"), "a\\u{7f}b");
        assert_eq!(visible("exe.\u{202e}fdp"), "exe.\\u{202e}fdp");
        assert_eq!(visible("\u{2066}x\u{2069}"), "\\u{2066}x\\u{2069}");
    }

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        let s = "Zoë's CCRN: 1,750 h — 重症 🩺\ttab";
        assert!(matches!(visible(s), Cow::Borrowed(_)));
        assert_eq!(visible_line("a\tb\nc"), "a\\tb\\nc");
    }
}
