//! `carepath init`: a starter plan that passes `check`. In a terminal without flags it asks the
//! few questions a nurse can answer; with flags, or without a terminal, it asks nothing.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use carepath_model::{Format, slug};

use crate::files;
use crate::session::{Env, Failure, Outcome, emit, num, render_diagnostics};
use carepath_model::words::plural;

#[derive(Debug, Clone)]
pub struct Answers {
    pub output: PathBuf,
    pub role: Option<String>,
    pub target: Option<String>,
    pub name: Option<String>,
    pub hours: Option<f64>,
    pub values: Option<Vec<String>>,
    pub force: bool,
}

fn ask(prompt: &str, default: &str) -> Result<String, Failure> {
    let mut err = std::io::stderr();
    if default.is_empty() {
        let _ = write!(err, "{prompt}: ");
    } else {
        let _ = write!(err, "{prompt} [{default}]: ");
    }
    let _ = err.flush();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Failure::usage(format!("cannot read the answer: {e}")))?;
    let line = line.trim();
    Ok(if line.is_empty() {
        default.to_string()
    } else {
        line.to_string()
    })
}

/// Asks for a role by words, offering catalog matches; free text is kept as written.
fn ask_role(env: &Env, prompt: &str, default: &str) -> Result<String, Failure> {
    loop {
        let typed = ask(prompt, default)?;
        if typed.is_empty() {
            continue;
        }
        let choices = super::catalog::role_choices(env, &typed);
        if choices.len() == 1 && choices[0].0 == typed {
            return Ok(typed);
        }
        if choices.is_empty() {
            eprintln!("  \"{typed}\" is not in the catalog; carepath will keep it as free text.");
            return Ok(typed);
        }
        for (i, (id, name)) in choices.iter().enumerate() {
            eprintln!("  {}. {name} ({id})", i + 1);
        }
        eprintln!("  0. none of these: keep \"{typed}\" as free text, or type other words");
        let pick = ask("  Which one", "1")?;
        match pick.parse::<usize>() {
            Ok(0) => return Ok(typed),
            Ok(n) if n <= choices.len() => return Ok(choices[n - 1].0.clone()),
            _ => eprintln!("  Please answer with a number from the list."),
        }
    }
}

use carepath_model::edit::toml_string as toml_str;

pub fn init(env: &Env, mut a: Answers, out: &mut dyn Write) -> Outcome {
    if a.output.exists() && !a.force {
        return Err(Failure::usage(format!(
            "{} already exists; choose another name with -o, or replace it with --force",
            a.output.display()
        )));
    }
    if Format::from_path(&a.output.display().to_string()) != Some(Format::Toml) {
        return Err(Failure::usage(
            "init writes a TOML plan: give -o a name ending in .toml",
        ));
    }
    let no_flags = a.role.is_none()
        && a.target.is_none()
        && a.name.is_none()
        && a.hours.is_none()
        && a.values.is_none();
    if no_flags && std::io::stdin().is_terminal() {
        eprintln!("Let's sketch your plan. Press Enter to keep the suggestion in [brackets].\n");
        a.name = Some(ask("Your name", "")?);
        a.role = Some(ask_role(
            env,
            "Your current role (for example: registered nurse, CNA, lab technician)",
            "",
        )?);
        a.target = Some(ask_role(
            env,
            "The role you aim at (for example: nurse practitioner, data analyst)",
            "",
        )?);
        let hours = ask(
            "Hours a week you can give to study and development, outside shifts",
            "6",
        )?;
        a.hours = Some(
            hours
                .parse()
                .map_err(|_| Failure::usage(format!("{hours:?} is not a number of hours")))?,
        );
        let values = ask(
            "What drives you, separated by commas (patient-care, leadership, family, teaching…)",
            "patient-care",
        )?;
        a.values = Some(
            values
                .split(',')
                .map(|v| slug(v.trim()))
                .filter(|v| !v.is_empty())
                .collect(),
        );
    }
    let (t, n) = starter_text(env, a.clone())?;
    let mut batch = files::Batch::new();
    if a.force {
        batch.add(&a.output, t.into_bytes())?;
    } else {
        // Checked again when the file lands: another program may create it meanwhile.
        batch.add_new(&a.output, t.into_bytes())?;
    }
    batch.commit()?;
    emit(
        out,
        &format!(
            "wrote {} with {}; next: carepath check {0}\n",
            a.output.display(),
            plural(n as i64, "milestone", "milestones")
        ),
    )
}

