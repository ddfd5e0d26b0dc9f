//! `carepath serve`: the plan in the person's own browser, from the same binary, offline.
//!
//! - [`gate`]: the token, Host and CSRF rules every request passes first.
//! - [`server`]: the HTTP loop, on `tiny_http`. A synchronous server was chosen over axum on
//!   tokio: one person's browser makes a handful of requests at a time, a thread each is plenty,
//!   and the CLI stays free of an async runtime and its build time on small machines.
//! - [`site`]: the pages, made from the plan file as it is on disk, through the same model as
//!   `check`; the file itself is read and written only through the CLI's [`site::PlanFile`].

pub mod gate;
pub mod server;
pub mod site;

pub use server::{Body, Handler, Method, Reply, Request, Server};
pub use site::{PlanFile, Site, WriteError};
