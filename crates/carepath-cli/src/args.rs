//! The command line, as clap parses it. Every value is checked into its real type here, where it
//! is parsed ("parse, don't validate"): dates are dates, amounts are positive numbers, a
//! delimiter is one character; the commands never see the raw text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

#[derive(Debug, Parser)]
#[command(
    name = "carepath",
    version,
    about = "Map a healthcare career: check a plan, schedule it within your hours, judge goals by SMART, track progress and export it.",
    after_help = "Start with `carepath init`, then `carepath check plan.toml` and `carepath show plan.toml`.\nThe plan format: docs/plan-format.md."
)]
pub struct Cli {
    /// The day to plan from, YYYY-MM-DD (default: today, or SOURCE_DATE_EPOCH when set).
    #[arg(long, global = true, value_name = "DATE", value_parser = date)]
    pub as_of: Option<Date>,
    /// A catalog file that extends or overrides the built-in one.
    #[arg(long, global = true, value_name = "FILE")]
    pub catalog: Option<PathBuf>,
    /// When to use colour (honours NO_COLOR).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Output for people (text) or programs (json): check, status, gap, path, explore, compare.
    #[arg(long, global = true, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    A4,
    Letter,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read and validate a plan, schedule it and check every goal against SMART.
    Check {
        plan: PathBuf,
        /// Also fail (exit 1) on late milestones, failed SMART criteria and lapsed credentials.
        #[arg(long)]
        strict: bool,
    },
    /// The plan in the terminal: a timeline, goals with SMART marks, the next 90 days.
    Show { plan: PathBuf },
    /// Progress as of the as-of date, per milestone and goal.
    Status { plan: PathBuf },
    /// Each credential: its expiry and status, what its renewal requires, what the CE log
    /// counts toward it, and the renewal milestone the plan places.
    Credentials { plan: PathBuf },
    /// Append one progress entry to the plan file, keeping everything else as it was.
    Log {
        plan: PathBuf,
        /// The milestone id.
        milestone: String,
        /// How much was done: in the milestone's measure unit, else hours.
        #[arg(value_parser = amount)]
        amount: Amount,
        /// The day of the work (default: the as-of date).
        #[arg(long, value_name = "DATE", value_parser = date)]
        date: Option<Date>,
        /// A short note.
        #[arg(long)]
        note: Option<String>,
        /// Who it was with: the id of a person of the plan's network (repeat, or separate
        /// with commas, for several).
        #[arg(long = "with", value_name = "PERSON", value_delimiter = ',')]
        with: Vec<String>,
    },
    /// The person's network: each person of the plan, their relation, last and next contact
    /// (overdue ones first), and the milestones they are part of.
    People { plan: PathBuf },
    /// Append one continuing-education activity to the plan's CE log, keeping the rest as it was.
    #[command(
        after_help = "Example: carepath ce plan.toml 2 --title \"Sepsis bundle update\" --category A --topic pharmacology=0.5 --for ccrn,rn-license\nThe plan is checked with the new entry before it is written; if the entry would make it invalid, nothing is written."
    )]
    Ce {
        plan: PathBuf,
        /// The contact hours it gave (or the credential's unit: CERPs, credits, CEUs).
        #[arg(value_parser = ce_hours)]
        hours: Amount,
        /// What the activity was.
        #[arg(long, value_parser = title)]
        title: String,
        /// The day of the activity (default: the as-of date).
        #[arg(long, value_name = "DATE", value_parser = date)]
        date: Option<Date>,
        /// Its category, for rules that count categories (such as A).
        #[arg(long, value_parser = label)]
        category: Option<String>,
        /// Hours of HOURS spent on a topic, as NAME=HOURS; repeat it for each topic.
        #[arg(long = "topic", value_name = "NAME=HOURS", value_parser = topic)]
        topics: Vec<Topic>,
        /// The credentials it counts for, comma-separated (default: every held credential whose
        /// renewal takes CE).
        #[arg(long = "for", value_name = "ID[,ID...]", value_delimiter = ',', value_parser = credential)]
        counts_for: Vec<String>,
        /// Who gave it (such as AACN).
        #[arg(long, value_parser = label)]
        provider: Option<String>,
        /// A short note.
        #[arg(long)]
        note: Option<String>,
    },
    /// Export the plan: --to pdf,csv,ics,json or an external exporter's name.
    Export {
        plan: PathBuf,
        /// Comma-separated formats.
        #[arg(long, value_delimiter = ',', required = true, value_name = "FORMATS")]
        to: Vec<String>,
        /// A directory (existing, or ending in /), a file (one format), or - for stdout.
        #[arg(short, long, value_name = "OUT", value_parser = non_empty)]
        output: Option<String>,
        #[command(flatten)]
        formats: FormatOptions,
        #[command(flatten)]
        plugins: PluginOptions,
        #[command(flatten)]
        privacy: RedactOptions,
    },
    /// Write a copy of the plan without its private fields (docs/privacy.md) that still checks
    /// and schedules like the original.
    Redact {
        plan: PathBuf,
        /// Where to write the copy (such as share.toml); never the plan itself.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// The name written instead of the person's (default: the initials).
        #[arg(long, value_name = "TEXT", value_parser = pseudonym)]
        pseudonym: Option<String>,
        /// Keep the comments (they are free text and are removed by default).
        #[arg(long)]
        keep_comments: bool,
    },
    /// Every plan of a roster at once: cohort.csv, expiries.csv, problems.csv, cohort.jsonl
    /// and each person's own exports (docs/cohort.md).
    #[command(
        after_help = "ROSTER is a folder of plans (.toml, .json, recursively) or a CSV file with a `plan` column\n(paths relative to the CSV) and optional `unit`, `group`, `manager` and other columns.\nA plan with errors does not stop the run: it is listed in problems.csv and the exit code is 1."
    )]
    Cohort {
        roster: PathBuf,
        /// The folder to write into (default: cohort/).
        #[arg(short, long, value_name = "DIR", default_value = "cohort")]
        output: PathBuf,
        /// Each person's own exports too, into DIR/people/PLAN/: pdf,csv,ics,json.
        #[arg(long, value_delimiter = ',', value_name = "FORMATS")]
        to: Vec<String>,
        /// Plans read at once (default: one per core).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
        jobs: Option<u16>,
        /// The window of expiries.csv: credentials that expire within DAYS of the as-of date.
        #[arg(long, value_name = "DAYS", default_value_t = 90, value_parser = clap::value_parser!(u32).range(0..=3660))]
        expiring_within: u32,
        /// People as P001, P002, … in roster order, without their private fields.
        #[arg(long)]
        redact: bool,
        /// With --redact, write the map from pseudonym to plan into DIR/key.csv.
        #[arg(long, requires = "redact")]
        keep_key: bool,
    },
    /// List the exporters: built-in ones and carepath-export-NAME programs on PATH.
    Exporters,
    /// The built-in catalog of healthcare roles and credentials.
    Catalog {
        #[command(subcommand)]
        command: CatalogCommand,
    },
    /// What you lack for the target role: credentials, experience, education.
    Gap { plan: PathBuf },
    /// The fastest route between two roles through the career ladder.
    Path {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        /// The region to route in: its steps, requirements and pay figures (US, CA-ON, GB);
        /// without it, a US route.
        #[arg(long, value_parser = region)]
        region: Option<String>,
        /// Print the steps as plan milestones to paste into a plan.
        #[arg(long)]
        emit_milestones: bool,
    },
    /// Roles you could move to, ranked against your plan: values, interests, skills, pay,
    /// outlook and distance, each part shown (docs/explore.md).
    #[command(
        after_help = "Example: carepath explore plan.toml --non-clinical --max-months 36 --weight values=2,pay=0\nThe score's parts and their weights: docs/explore.md."
    )]
    Explore {
        plan: PathBuf,
        /// The region whose figures to use, instead of the plan's person.region (US, CA-ON, GB).
        #[arg(long, value_parser = region)]
        region: Option<String>,
        /// Only roles reached within N months (typical, along the fastest route).
        #[arg(long, value_name = "N")]
        max_months: Option<u32>,
        /// Only roles whose known route costs are at most N (in the route's currency).
        #[arg(long, value_name = "N", value_parser = money)]
        max_cost: Option<f64>,
        /// Only roles whose pay, in the region's figure, is at least N a year.
        #[arg(long, value_name = "N", value_parser = money)]
        min_pay: Option<f64>,
        /// Only clinical roles.
        #[arg(long, conflicts_with = "non_clinical")]
        clinical: bool,
        /// Only non-clinical roles.
        #[arg(long)]
        non_clinical: bool,
        /// Only roles without shift work.
        #[arg(long)]
        no_shifts: bool,
        /// How many roles to show.
        #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=200))]
        limit: u32,
        /// Weights of the score's parts, as PART=W comma-separated (values, interests, skills,
        /// pay, outlook, distance; default 1 each).
        #[arg(long = "weight", value_name = "PART=W[,...]", value_delimiter = ',', value_parser = weight)]
        weights: Vec<(carepath_catalog::explore::Part, f64)>,
    },
    /// Two to four roles side by side: pay, outlook, education, credentials, route, tags, sources.
    Compare {
        /// Catalog role ids.
        #[arg(required = true, num_args = 2..=4, value_name = "ROLE")]
        roles: Vec<String>,
        /// A plan whose region picks the figures and whose role the routes start from.
        #[arg(long, value_name = "PLAN")]
        plan: Option<PathBuf>,
    },
    /// Write a starter plan that passes `check`; asks questions in a terminal.
    Init {
        /// Where to write the plan.
        #[arg(short, long, default_value = "plan.toml")]
        output: PathBuf,
        /// Your current role (a catalog id, or free text).
        #[arg(long)]
        role: Option<String>,
        /// The role you aim at.
        #[arg(long)]
        target: Option<String>,
        /// Your name.
        #[arg(long)]
        name: Option<String>,
        /// Hours a week you can give to development (more than 0, at most 80).
        #[arg(long, value_parser = weekly_hours)]
        hours: Option<f64>,
        /// What drives you, comma-separated (patient-care, leadership, …).
        #[arg(long, value_delimiter = ',')]
        values: Option<Vec<String>>,
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
    },
    /// The plan in your browser: a local page to read, log and download it (127.0.0.1 only).
    Serve {
        plan: PathBuf,
        /// Start a new plan: the page asks `init`'s questions and writes PLAN from the answers.
        #[arg(long)]
        new: bool,
        /// The port (default: a free one).
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Open the page in the default browser.
        #[arg(long)]
        open: bool,
        /// Listen on this address instead of 127.0.0.1 (with a warning).
        #[arg(long, value_name = "ADDR")]
        listen: Option<std::net::IpAddr>,
    },
    /// Print the JSON Schema of the plan format.
    Schema,
    /// Print shell completions.
    Completions { shell: clap_complete::Shell },
}

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Every role, by track.
    List,
    /// One role or credential.
    Show { id: String },
    /// Roles and credentials matching words.
    Search {
        #[arg(required = true)]
        words: Vec<String>,
    },
}

