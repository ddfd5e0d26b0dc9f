//! One lookup for built-in exporters and plugins: a built-in wins over a plugin of the same name,
//! a plugin is an `Exporter` like any other, and an unknown name gets "did you mean" over both.
#![cfg(unix)]

mod support;

use std::ffi::OsString;

use carepath_export::json::JsonExporter;
use carepath_export::{GENERATOR, PluginSettings, Registry};
use support::{options, plan, plugin, scratch};

fn registry() -> Registry {
    let mut r = Registry::new();
    r.register(Box::new(JsonExporter));
    r
}

fn settings() -> PluginSettings {
    PluginSettings {
        options: options(),
        ..PluginSettings::default()
    }
}

#[test]
fn a_plugin_is_an_exporter_like_any_other() {
    let dir = scratch("registry-echo");
    plugin(&dir, "echo", "exec cat");
    let path = OsString::from(&dir);
    let e = registry()
        .find("echo", Some(&path), &settings())
        .expect("the plugin is found");
    assert_eq!((e.name(), e.extension()), ("echo", "echo"));
    let exported = e.export(&plan()).expect("the echo plugin succeeds");
    assert_eq!(exported.files.len(), 1);
    let f = &exported.files[0];
    assert_eq!(f.part, None);
    assert_eq!(f.extension, "echo", "written as PLANSTEM.echo");
    assert!(!f.binary, "UTF-8 output is text");
    let doc: serde_json::Value = serde_json::from_slice(&f.bytes).expect("the document");
    assert_eq!(doc["protocol"], 1);
    assert_eq!(doc["generator"], GENERATOR);
    assert_eq!(doc["options"], options(), "the options as given");
    assert_eq!(doc["as_of"], "2026-11-22", "the plan's as-of date");
    let keys: Vec<&str> = doc
        .as_object()
        .unwrap()
        .keys()
        .take(5)
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["protocol", "exporter", "generator", "options", "carepath"]
    );
}

#[test]
fn output_that_is_not_utf8_is_binary() {
    let dir = scratch("registry-binary");
    plugin(&dir, "bytes", r"cat > /dev/null; printf '\377\376\000'");
    let path = OsString::from(&dir);
    let e = registry().find("bytes", Some(&path), &settings()).unwrap();
    let exported = e.export(&plan()).unwrap();
    assert!(exported.files[0].binary);
    assert_eq!(exported.files[0].bytes, b"\xff\xfe\0");
}

#[test]
fn a_built_in_wins_over_a_plugin_of_the_same_name() {
    let dir = scratch("registry-shadow");
    plugin(&dir, "json", "cat > /dev/null; echo not the built-in");
    let path = OsString::from(&dir);
    let reg = registry();
    let e = reg.find("json", Some(&path), &settings()).unwrap();
    let exported = e.export(&plan()).unwrap();
    assert!(
        exported.files[0]
            .bytes
            .starts_with(b"{\n  \"carepath\": \"1\""),
        "the built-in JSON document"
    );
    let listing = reg.list(Some(&path));
    let builtin: Vec<&str> = listing.builtin.iter().map(|e| e.name()).collect();
    assert_eq!(builtin, ["json"]);
    assert_eq!(listing.plugins.len(), 1);
    assert_eq!(listing.plugins[0].plugin.name, "json");
    assert!(listing.plugins[0].shadowed);
}

#[test]
fn an_unknown_name_gets_did_you_mean_over_both_kinds() {
    let dir = scratch("registry-unknown");
    plugin(&dir, "markdown", "exec cat");
    let path = OsString::from(&dir);
    let reg = registry();
    let Err(u) = reg.find("markdwn", Some(&path), &settings()) else {
        panic!("markdwn is no exporter");
    };
    assert_eq!(u.suggestion.as_deref(), Some("markdown"), "a plugin's name");
    assert_eq!(u.known, ["json", "markdown"]);
    let Err(u) = reg.find("jsn", Some(&path), &settings()) else {
        panic!("jsn is no exporter");
    };
    assert_eq!(u.suggestion.as_deref(), Some("json"), "a built-in's name");
    assert_eq!(
        u.to_string(),
        "there is no exporter `jsn`: did you mean `json`? The exporters are json, markdown; an \
         external one is a program named `carepath-export-jsn` on PATH (is it installed?)"
    );
}
