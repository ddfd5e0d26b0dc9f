//! `carepath serve`: the plan in the person's own browser, from the same binary, offline.
//!
//! - [`gate`]: the token, Host and CSRF rules every request passes first.
//! - [`server`]: the HTTP loop, on `tiny_http`. A synchronous server was chosen over axum on
//!   tokio: one person's browser makes a handful of requests at a time, a thread each is plenty,
//!   and the CLI stays free of an async runtime and its build time on small machines.
//! - [`forms`] and [`edit`]: a form for every part of the plan, changes made through the model's
//!   edit module and checked as `check` does, findings shown at their fields.
//! - [`live`]: the page follows the file (long-polled `/events`, woken by the CLI's watcher).
//! - [`site`]: the pages, made from the plan file as it is on disk, through the same model as
//!   `check`; the file itself is read and written only through the CLI's [`site::PlanFile`].

pub mod edit;
pub mod forms;
pub mod gate;
pub mod live;
pub mod server;
pub mod site;

pub use live::Changes;
pub use server::{Body, Handler, Method, Reply, Request, Server};
pub use site::{PlanFile, Site, StartAnswers, Starter, WriteError};
