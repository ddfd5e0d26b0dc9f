//! Any bytes as a TOML plan: `check`, every finding rendered, and when a plan comes out,
//! `resolve`, `findings` and every built-in exporter. Nothing may panic.
#![no_main]

use carepath_model::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| carepath_fuzz::read_plan(data, Format::Toml));
