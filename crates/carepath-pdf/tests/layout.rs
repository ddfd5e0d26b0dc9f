//! The layout step, without PDF: snapshots of what goes where, and the geometry a reader would
//! notice when it is wrong (text off the page, text over text, text wider than its column).

mod support;

use carepath_export::Paper;
use carepath_model::ResolvedPlan;
use carepath_pdf::layout::{MARGIN, layout};
use carepath_pdf::{Item, Layout, PdfOptions};
use jiff::civil::date;
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
    plans.push(("credentials".into(), credentials_plan()));
    plans.push(("30 credentials".into(), many_credentials(30)));
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

/// A credential's private `number` is drawn nowhere in the PDF; the credential's id is. The
/// same with the Credentials and renewals section drawn: the number is in the plan it was read
/// from, and on none of the pages.
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

    let plan = credentials_plan();
    let held = plan
        .plan
        .person
        .credentials
        .iter()
        .find(|c| c.id == "rn-license");
    assert_eq!(
        held.and_then(|c| c.number.as_deref()),
        Some("RN 95123456"),
        "the plan carries the number"
    );
    let dump = text_dump(&layout(&plan, &on(None)));
    assert!(dump.contains("Registered nurse license"), "{dump}");
    assert!(dump.contains("US-CA"), "{dump}");
    assert!(!dump.contains("95123456"), "{dump}");
}

// ── Credentials and renewals ────────────────────────────────────────────────────────────────

const SECTION: &str = "Credentials and renewals";

fn has_text(p: &carepath_pdf::Page, s: &str) -> bool {
    p.items
        .iter()
        .any(|it| matches!(it, Item::Text { text, .. } if text == s))
}

/// The pages of the section: the one that starts it and those that continue it.
fn section_pages(l: &Layout) -> Vec<&carepath_pdf::Page> {
    let cont = format!("{SECTION} (continued)");
    l.document
        .pages
        .iter()
        .filter(|p| has_text(p, SECTION) || has_text(p, &cont))
        .collect()
}

/// The text run that is exactly `s`, on the page.
fn run<'a>(p: &'a carepath_pdf::Page, s: &str) -> Option<&'a Item> {
    p.items
        .iter()
        .find(|it| matches!(it, Item::Text { text, .. } if text == s))
}

fn color_of(item: Option<&Item>) -> String {
    match item {
        Some(Item::Text { color, .. }) => serde_json::to_string(color).unwrap(),
        other => panic!("not a text run: {other:?}"),
    }
}

#[test]
fn the_credentials_section_shows_every_figure_of_every_credential() {
    let plan = credentials_plan();
    for paper in [Some(Paper::A4), Some(Paper::Letter)] {
        let l = layout(&plan, &on(paper));
        let pages = section_pages(&l);
        assert_eq!(pages.len(), 1, "four credentials fit on one page");
        let text = squashed_text(pages[0]);
        for want in [
            // CCRN: the name, the status, the expiry, each requirement with its figures, the
            // practice forecast, the renewal with its due date and its late forecast finish.
            "CCRN (Adult): acute/critical care nursing certification",
            "at risk",
            "Expires 2027-06-30",
            "earned 2024-07-01",
            "renews every 36 months",
            "Renewal rule: AACN: CCRN renewal by CERPs (test data)",
            "This cycle 2024-07-01 → 2027-06-30",
            "submit by 2027-05-31",
            "CE in total: 54 of 100 CERPs",
            "46 left",
            "Category A: 38 of 60 CERPs",
            "22 left",
            "Category B: 10 of 10 CERPs",
            "met",
            "Category C: 6 of 10 CERPs",
            "Practice: 380 of 432 hours",
            "52 left, 470 by the expiry",
            "Renewal “Renew CCRN: 46 CERPs of CE” · due 2027-05-31 · forecast finish 2027-07-19 \
             (49 days late)",
            // BLS: end-of-month expiry, a course, current; its next cycle on one line.
            "BLS Provider",
            "current",
            "Expires 2027-03-31",
            "Renewal course: 0 of 4 hours",
            "forecast finish 2027-02-19 (10 days spare)",
            "Later cycle 2027-04-01 → 2029-03-31 · submit by 2029-03-01 · a course of 4 hours",
            // The RN license: its jurisdiction, an unverified rule for it, contact hours.
            "Registered nurse license",
            "US-CA · Expires 2027-06-30",
            "Renewal rule for US-CA: California BRN: RN license renewal (test data)",
            "unverified:",
            "CE in total: 12 of 30 contact hours",
            "18 left",
            "Later cycle 2027-07-01 → 2029-06-30 · submit by 2029-05-31 · 30 contact hours",
            // No expiry known.
            "TNCC (Trauma Nursing Core Course)",
            "unknown",
            "Expiry unknown",
            "No renewal rule known",
        ] {
            assert!(
                text.contains(&squash(want)),
                "{paper:?}: no {want:?} on the page:\n{text}"
            );
        }
        // The unverified mark is only on the rule that is unverified.
        assert_eq!(text.matches("unverified").count(), 1, "{text}");
        // Milestones by their titles, never by their ids.
        for m in plan.schedule.milestones.iter().filter(|m| m.renewal) {
            assert!(!text.contains(&m.id), "{} drawn", m.id);
        }
    }
}

