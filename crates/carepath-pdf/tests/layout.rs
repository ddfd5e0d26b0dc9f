//! The layout step, without PDF: snapshots of what goes where, and the geometry a reader would
//! notice when it is wrong (text off the page, text over text, text wider than its column).

mod support;

use carepath_export::Paper;
use carepath_model::ResolvedPlan;
use carepath_pdf::layout::{MARGIN, layout};
use carepath_pdf::{Item, Layout, PdfOptions};
use support::*;

/// The PDF options on this paper.
fn on(paper: Option<Paper>) -> PdfOptions {
    PdfOptions { paper }
}

/// Every text run of the document, one per line, in painting order.
fn text_dump(l: &Layout) -> String {
    let mut out = String::new();
    for (i, p) in l.document.pages.iter().enumerate() {
        out += &format!("=== page {} ({} x {})\n", i + 1, p.width, p.height);
        for item in &p.items {
            if let Item::Text {
                x,
                y,
                size,
                bold,
                text,
                ..
            } = item
            {
                let b = if *bold { "b" } else { " " };
                out += &format!("{y:>7.2} {x:>7.2} {size:>4}{b} {text}\n");
            }
        }
    }
    if !l.warnings.is_empty() {
        out += "=== warnings\n";
        for w in &l.warnings {
            out += &format!("{w}\n");
        }
    }
    out
}

/// What a reader would see as broken, as a list of complaints.
fn geometry_problems(l: &Layout) -> Vec<String> {
    let mut problems = Vec::new();
    for (pi, page) in l.document.pages.iter().enumerate() {
        let (x0, y0, x1, y1) = (MARGIN, MARGIN, page.width - MARGIN, page.height - MARGIN);
        let mut texts = Vec::new();
        for item in &page.items {
            let (l, t, r, b) = item.bounds();
            if l < x0 - 0.01 || t < y0 - 0.01 || r > x1 + 0.01 || b > y1 + 0.01 {
                problems.push(format!(
                    "page {}: outside the printable area ({l:.1},{t:.1})-({r:.1},{b:.1}): {item:?}",
                    pi + 1
                ));
            }
            if let Item::Text { w, max_w, text, .. } = item {
                if *w > *max_w + 0.02 {
                    problems.push(format!(
                        "page {}: {text:?} is {w} wide in a column of {max_w}",
                        pi + 1
                    ));
                }
                if text.trim().is_empty() {
                    problems.push(format!("page {}: an empty text run", pi + 1));
                }
                // The ink of a line: cap height over the baseline, descenders under it.
                if let Item::Text { x, y, size, .. } = item {
                    texts.push((*x, y - size * 0.75, x + w, y + size * 0.2, text.clone()));
                }
            }
        }
        for (i, a) in texts.iter().enumerate() {
            for b in &texts[i + 1..] {
                let overlap_x = a.0.max(b.0) < a.2.min(b.2) - 0.5;
                let overlap_y = a.1.max(b.1) < a.3.min(b.3) - 0.5;
                if overlap_x && overlap_y {
                    problems.push(format!("page {}: {:?} overlaps {:?}", pi + 1, a.4, b.4));
                }
            }
        }
    }
    problems
}

fn all_plans() -> Vec<(String, ResolvedPlan)> {
    let mut plans = fixtures();
    plans.push(("realistic with gap".into(), realistic()));
    plans.push(("nasty".into(), resolve_toml(NASTY, AS_OF)));
    plans.push(("big 400".into(), resolve_toml(&big(400), AS_OF)));
    plans.push(("huge texts".into(), resolve_toml(&huge(), AS_OF)));
    plans
}

#[test]
fn nothing_runs_off_the_page_or_over_other_text() {
    for (name, plan) in all_plans() {
        for paper in [Some(Paper::A4), Some(Paper::Letter)] {
            let l = layout(&plan, &on(paper));
            let mut problems = geometry_problems(&l);
            // The only thing a plan may be warned about is a character the font lacks: text
            // that had to be shortened to fit would be a layout bug.
            problems.extend(
                l.warnings
                    .iter()
                    .filter(|w| !w.contains("has no glyph"))
                    .cloned(),
            );
            assert!(
                problems.is_empty(),
                "{name} on {paper:?}:\n{}",
                problems.join("\n")
            );
        }
    }
}

