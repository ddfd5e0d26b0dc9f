//! Link the `carepath` binary with packed relative relocations (`DT_RELR`) on GNU/Linux.
//!
//! A position-independent executable is patched by the loader at every start: one relocation
//! per pointer in its static data. In the classic format each takes 24 bytes; packed, a bitmap
//! word covers 63 of them. The binary has some 12,000 (it had 40,000 before chrono-tz was
//! built with UTC only, see vendor/rrule/PATCHED.md): 280 KB of table for the loader to read
//! before `main` classically, 3.6 KB packed. The binary stays position-independent (ASLR is
//! kept).
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