#[test]
fn credential_status_and_a_late_renewal_have_the_milestones_colours() {
    let plan = credentials_plan();
    let l = layout(&plan, &on(None));
    let page = section_pages(&l)[0];
    let amber = "\"#b7791f\"";
    let red = "\"#c53030\"";
    assert_eq!(color_of(run(page, "at risk")), amber, "at risk is amber");
    assert_eq!(color_of(run(page, "(49 days late)")), red, "late is red");
    assert_eq!(
        color_of(run(page, "· forecast finish 2027-07-19")),
        red,
        "a late forecast finish is red"
    );
    assert_ne!(color_of(run(page, "(10 days spare)")), red);
    assert_eq!(color_of(run(page, "· unverified:")), amber);
    // A lapsed credential is red, the way a late milestone is.
    let mut lapsed = plan.clone();
    lapsed.schedule.credentials[3].status = carepath_model::CredentialState::Lapsed;
    let l = layout(&lapsed, &on(None));
    assert_eq!(color_of(run(section_pages(&l)[0], "lapsed")), red);
}

/// Each requirement's bar: its filled part inside its track, as long as the share counted.
#[test]
fn requirement_bars_stay_in_their_track_and_show_the_share_counted() {
    let mut plan = credentials_plan();
    // More counted than required fills the bar, and no more.
    plan.schedule.credentials[0].cycles[0].requirements[2].counted = 14.0;
    let l = layout(&plan, &on(None));
    let page = section_pages(&l)[0];
    let rects: Vec<(f32, f32, f32, String)> = page
        .items
        .iter()
        .filter_map(|it| match it {
            Item::Rect {
                x,
                y,
                w,
                fill: Some(c),
                h,
                ..
            } if *h == 6.0 => Some((*x, *y, *w, serde_json::to_string(c).unwrap())),
            _ => None,
        })
        .collect();
    let track = "\"#e1e7ec\"";
    let tracks: Vec<_> = rects.iter().filter(|r| r.3 == track).collect();
    // Five CCRN requirements, one BLS course, one RN license total.
    assert_eq!(tracks.len(), 7, "{rects:?}");
    for r in rects.iter().filter(|r| r.3 != track) {
        let t = tracks
            .iter()
            .find(|t| (t.1 - r.1).abs() < 0.01)
            .unwrap_or_else(|| panic!("a bar without a track: {r:?}"));
        assert!(
            r.0 >= t.0 - 0.01 && r.0 + r.2 <= t.0 + t.2 + 0.01,
            "{r:?} out of {t:?}"
        );
    }
    let share = |y: f32, color: &str| {
        let t = tracks.iter().find(|t| (t.1 - y).abs() < 0.01).unwrap();
        let b = rects
            .iter()
            .find(|r| (r.1 - y).abs() < 0.01 && r.3 == color)
            .unwrap();
        b.2 / t.2
    };
    let teal = "\"#0b6e79\"";
    let green = "\"#2f855a\"";
    let ys: Vec<f32> = tracks.iter().map(|t| t.1).collect();
    assert!((share(ys[0], teal) - 0.54).abs() < 0.01, "54 of 100");
    assert!((share(ys[1], teal) - 38.0 / 60.0).abs() < 0.01, "38 of 60");
    assert!((share(ys[2], green) - 1.0).abs() < 0.01, "14 of 10, met");
    assert!(
        (share(ys[4], teal) - 380.0 / 432.0).abs() < 0.01,
        "380 of 432"
    );
}

