//! What a person sees in the terminal for a finding: the compiler shape, carets under the right
//! characters whatever their display width, no control character reaching the terminal, and a
//! capped list for files with very many findings.

use carepath_model::diag::{self, Diagnostic, Source, Style};
use carepath_model::{Format, check};

fn plain(text: &str, d: &Diagnostic) -> String {
    diag::render(
        Source {
            name: "plan.toml",
            text,
        },
        d,
        Style::PLAIN,
    )
}

fn span_of(text: &str, needle: &str) -> std::ops::Range<usize> {
    let at = text.find(needle).expect("needle in text");
    at..at + needle.len()
}

/// CJK characters and emoji take two terminal columns each: the carets must still sit under the
/// underlined text, not under what a character count would say.
#[test]
fn carets_line_up_under_wide_characters() {
    let text = "[[milestones]]\ntitle = \"重症看護 🩺 研修\"\nkind = \"コース\" # 種類 🏥\n";
    let d = Diagnostic::error("E009", "\"コース\" is not a milestone kind")
        .at(Some(span_of(text, "\"コース\"")), "milestones[0].kind")
        .label("unknown kind")
        .hint("the kinds are: education, certification, exam");
    insta::assert_snapshot!("wide_characters", plain(text, &d));
    let t2 = "title = \"🩺🩺 x 重症\"\n";
    let d2 = Diagnostic::error("E005", "x").at(Some(span_of(t2, "x")), "title");
    insta::assert_snapshot!("emoji_before_the_place", plain(t2, &d2));
}

/// A plan line, a label, a message or a hint with ESC ] 0 ; … BEL (a window-title sequence) or
/// a C1 control shows the characters as escapes; no raw control byte reaches the terminal.
#[test]
fn terminal_injection_in_a_plan_line_is_made_visible() {
    let text = "title = \"ICU \u{1b}]0;PWNED\u{7} transfer\u{9b}2J\"\nkind = 7\n";
    let d = Diagnostic::error("E005", "`title` is \u{1b}]0;PWNED\u{7} text")
        .at(Some(span_of(text, "PWNED")), "title\u{9b}")
        .label("label \u{1b}[2J")
        .hint("hint \u{90}x");
    for style in [Style::PLAIN, Style::ANSI] {
        let out = diag::render(
            Source {
                name: "plan\u{1b}.toml",
                text,
            },
            &d,
            style,
        );
        assert!(
            out.contains("ICU \\u{1b}]0;PWNED\\u{7} transfer\\u{9b}2J"),
            "{out}"
        );
        assert!(out.contains("is \\u{1b}]0;PWNED\\u{7} text"), "{out}");
        assert!(out.contains("label \\u{1b}[2J"), "{out}");
        assert!(out.contains("hint \\u{90}x"), "{out}");
        assert!(out.contains("title\\u{9b}"), "{out}");
        assert!(out.contains("plan\\u{1b}.toml:1:18"), "{out}");
        // The only control characters left are the style's own colour sequences and newlines.
        let without_colour = strip_sgr(&out);
        assert!(
            !without_colour
                .chars()
                .any(|c| c != '\n' && carepath_model::text::is_unsafe(c)),
            "{without_colour:?}"
        );
    }
    insta::assert_snapshot!("terminal_injection", plain(text, &d));
}