/// The built-in exporters' options on the command line.
#[derive(Debug, Clone, Args)]
pub struct FormatOptions {
    /// Calendar reminders, in days before each event (default 14,1).
    #[arg(long, value_delimiter = ',', value_name = "DAYS", value_parser = reminder_days)]
    pub remind: Option<Vec<u32>>,
    /// Also write milestones as calendar tasks (VTODO).
    #[arg(long)]
    pub todo: bool,
    /// Calendar reminders before a credential expires, in days (default 90,60,30,7).
    #[arg(long, value_delimiter = ',', value_name = "DAYS", value_parser = reminder_days)]
    pub remind_expiry: Option<Vec<u32>>,
    /// Write a UTF-8 byte-order mark in CSV files (for older Excel).
    #[arg(long)]
    pub bom: bool,
    /// CSV field delimiter, such as ';' for locales that use a decimal comma, or tab.
    #[arg(long, value_name = "CHAR", value_parser = delimiter)]
    pub delimiter: Option<char>,
    /// One CSV table: milestones, goals, progress, weekly-load, renewals, credentials,
    /// ce-requirements, ce.
    #[arg(long, value_name = "NAME")]
    pub table: Option<String>,
    /// PDF page size (default: letter for region US, a4 elsewhere).
    #[arg(long, value_enum)]
    pub paper: Option<PaperArg>,
}