/// The starter plan's text for the answers, checked, and its number of milestones: what `init`
/// writes, and what `carepath serve --new` writes from its start form.
pub fn starter_text(env: &Env, a: Answers) -> Result<(String, usize), Failure> {
    let name = a
        .name
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "Your Name".into());
    let hours = a.hours.unwrap_or(6.0);
    if !(hours > 0.0 && hours <= 80.0) {
        return Err(Failure::usage(format!(
            "--hours {}: give the hours a week you can really spare, more than 0 and at most 80",
            num(hours)
        )));
    }
    let values = a.values.unwrap_or_else(|| vec!["patient-care".into()]);
    let values = if values.is_empty() {
        vec!["patient-care".to_string()]
    } else {
        values
    };
    let cat = env.catalog();
    let role_name = |id: &str| cat.role(id).map_or(id.to_string(), |r| r.name.clone());
    let start = env.as_of;

    let mut t = String::new();
    t.push_str(&format!(
        "# A carepath plan, started with `carepath init` on {start}.\n"
    ));
    t.push_str(
        "# Check it with `carepath check`, see it with `carepath show`, log progress with\n",
    );
    t.push_str("# `carepath log FILE MILESTONE AMOUNT`. Every field is explained in docs/plan-format.md.\n");
    t.push_str("format = 1\n");
    let title = match (&a.role, &a.target) {
        (Some(r), Some(g)) => format!("{} to {}", role_name(r), role_name(g)),
        (_, Some(g)) => format!("Becoming a {}", role_name(g)),
        _ => "My healthcare career plan".to_string(),
    };
    t.push_str(&format!("title = {}\n", toml_str(&title)));
    t.push_str(&format!(
        "start = {start}\n\n[person]\nname = {}\n",
        toml_str(&name)
    ));
    let mut held: Vec<String> = Vec::new();
    if let Some(r) = &a.role {
        t.push_str(&format!("role = {}  # your current role\n", toml_str(r)));
        if let Some(role) = cat.role(r) {
            held.extend(role.requires.all_of.iter().cloned());
            held.extend(role.requires.any_of.first().cloned());
        }
    }
    t.push_str("region = \"US\"  # decides the default paper size of the PDF\n");
    let quoted = |v: &[String]| v.iter().map(|s| toml_str(s)).collect::<Vec<_>>().join(", ");
    t.push_str(&format!(
        "credentials = [{}]  # what you hold now: catalog ids or free text\n",
        quoted(&held)
    ));
    t.push_str(&format!(
        "values = [{}]  # what drives you\n",
        quoted(&values)
    ));
    t.push_str("interests = []\n\n");
    t.push_str("# The work-life-balance budget: only the hours you can really give.\n[capacity]\n");
    t.push_str(&format!(
        "hours_per_week = {}\nmax_parallel = 2\n\n",
        num(hours)
    ));

    let route = match (&a.role, &a.target) {
        (Some(r), Some(g)) if cat.role(r).is_some() && cat.role(g).is_some() => {
            let held_refs: Vec<&str> = held.iter().map(String::as_str).collect();
            cat.path_holding(r, g, &held_refs)
        }
        _ => None,
    };
    let goal_id = match &a.target {
        Some(g) => format!("become-{}", slug(g)),
        None => "next-step".into(),
    };
    let months = route.as_ref().map_or(12, |r| r.total_months.max(1)) + 6;
    let by = start.saturating_add(jiff::Span::new().months(i64::from(months)));
    if let Some(g) = &a.target {
        t.push_str(&format!(
            "[target]\nrole = {}\nby = {by}  # when you want to be there\n\n",
            toml_str(g)
        ));
    }
    t.push_str(&format!("[[goals]]\nid = \"{goal_id}\"\n"));
    match &a.target {
        Some(g) => t.push_str(&format!(
            "title = {}\n",
            toml_str(&format!("Work as a {} by {by}", role_name(g)))
        )),
        None => t.push_str("title = \"Choose my next role with a mentor\"\n"),
    }
    let goal_due = if a.target.is_some() {
        by
    } else {
        start.saturating_add(jiff::Span::new().months(6))
    };
    t.push_str(&format!(
        "due = {goal_due}\nvalues = [{}]\n",
        toml_str(&values[0])
    ));
    t.push_str("measure = { metric = \"role reached\", target = 1, unit = \"role\" }\n\n");

    // One conversation first: the guides all start with a mentor.
    t.push_str("[[milestones]]\nid = \"talk-to-a-mentor\"\ntitle = \"Talk with a mentor or manager about this plan\"\n");
    t.push_str(&format!(
        "kind = \"mentorship\"\ngoal = \"{goal_id}\"\neffort_hours = 2\ndue = {}\n\n",
        start.saturating_add(jiff::Span::new().days(30))
    ));
    match &route {
        Some(r) => {
            let mut in_milestone = false;
            for line in r
                .to_milestones_toml(&slug(a.target.as_deref().unwrap_or("path")))
                .lines()
            {
                if line.trim() == "[[milestones]]" {
                    in_milestone = true;
                }
                t.push_str(line);
                t.push('\n');
                if in_milestone && line.starts_with("id = ") {
                    t.push_str(&format!("goal = \"{goal_id}\"\n"));
                    in_milestone = false;
                }
            }
        }
        None if a.target.is_some() => {
            t.push_str(
                "# The catalog knows no route between these roles; add your own milestones here.\n",
            );
        }
        None => {}
    }
    let checked = carepath_model::check(t.as_bytes(), Format::Toml, env.knowledge());
    if checked.has_errors() {
        let shown = a.output.display().to_string();
        let errs = crate::session::errors_of(&checked.diagnostics);
        eprint!("{}", render_diagnostics(env, &shown, &t, &errs));
        return Err(Failure::usage(
            "the starter plan did not pass its own check; nothing was written (please report this)",
        ));
    }
    let n = checked
        .plan
        .as_ref()
        .map_or(0, |p| p.plan().milestones.len());
    Ok((t, n))
}