/// Removes `ESC [ … m` colour sequences (and only those).
fn strip_sgr(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A file with 80,000 unknown fields gets the first 200 findings in full and one line for the
/// rest, and the check keeps only a bounded number of findings in memory.
#[test]
fn eighty_thousand_unknown_keys_give_a_capped_message() {
    let mut text =
        String::from("format = 1\ntitle = \"t\"\nstart = 2026-01-05\n[person]\nname = \"n\"\n");
    for i in 0..80_000 {
        text.push_str(&format!("field{i} = 1\n"));
    }
    let c = check(text.as_bytes(), Format::Toml, None);
    assert!(c.has_errors());
    assert!(c.diagnostics.len() <= diag::MAX_KEPT);
    assert_eq!(c.error_count(), 80_000);
    let src = Source {
        name: "plan.toml",
        text: &text,
    };
    let out = diag::render_all_with_omitted(src, &c.diagnostics, &c.omitted, Style::PLAIN);
    assert_eq!(out.matches("error[E004]").count(), diag::MAX_RENDERED);
    assert!(
        out.ends_with("\nand 79,800 more findings of the same kind (E004)\n"),
        "{}",
        &out[out.len() - 200..]
    );
    assert!(out.contains("--> plan.toml:6:1\n"));
}

/// `render_all` without model-side omissions caps too, naming the codes it left out.
#[test]
fn render_all_names_the_codes_it_leaves_out() {
    let text = "a = 1\n".repeat(300);
    let mut diags: Vec<Diagnostic> = (0..250)
        .map(|i| Diagnostic::error("E004", "unknown").at(Some(i * 6..i * 6 + 1), "a"))
        .collect();
    diags.push(Diagnostic::warning("W002", "w").at(Some(1700..1701), ""));
    let out = diag::render_all(
        Source {
            name: "p.toml",
            text: &text,
        },
        &diags,
        Style::PLAIN,
    );
    assert!(out.ends_with("\n\nand 51 more findings of the same kinds (E004, W002)\n"));
}

/// A 100,000-key JSON object: duplicate detection and rendering stay linear, the message is
/// capped.
#[test]
fn a_json_object_with_many_keys_is_checked_and_capped() {
    let mut text = String::from("{\"format\": 1");
    for i in 0..100_000 {
        text.push_str(&format!(", \"k{i}\": {i}"));
    }
    text.push('}');
    let c = check(text.as_bytes(), Format::Json, None);
    assert_eq!(
        c.error_count(),
        100_000 + 3,
        "unknown keys and three missing fields"
    );
    let out = diag::render_all_with_omitted(
        Source {
            name: "p.json",
            text: &text,
        },
        &c.diagnostics,
        &c.omitted,
        Style::PLAIN,
    );
    assert!(out.lines().count() < 200 * 12, "{}", out.lines().count());
    assert!(out.contains("more findings of the same kind"));
}

/// A duplicated key far into a big JSON object is still found, and named.
#[test]
fn json_duplicate_key_found_in_a_big_object() {
    let mut text = String::from("{\"format\": 1");
    for i in 0..50_000 {
        text.push_str(&format!(", \"k{i}\": {i}"));
    }
    text.push_str(", \"k49999\": 0}");
    let c = check(text.as_bytes(), Format::Json, None);
    assert_eq!(c.diagnostics.len(), 1);
    assert!(
        c.diagnostics[0].message.contains("`k49999` appears twice"),
        "{}",
        c.diagnostics[0].message
    );
}

/// 3,000 milestones that each wait for a missing id: "did you mean" is worked out only for the
/// findings that are kept, so the check stays fast and says how many there are.
#[test]
fn many_unknown_after_ids_are_counted_not_all_suggested() {
    let mut text =
        String::from("format = 1\ntitle = \"t\"\nstart = 2026-01-05\n[person]\nname = \"n\"\n");
    for i in 0..3_000 {
        text.push_str(&format!(
            "[[milestones]]\nid = \"m{i}\"\ntitle = \"M\"\nkind = \"exam\"\nafter = [\"x{i}\"]\n"
        ));
    }
    let c = check(text.as_bytes(), Format::Toml, None);
    assert_eq!(c.error_count(), 3_000);
    assert_eq!(c.diagnostics.len(), diag::MAX_KEPT);
    assert_eq!(c.omitted.by_code["E021"].1, 3_000 - diag::MAX_KEPT);
}

/// fuzz/seeds/read_toml/finding-after-trailing-cr.toml (and read_json's .json): a file ending in
/// a bare carriage return got a finding at its very end, after the CR, and showing it panicked
/// (`min > max` in the window of the quoted line). The place is shown at the end of the line.
#[test]
fn finding_after_trailing_cr() {
    let text = "#\r";
    let checked = check(text.as_bytes(), Format::Toml, None);
    assert!(checked.has_errors());
    let out: Vec<String> = checked.diagnostics.iter().map(|d| plain(text, d)).collect();
    insta::assert_snapshot!("finding_after_trailing_cr", out.join("\n---\n"));

    let text = "{\r";
    let checked = check(text.as_bytes(), Format::Json, None);
    let d = &checked.diagnostics[0];
    assert_eq!(d.span, Some(2..2), "at the end of the file, after the CR");
    let shown = plain(text, d);
    assert!(shown.contains("1 | {\n  |  ^\n"), "{shown}");

    // On a CRLF line, a place at its CR or its LF is underlined where the line ends, as one
    // there is (the location line names its own column).
    let text = "format = 1\r\ntitle = 7\r\n";
    let end = text.find("7").unwrap() + 1;
    let at = |span: std::ops::Range<usize>| {
        let out = plain(
            text,
            &Diagnostic::error("E005", "x").at(Some(span), "title"),
        );
        out.lines()
            .filter(|l| !l.starts_with(" -->"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let shown = at(end..end);
    assert!(shown.contains("2 | title = 7\n  |          ^\n"), "{shown}");
    assert_eq!(at(end..end + 1), shown, "at the CR");
    assert_eq!(at(end + 1..end + 2), shown, "at the LF");
}