/// `--redact` and `--pseudonym`, for `export`.
#[derive(Debug, Clone, Args)]
pub struct RedactOptions {
    /// Leave the private fields out of every output (docs/privacy.md) and write a pseudonym
    /// instead of the name.
    #[arg(long)]
    pub redact: bool,
    /// The name written instead of the person's with --redact (default: the initials).
    #[arg(long, value_name = "TEXT", requires = "redact", value_parser = pseudonym)]
    pub pseudonym: Option<String>,
}

/// Limits for external exporters.
#[derive(Debug, Clone, Args)]
pub struct PluginOptions {
    /// Seconds an external exporter may run before it is stopped.
    #[arg(long, value_name = "SECONDS", default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub plugin_timeout: u64,
    /// Bytes of output an external exporter may write (default 256 MiB).
    #[arg(long, value_name = "BYTES", default_value_t = 256 * 1024 * 1024, value_parser = clap::value_parser!(u64).range(1..))]
    pub plugin_max_bytes: u64,
}

/// A logged amount: a finite number above zero.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Amount(pub f64);

fn date(s: &str) -> Result<Date, String> {
    carepath_model::read::parse_date(s)
}

fn amount(s: &str) -> Result<Amount, String> {
    match s.trim().parse::<f64>() {
        Ok(a) if a.is_finite() && a > 0.0 => Ok(Amount(a)),
        _ => Err("the amount must be a positive number (hours, or the milestone's unit)".into()),
    }
}

