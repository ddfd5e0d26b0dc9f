//! `carepath serve` as a person starts it: one URL with a token on 127.0.0.1, and Ctrl-C stops
//! it cleanly with the plan untouched.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Stdio;

use crate::{carepath, fixture};

/// A plain HTTP/1.1 GET; the status line's code.
fn status(port: u16, path: &str) -> String {
    let answer = get(port, path, "");
    answer.split(' ').nth(1).unwrap_or("").to_string()
}

#[test]
fn serve_prints_one_tokened_url_and_stops_cleanly_on_ctrl_c() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let plan = dir.path().join("plan.toml");
    std::fs::copy(fixture("rn-to-acnp.toml"), &plan).expect("copy the plan");
    let before = std::fs::read(&plan).expect("read");
    let mut child = carepath()
        .arg("serve")
        .arg(&plan)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start carepath serve");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut url = String::new();
    for line in lines.by_ref().take(3) {
        let line = line.expect("a line");
        if let Some(u) = line.trim().strip_prefix("http://") {
            url = u.to_string();
        }
    }
    assert!(url.starts_with("127.0.0.1:"), "{url}");
    let (hostport, query) = url.split_once("/?token=").expect("a token");
    assert_eq!(query.len(), 64, "a 256-bit token");
    let port: u16 = hostport["127.0.0.1:".len()..].parse().expect("a port");
    assert_eq!(status(port, "/"), "403");
    assert_eq!(status(port, &format!("/?token={query}")), "303");

    let pid = child.id().to_string();
    let sent = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("kill");
    assert!(sent.success());
    let code = child.wait().expect("wait");
    assert_eq!(code.code(), Some(0), "Ctrl-C is a clean stop");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert_eq!(rest, ["stopped"]);
    assert_eq!(std::fs::read(&plan).expect("read"), before);
}

/// A GET, with a cookie unless it is empty; the whole answer (status line, headers, body).
fn get(port: u16, path: &str, cookie: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    let cookie = if cookie.is_empty() {
        String::new()
    } else {
        format!("Cookie: {cookie}\r\n")
    };
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{cookie}Connection: close\r\n\r\n"
    )
    .expect("send");
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    answer
}

#[test]
fn the_page_schedules_around_the_roster_file_as_show_does() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let plan = dir.path().join("icu-roster.toml");
    std::fs::copy(fixture("icu-roster.toml"), &plan).expect("copy the plan");
    std::fs::create_dir(dir.path().join("roster")).expect("roster/");
    std::fs::copy(
        fixture("roster/shifts.ics"),
        dir.path().join("roster/shifts.ics"),
    )
    .expect("copy the roster file");
    let show = carepath().arg("show").arg(&plan).output().expect("show");
    let show = String::from_utf8_lossy(&show.stdout).into_owned();
    let finish = show
        .split("the forecast finishes ")
        .nth(1)
        .and_then(|s| s.get(..10))
        .expect("show names the forecast's finish")
        .to_string();

    let mut child = carepath()
        .arg("serve")
        .arg(&plan)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start carepath serve");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let url = lines
        .by_ref()
        .take(3)
        .map_while(Result::ok)
        .find_map(|l| l.trim().strip_prefix("http://").map(str::to_string))
        .expect("the URL");
    let (hostport, query) = url.split_once("/?token=").expect("a token");
    let port: u16 = hostport["127.0.0.1:".len()..].parse().expect("a port");
    let entry = get(port, &format!("/?token={query}"), "");
    let cookie = entry
        .lines()
        .find_map(|l| {
            l.strip_prefix("Set-Cookie: ")
                .or(l.strip_prefix("set-cookie: "))
        })
        .and_then(|c| c.split(';').next())
        .expect("the entry sets the session cookie")
        .to_string();
    let overview = get(port, "/", &cookie);
    let _ = child.kill();
    let _ = child.wait();
    assert!(overview.starts_with("HTTP/1.1 200"), "{overview}");
    assert!(
        overview.contains(&format!("the plan finishes on <strong>{finish}</strong>")),
        "the page's forecast is show's ({finish}), with the roster's shifts:\n{overview}"
    );
}
