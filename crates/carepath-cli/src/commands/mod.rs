//! One module per command, as cargo lays out its commands; each loads what it needs through the
//! [`session`](crate::session), calls the libraries, and prints.

mod catalog;
mod ce;
mod check;
mod cohort;
mod compare;
mod explore;
mod export;
mod init;
mod log;
mod people;
mod redact;
mod serve;
mod show;

use std::io::Write;

use crate::args::{Cli, Command};
use crate::session::{Env, Outcome, emit};

pub fn run(cli: Cli, embedded: crate::session::Embedded, out: &mut dyn Write) -> Outcome {
    crate::session::colors(cli.color);
    // Commands that need neither the clock nor the catalog.
    match &cli.command {
        Command::Schema => return emit(out, carepath_model::SCHEMA),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            clap_complete::generate(*shell, &mut cmd, "carepath", &mut buf);
            return emit(out, &String::from_utf8_lossy(&buf));
        }
        _ => {}
    }
    let env = Env::new(&cli, embedded)?;
    let result = match cli.command {
        Command::Check { plan, strict } => check::check(&env, &plan, strict, out),
        Command::Show { plan } => show::show(&env, &plan, out),
        Command::Status { plan } => show::status(&env, &plan, out),
        Command::Credentials { plan } => show::credentials(&env, &plan, out),
        Command::Log {
            plan,
            milestone,
            amount,
            date,
            note,
            with,
        } => log::log(&env, &plan, &milestone, amount, date, (note, with), out),
        Command::People { plan } => people::people(&env, &plan, out),
        Command::Ce {
            plan,
            hours,
            title,
            date,
            category,
            topics,
            counts_for,
            provider,
            note,
        } => ce::ce(
            &env,
            &plan,
            ce::Activity {
                hours,
                title,
                date,
                category,
                topics,
                counts_for,
                provider,
                note,
            },
            out,
        ),
        Command::Export {
            plan,
            to,
            output,
            formats,
            plugins,
            privacy,
        } => export::export(
            &env,
            &plan,
            &to,
            output.as_deref(),
            &formats,
            &plugins,
            &privacy,
            out,
        ),
        Command::Cohort {
            roster,
            output,
            to,
            jobs,
            expiring_within,
            redact,
            keep_key,
        } => cohort::cohort(
            &env,
            &cohort::Options {
                roster,
                output,
                to,
                jobs: jobs.map(usize::from),
                expiring_within: i64::from(expiring_within),
                redact,
                keep_key,
            },
            out,
        ),
        Command::Redact {
            plan,
            output,
            pseudonym,
            keep_comments,
        } => redact::redact(
            &env,
            &plan,
            &output,
            pseudonym.as_deref(),
            keep_comments,
            out,
        ),
        Command::Exporters => export::exporters(out),
        Command::Catalog { command } => catalog::catalog(&env, command, out),
        Command::Gap { plan } => {
            let (checked, resolved) = crate::session::load_resolved(&env, &plan)?;
            catalog::gap(&env, &checked, &resolved, out)
        }
        Command::Path {
            from,
            to,
            region,
            emit_milestones,
        } => catalog::path(&env, &from, &to, region.as_deref(), emit_milestones, out),
        Command::Explore {
            plan,
            region,
            max_months,
            max_cost,
            min_pay,
            clinical,
            non_clinical,
            no_shifts,
            limit,
            weights,
        } => {
            let mut options = carepath_catalog::explore::Options {
                max_months,
                max_cost,
                min_pay,
                clinical: match (clinical, non_clinical) {
                    (true, _) => Some(true),
                    (_, true) => Some(false),
                    _ => None,
                },
                no_shifts,
                limit: limit as usize,
                ..Default::default()
            };
            options.weights.extend(weights);
            explore::explore(&env, &plan, region, &options, out)
        }
        Command::Compare { roles, plan } => compare::compare(&env, &roles, plan.as_deref(), out),
        Command::Init {
            output,
            role,
            target,
            name,
            hours,
            values,
            force,
        } => init::init(
            &env,
            init::Answers {
                output,
                role,
                target,
                name,
                hours,
                values,
                force,
            },
            out,
        ),
        Command::Serve {
            plan,
            new,
            port,
            open,
            listen,
        } => serve::serve(&env, &plan, new, port, open, listen, out),
        Command::Schema | Command::Completions { .. } => Ok(()),
    };
    // The session (the whole catalog among it) is left to the operating system, which takes a
    // process's memory back at once: freeing its allocations one by one cost every command
    // several tenths of a millisecond at exit. It holds no file, lock or thread to finish.
    std::mem::forget(env);
    result
}
