//! The browser tests of `carepath serve` (tests/browser/serve.test.mjs): Debian's headless
//! Chromium driven by playwright-core, with axe-core, both locked in tests/browser/package-lock.json
//! and installed by `scripts/test` (`npm ci`). Skipped, with a note, when node, Chromium or the
//! npm packages are missing; never under CI=true.

use std::process::Command;

use crate::{repo, skip_or_fail};

#[test]
fn the_browser_tests_pass_in_headless_chromium() {
    let dir = repo().join("tests/browser");
    let has = |cmd: &str, arg: &str| {
        Command::new(cmd)
            .arg(arg)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !has("node", "--version") {
        return skip_or_fail("node", "apt-get install nodejs npm; scripts/test does");
    }
    if !has("chromium", "--version") {
        return skip_or_fail(
            "chromium",
            "apt-get install chromium chromium-driver; scripts/test does",
        );
    }
    if !dir.join("node_modules/playwright-core").is_dir()
        || !dir.join("node_modules/axe-core").is_dir()
    {
        return skip_or_fail(
            "playwright-core and axe-core",
            "cd tests/browser && npm ci; scripts/test does",
        );
    }
    let out = Command::new("node")
        .args(["--test", "--test-concurrency=1", "serve.test.mjs"])
        .current_dir(&dir)
        .env("CAREPATH_BIN", env!("CARGO_BIN_EXE_carepath"))
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the browser tests failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("# fail 0"), "{stdout}");
    assert!(
        !stdout.contains("# pass 0\n"),
        "no browser test ran:\n{stdout}"
    );
}