#[test]
fn the_section_only_with_credentials() {
    for (name, plan) in fixtures()
        .into_iter()
        .chain([("realistic".to_string(), realistic())])
    {
        let l = layout(&plan, &on(None));
        let dump = text_dump(&l);
        if plan.schedule.credentials.is_empty() {
            assert!(!dump.contains(SECTION), "{name}: {dump}");
            assert!(!dump.contains("Credential renewals"), "{name}");
            assert!(!dump.contains("renewal of a credential"), "{name}: legend");
        } else {
            // The fixtures with dated credentials (the RN and NP plans) have the section.
            assert!(dump.contains(SECTION), "{name}");
        }
    }
    let mut plan = credentials_plan();
    plan.schedule.credentials.clear();
    plan.schedule.milestones.retain(|m| !m.renewal);
    let dump = text_dump(&layout(&plan, &on(None)));
    assert!(!dump.contains(SECTION), "{dump}");
}

#[test]
fn the_section_follows_the_profile_which_points_to_it() {
    let plan = credentials_plan();
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
    let profile = firsts.iter().position(|f| f == "Profile").expect("profile");
    assert_eq!(firsts[profile + 1], SECTION, "{firsts:?}");
    let text = squashed_text(&l.document.pages[profile]);
    assert!(
        text.contains(&squash("see “Credentials and renewals”, the next section")),
        "{text}"
    );
    // The old list (every N months, source) is gone from the profile.
    assert!(!text.contains("everyN"), "{text}");
    assert!(!text.contains("source:"), "{text}");
}

