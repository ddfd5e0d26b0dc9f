//! Link the `carepath` binary with packed relative relocations (`DT_RELR`) on GNU/Linux.
//!
//! A position-independent executable is patched by the loader at every start: one relocation
//! per pointer in its static data. Through `rrule`, carepath links chrono-tz, whose tables of
//! some 600 time zones are 28,000 of the binary's 40,000 relocations; in the classic format
//! (24 bytes each) the loader read about a megabyte of them before `main`, even for
//! `--version`. Packed, they take 18 KB. The binary stays position-independent (ASLR is kept).
//!
//! GNU ld 2.38+, lld 15+ and mold know `-z pack-relative-relocs`; glibc 2.36+ loads such a
//! binary. `CAREPATH_NO_RELR=1` turns it off for an older toolchain.

fn main() {
    println!("cargo::rerun-if-env-changed=CAREPATH_NO_RELR");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" && std::env::var_os("CAREPATH_NO_RELR").is_none() {
        println!("cargo::rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
