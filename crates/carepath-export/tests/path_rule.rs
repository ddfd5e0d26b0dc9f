//! Plugins are found only in absolute PATH entries. An empty entry or `.` would mean the current
//! directory, where `export --to markdown` would then run `./carepath-export-markdown` while
//! `carepath exporters` says none is found.
//!
//! These tests change the working directory of the process; every test in this file changes it
//! to the same folder, and no other test binary shares the process.
#![cfg(unix)]

mod support;

use std::ffi::OsStr;
use std::path::PathBuf;
use std::sync::OnceLock;

use carepath_export::plugin::{discover, find, in_current_dir};

/// A folder with the plugins `here` (executable) and `plain` (not executable), made the current
/// directory.
fn in_plugin_folder() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let dir = support::scratch("path-rule");
        support::script(&dir.join("carepath-export-here"), "exec cat");
        std::fs::write(dir.join("carepath-export-plain"), "#!/bin/sh\nexec cat\n")
            .expect("write a plain file");
        std::fs::create_dir(dir.join("bin")).expect("create bin");
        support::script(&dir.join("bin/carepath-export-below"), "exec cat");
        dir
    });
    std::env::set_current_dir(dir).expect("enter the plugin folder");
    dir
}

fn path(s: &str) -> Option<&OsStr> {
    Some(OsStr::new(s))
}

#[test]
fn empty_path_entry_does_not_find_a_plugin_in_the_current_dir() {
    in_plugin_folder();
    assert_eq!(find("here", path("/usr/bin:/bin:")), None);
    assert_eq!(find("here", path(":/usr/bin")), None);
    assert_eq!(find("here", path("/usr/bin::/bin")), None);
    assert_eq!(find("here", path("")), None);
}

#[test]
fn dot_path_entry_does_not_find_a_plugin_in_the_current_dir() {
    in_plugin_folder();
    assert_eq!(find("here", path(".")), None);
    assert_eq!(find("here", path("/usr/bin:./")), None);
}

#[test]
fn relative_path_entry_does_not_find_a_plugin_below_the_current_dir() {
    in_plugin_folder();
    assert_eq!(find("below", path("bin")), None);
    assert_eq!(find("below", path("./bin:/usr/bin")), None);
}

#[test]
fn absolute_path_entry_finds_the_plugin() {
    let dir = in_plugin_folder();
    let var = format!("/nonexistent-carepath-dir::.:{}", dir.display());
    let found = find("here", path(&var)).expect("found through the absolute entry");
    assert_eq!(found.name, "here");
    assert_eq!(found.path, dir.join("carepath-export-here"));
}

#[test]
fn discover_skips_empty_and_relative_path_entries() {
    let dir = in_plugin_folder();
    assert_eq!(discover(path(":.:./:bin")), Vec::new());
    let var = format!(".:{}:bin", dir.display());
    let names: Vec<String> = discover(path(&var)).into_iter().map(|p| p.name).collect();
    assert_eq!(
        names,
        ["here"],
        "`plain` is not executable, `bin` is relative"
    );
}

#[test]
fn in_current_dir_finds_the_plugin_for_the_hint() {
    let dir = in_plugin_folder();
    assert_eq!(
        in_current_dir("here"),
        Some(dir.join("carepath-export-here"))
    );
    assert_eq!(in_current_dir("plain"), None, "not executable");
    assert_eq!(in_current_dir("nothing"), None);
}