#[test]
fn thirty_credentials_continue_across_pages_each_kept_whole() {
    let plan = many_credentials(30);
    for paper in [Some(Paper::A4), Some(Paper::Letter)] {
        let l = layout(&plan, &on(paper));
        let pages = section_pages(&l);
        assert!(pages.len() >= 3, "{paper:?}: {} pages", pages.len());
        assert!(has_text(pages[0], SECTION));
        for p in &pages[1..] {
            assert!(has_text(p, &format!("{SECTION} (continued)")));
        }
        for c in &plan.schedule.credentials {
            // The whole name (wrapped or not), its cycle and its bars on one page.
            let name = squash(&c.name);
            let on: Vec<_> = pages
                .iter()
                .filter(|p| squashed_text(p).contains(&name))
                .collect();
            assert_eq!(on.len(), 1, "{paper:?}: {:?} on {} pages", c.name, on.len());
            let text = squashed_text(on[0]);
            let after = &text[text.find(&name).unwrap()..];
            for want in [
                "Thiscycle2024-07-01",
                "CEintotal:54of100CERPs",
                "CategoryB:10of10CERPs",
            ] {
                assert!(
                    after.contains(want),
                    "{:?} lacks {want} on its page",
                    c.name
                );
            }
        }
        // Every page of the section stays inside the printable area, text over no text.
        let problems = geometry_problems(&l);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}

#[test]
fn renewal_milestones_stand_out_on_the_timeline_by_title() {
    let plan = credentials_plan();
    let l = layout(&plan, &on(None));
    let timeline = l
        .document
        .pages
        .iter()
        .find(|p| has_text(p, "Timeline"))
        .unwrap();
    assert!(has_text(timeline, "↻ renewal of a credential"), "legend");
    let labels: Vec<&str> = timeline
        .items
        .iter()
        .filter_map(|it| match it {
            Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    let joined = squash(&labels.join(" "));
    for m in &plan.schedule.milestones {
        let want = if m.renewal {
            squash(&format!("↻ {}", m.title))
        } else {
            squash(&m.title)
        };
        assert!(joined.contains(&want), "no {want:?} on the timeline");
    }
    // Their bars (none started: the light tint of the renewal colour) and the legend's swatch
    // have the renewal colour; no other bar has it.
    let count = |hex: &str| {
        timeline
            .items
            .iter()
            .filter(|it| {
                matches!(it, Item::Rect { fill: Some(c), h, .. }
                    if *h == 7.0 && serde_json::to_string(c).unwrap() == format!("\"{hex}\""))
            })
            .count()
    };
    let renewals = plan
        .schedule
        .milestones
        .iter()
        .filter(|m| m.renewal)
        .count();
    assert_eq!(renewals, 5);
    assert_eq!(count("#7a8b1e"), 1, "the legend's swatch");
    assert_eq!(count("#c3cb9a"), renewals, "a renewal-coloured bar each");
    // The table says whose renewal it is, by the credential's name.
    let table = l
        .document
        .pages
        .iter()
        .find(|p| has_text(p, "Milestones"))
        .unwrap();
    let text = squashed_text(table);
    assert!(text.contains(&squash(
        "Continuing education · renewal of Registered nurse"
    )));
    assert!(text.contains(&squash("Training · renewal of BLS Provider")));
}

/// The summary of a plan with shifts names its heaviest weeks once per load: a two-week rotation
/// repeats the same week, and its weeks of one load are one line (how many, the first and the
/// last), not the same figures again and again. A load lighter than the average week is not
/// among the heaviest.
#[test]
fn heaviest_weeks_are_one_line_per_load() {
    let p = resolve_toml(&fixture("icu-rotation.toml"), date(2026, 11, 22));
    let l = layout(&p, &on(None));
    let page = squashed_text(&l.document.pages[0]);
    assert_eq!(page.matches(&squash("Heaviest weeks")).count(), 1, "{page}");
    let week_a = squash(
        "54 h (50 h of shifts, 4 h of study): 6 weeks, the first the week of 2026-11-30, the last the week of 2027-04-19",
    );
    assert_eq!(page.matches(&week_a).count(), 1, "{page}");
    // Each load once (here without the catalog: no renewals, so one week of 52 h), and the light
    // weeks B (31 h) not at all.
    assert_eq!(page.matches(&squash("54 h (50 h of shifts")).count(), 1);
    assert!(!page.contains(&squash("31 h (25 h of shifts")), "{page}");
    // A plan without shifts says nothing of the kind.
    let plain = layout(&realistic(), &on(None));
    assert!(!squashed_text(&plain.document.pages[0]).contains(&squash("Heaviest weeks")));
}

/// The warnings about shifts are on the summary page as notes, with their code and hint, as
/// `check` gives them (here W021: every week's shifts alone pass the limit).
#[test]
fn shift_warnings_are_notes_on_the_summary() {
    let p = resolve_toml(&fixture("bad/shifts-over-limit.toml"), date(2026, 11, 22));
    assert_eq!(p.schedule.shift_warnings.len(), 1);
    let l = layout(&p, &on(None));
    let page = squashed_text(&l.document.pages[0]);
    assert!(
        page.contains(&squash(
            "pass max_week_hours = 45, the first the week of 2026-01-05"
        )) && page.contains(&squash("(W021; raise max_week_hours")),
        "{page}"
    );
}