/// CE hours: a finite number above zero that the plan format can hold.
fn ce_hours(s: &str) -> Result<Amount, String> {
    match s.trim().parse::<f64>() {
        Ok(h) if h.is_finite() && h > 0.0 && h <= carepath_model::read::MAX_AMOUNT => Ok(Amount(h)),
        Ok(h) if h.is_finite() && h > 0.0 => Err(format!(
            "the hours must be at most {}",
            carepath_model::numbers::grouped(carepath_model::read::MAX_AMOUNT)
        )),
        _ => Err(
            "the hours must be a number above 0 (contact hours, or the credential's unit)".into(),
        ),
    }
}

/// Hours spent on one topic of a CE activity (`--topic pharmacology=0.5`).
#[derive(Debug, Clone, PartialEq)]
pub struct Topic {
    pub name: String,
    pub hours: f64,
}

fn topic(s: &str) -> Result<Topic, String> {
    let usage = "write a topic as NAME=HOURS, such as pharmacology=0.5";
    let Some((name, hours)) = s.rsplit_once('=') else {
        return Err(usage.into());
    };
    let name = label(name).map_err(|e| format!("{e}; {usage}"))?;
    match hours.trim().parse::<f64>() {
        Ok(h) if h.is_finite() && h > 0.0 && h <= carepath_model::read::MAX_AMOUNT => {
            Ok(Topic { name, hours: h })
        }
        _ => Err(format!(
            "the hours of the topic `{name}` must be a number above 0; {usage}"
        )),
    }
}

/// The most days ahead a reminder may be set: ten years, longer than any renewal cycle.
const MAX_REMINDER_DAYS: u32 = 3660;