/// The text runs of a page joined, with every space and line break left out, so that a wrapped
/// sentence reads in one piece.
fn squashed_text(p: &carepath_pdf::Page) -> String {
    p.items
        .iter()
        .filter_map(|i| match i {
            Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .flat_map(|t| t.chars().filter(|c| !c.is_whitespace()))
        .collect()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn reasons_and_notes_name_milestones_by_their_titles_not_their_ids() {
    let plan = realistic();
    let ccrn = plan.schedule.goals.iter().find(|g| g.id == "ccrn").unwrap();
    assert!(!ccrn.smart.achievable.pass);
    assert_eq!(
        ccrn.smart.achievable.terminal(),
        "fails: `ccrn-exam` would finish after its own due date",
        "the terminal and the JSON keep the id"
    );
    let l = layout(&plan, &on(None));
    let pages: Vec<String> = l.document.pages.iter().map(squashed_text).collect();
    let all = pages.concat();
    for want in [
        // The goal's failed criterion, after its mark and name.
        "✗Achievablefails:“SittheCCRN(Adult)exam”wouldfinishafteritsowndue date",
        // The note on the forecast, on the summary page: the milestone and its chain by title.
        "•“SittheCCRN(Adult)exam”isdue2027-09-30",
        "thechain“MovetotheMICU:criticalcarecourse(ECCO)andunitonboarding”(done2026-10-30)→\
         “Accumulate1,750direct-careICUhours(CCRN2-yearoption)”(1,750hat36haweek)decidesit",
    ] {
        assert!(all.contains(&squash(want)), "no {want:?} in the document");
    }
    assert!(
        pages[0].contains(&squash("• “Sit the CCRN (Adult) exam” is due")),
        "the note is on the summary page"
    );
    // The gap page too: the milestones that cover a requirement, by title.
    assert!(
        all.contains(&squash("planned: “Accumulate 1,750")),
        "the gap page names the covering milestone by title"
    );
    for (i, text) in pages.iter().enumerate() {
        assert!(!text.contains('`'), "a backtick on page {}", i + 1);
        for m in &plan.schedule.milestones {
            assert!(
                !text.contains(&m.id),
                "the milestone id {:?} on page {}",
                m.id,
                i + 1
            );
        }
    }
}

#[test]
fn pages_come_in_the_order_of_the_issue() {
    let plan = realistic();
    let l = layout(&plan, &on(None));
    let firsts: Vec<String> = l
        .document
        .pages
        .iter()
        .map(|p| {
            p.items
                .iter()
                .find_map(|i| match i {
                    Item::Text { text, .. } => Some(text.clone()),
                    _ => None,
                })
                .unwrap_or_default()
        })
        .collect();
    let order = [
        "CAREER PLAN",
        "Timeline",
        "Goals",
        "Milestones",
        "Profile",
        "The gap to the target role",
    ];
    let mut at = 0;
    for want in order {
        let found = firsts[at..]
            .iter()
            .position(|f| f == want)
            .unwrap_or_else(|| panic!("no page starts with {want:?} after page {at}: {firsts:?}"));
        at += found + 1;
    }
}

#[test]
fn paper_follows_the_region_unless_chosen() {
    let us = realistic();
    let l = layout(&us, &on(None));
    assert_eq!(
        l.document.pages[0].width, 612.0,
        "US plans default to Letter"
    );
    let l = layout(&us, &on(Some(Paper::A4)));
    assert_eq!(l.document.pages[0].width, 595.28);
    let pl = resolve_toml(NASTY, AS_OF);
    let l = layout(&pl, &on(None));
    assert_eq!(l.document.pages[0].height, 841.89, "elsewhere A4");
}

#[test]
fn every_page_has_a_footer_with_the_as_of_date_and_its_number() {
    let plan = resolve_toml(&big(400), AS_OF);
    let l = layout(&plan, &on(None));
    let n = l.document.pages.len();
    assert!(n > 10, "400 milestones take many pages, got {n}");
    for (i, p) in l.document.pages.iter().enumerate() {
        let want = format!("As of 2026-12-31 · Page {} of {n}", i + 1);
        assert!(
            p.items
                .iter()
                .any(|it| matches!(it, Item::Text { text, .. } if *text == want)),
            "page {} lacks {want:?}",
            i + 1
        );
    }
}

#[test]
fn long_tables_and_timelines_continue_with_their_headers() {
    let plan = resolve_toml(&big(400), AS_OF);
    let l = layout(&plan, &on(None));
    let has = |p: &carepath_pdf::Page, s: &str| {
        p.items
            .iter()
            .any(|it| matches!(it, Item::Text { text, .. } if text == s))
    };
    let timeline = l
        .document
        .pages
        .iter()
        .filter(|p| has(p, "Timeline") || has(p, "Timeline (continued)"))
        .count();
    let table: Vec<_> = l
        .document
        .pages
        .iter()
        .filter(|p| has(p, "Milestones") || has(p, "Milestones (continued)"))
        .collect();
    assert!(timeline >= 8, "timeline pages: {timeline}");
    assert!(table.len() >= 8, "table pages: {}", table.len());
    for p in &table {
        assert!(has(p, "MILESTONE") && has(p, "STATUS"), "header repeated");
    }
    // Every milestone has its bar label and its table row.
    let all: Vec<&str> = l
        .document
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|it| match it {
            Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    for m in &plan.schedule.milestones {
        let head: String = m.title.chars().take(12).collect();
        let n = all.iter().filter(|t| t.starts_with(&head)).count();
        assert!(n >= 2, "{} appears {n} times", m.id);
    }
}

#[test]
fn characters_the_font_lacks_are_replaced_and_reported() {
    let plan = resolve_toml(NASTY, AS_OF);
    let l = layout(&plan, &on(None));
    assert_eq!(l.warnings.len(), 2, "{:#?}", l.warnings);
    for cp in ["U+1F389", "U+1F9E0"] {
        assert!(l.warnings.iter().any(|w| w.contains(cp)), "{cp}");
    }
    let dump = text_dump(&l);
    let pages = dump.split("=== warnings").next().unwrap();
    assert!(pages.contains("Celebrate \u{FFFD} with the team"));
    assert!(!pages.contains('🎉') && !pages.contains('🧠'));
}

#[test]
fn the_layout_is_a_pure_function_of_its_input() {
    let plan = realistic();
    let a = serde_json::to_string(&layout(&plan, &on(None))).unwrap();
    let b = serde_json::to_string(&layout(&plan, &on(None))).unwrap();
    assert_eq!(a, b);
}

#[test]
fn snapshot_first_page_of_the_realistic_plan() {
    let plan = realistic();
    let l = layout(&plan, &on(None));
    insta::assert_json_snapshot!("realistic_first_page", l.document.pages[0]);
}

#[test]
fn snapshot_text_of_the_realistic_plan() {
    let plan = realistic();
    let l = layout(&plan, &on(None));
    insta::assert_snapshot!("realistic_text", text_dump(&l));
}

#[test]
fn snapshot_text_of_the_nasty_plan() {
    let plan = resolve_toml(NASTY, AS_OF);
    let l = layout(&plan, &on(Some(Paper::A4)));
    insta::assert_snapshot!("nasty_text", text_dump(&l));
}

/// A credential's private `number` is drawn nowhere in the PDF; the credential's id is.
#[test]
fn a_credential_number_is_not_drawn() {
    let plan = resolve_toml(
        "format = 1\ntitle = \"Keep my license\"\nstart = 2026-01-05\n\n[person]\nname = \"Sam Rivera\"\n\
         credentials = [{ id = \"rn-license\", earned = 2021-06-15, jurisdiction = \"US-CA\", number = \"RN 95123456\" }]\n",
        jiff::civil::date(2026, 3, 1),
    );
    let dump = text_dump(&layout(&plan, &on(None)));
    assert!(dump.contains("rn-license"), "{dump}");
    assert!(!dump.contains("95123456"), "{dump}");
}