/// One reminder of `--remind` or `--remind-expiry`: whole days before the event.
fn reminder_days(s: &str) -> Result<u32, String> {
    match s.trim().parse::<u32>() {
        Ok(n) if n <= MAX_REMINDER_DAYS => Ok(n),
        _ => Err(format!(
            "a reminder is a whole number of days before the event, 0 to {MAX_REMINDER_DAYS}, \
             such as 30 (several: 90,60,30,7)"
        )),
    }
}

/// A text that names something (a category, a topic, a provider): not blank, one line, no
/// control characters; surrounding spaces are dropped.
fn label(s: &str) -> Result<String, String> {
    let t = s.trim();
    if t.is_empty() {
        return Err("the name is empty".into());
    }
    if t.chars().any(char::is_control) {
        return Err("the name holds a control character (such as a line break or a tab)".into());
    }
    Ok(t.to_string())
}

fn title(s: &str) -> Result<String, String> {
    label(s).map_err(|_| {
        "give the activity's title on one line, such as --title \"Sepsis bundle update\"".into()
    })
}

/// A credential's id as the plan names it (`ccrn`, `rn-license`).
fn credential(s: &str) -> Result<String, String> {
    label(s).map_err(|e| {
        format!("{e}; --for takes the ids of credentials, comma-separated, such as ccrn,rn-license")
    })
}

/// A pseudonym: one line of text, not blank.
fn pseudonym(s: &str) -> Result<String, String> {
    label(s).map_err(|e| format!("{e}; a pseudonym is a short name on one line, such as P001"))
}

fn delimiter(d: &str) -> Result<char, String> {
    match d {
        "\\t" | "tab" | "\t" => Ok('\t'),
        _ => {
            let mut chars = d.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(c),
                _ => Err("--delimiter takes one character, such as ';' or tab".into()),
            }
        }
    }
}

fn non_empty(s: &str) -> Result<String, String> {
    if s.is_empty() {
        Err("-o needs a place: a directory (out/), a file (plan.pdf), or - for stdout".into())
    } else {
        Ok(s.to_string())
    }
}

fn weekly_hours(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(h) if h > 0.0 && h <= 80.0 => Ok(h),
        _ => Err("give the hours a week you can really spare, more than 0 and at most 80".into()),
    }
}

/// An ISO 3166 code such as US, CA-ON or GB, upper-cased.
fn region(s: &str) -> Result<String, String> {
    let t = s.trim();
    let ok =
        !t.is_empty() && t.len() <= 6 && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if ok {
        Ok(t.to_ascii_uppercase())
    } else {
        Err("a region is an ISO 3166 code, such as US, CA-ON or GB".into())
    }
}

/// An amount of money: a finite number, 0 or more.
fn money(s: &str) -> Result<f64, String> {
    match s.trim().replace(['_', ','], "").parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err("give an amount as a number, such as 20000".into()),
    }
}

/// One weight of `--weight`: PART=W, W a number from 0 to 10.
fn weight(s: &str) -> Result<(carepath_catalog::explore::Part, f64), String> {
    use carepath_catalog::explore::Part;
    let names = Part::ALL.map(Part::name).join(", ");
    let usage = format!("write a weight as PART=W, such as values=2; the parts: {names}");
    let Some((name, w)) = s.split_once('=') else {
        return Err(usage);
    };
    let Some(part) = Part::from_name(name) else {
        let hint = carepath_model::suggest::did_you_mean(name.trim(), Part::ALL.map(Part::name))
            .map(|p| format!("did you mean `{p}`? "))
            .unwrap_or_default();
        return Err(format!("no score part `{}`: {hint}{usage}", name.trim()));
    };
    match w.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..=10.0).contains(&v) => Ok((part, v)),
        _ => Err(format!(
            "the weight of {} must be a number from 0 to 10",
            part.name()
        )),
    }
}
