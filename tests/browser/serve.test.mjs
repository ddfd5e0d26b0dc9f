// `carepath serve` in a real headless Chromium (Debian's), driven by playwright-core: the token
// and Host rules, editing, logging, live update, the PDF download, axe-core on every page and
// the keyboard. Run by `cargo test` (tests/e2e/browser.rs), which passes the binary in
// CAREPATH_BIN; by hand: `CAREPATH_BIN=target/debug/carepath node --test tests/browser/`.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { createInterface } from "node:readline";
import { readFileSync, writeFileSync, copyFileSync, mkdtempSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import http from "node:http";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");
const bin = process.env.CAREPATH_BIN || join(repo, "target", "debug", "carepath");
const axeSource = readFileSync(join(here, "node_modules", "axe-core", "axe.min.js"), "utf8");

function chromiumPath() {
  for (const p of [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (p && existsSync(p)) return p;
  }
  throw new Error("no Chromium: install Debian's chromium (scripts/test does)");
}

let browser;
const servers = [];
const dirs = [];

before(async () => {
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ["--no-sandbox", "--disable-gpu"],
  });
});

after(async () => {
  if (browser) await browser.close();
  for (const s of servers) s.child.kill("SIGINT");
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/// Starts `carepath serve` on a copy of a fixture (or `--new` on a missing file).
async function serve({ fixture = "rn-to-acnp.toml", fresh = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "carepath-browser-"));
  dirs.push(dir);
  const plan = join(dir, fresh ? "my-plan.toml" : "plan.toml");
  if (!fresh) copyFileSync(join(repo, "fixtures", fixture), plan);
  const args = ["--as-of", "2026-11-22", "serve", plan];
  if (fresh) args.push("--new");
  const child = spawn(bin, args, { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, NO_COLOR: "1" } });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise((resolve, reject) => {
    lines.on("line", (l) => {
      const m = l.trim().match(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
      if (m) resolve(m[0]);
    });
    child.on("exit", (code) => reject(new Error(`carepath serve ended with ${code}`)));
  });
  const port = Number(new URL(url).port);
  const s = { child, url, port, plan, base: `http://127.0.0.1:${port}` };
  servers.push(s);
  return s;
}

/// A page in a fresh browser context, signed in through the printed URL. CSP is bypassed only
/// so that axe-core can be injected; the pages' own scripts are files of the server.
async function open(s, { bypassCSP = true } = {}) {
  const context = await browser.newContext({ bypassCSP, acceptDownloads: true });
  const page = await context.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  const resp = await page.goto(s.url);
  assert.equal(resp.status(), 200);
  return { context, page, requests };
}

function rawGet(port, path, headers) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on("error", reject);
    req.end();
  });
}

async function axe(page, name) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    [],
    `axe-core on ${name}`,
  );
}

test("without the token every page is refused, and only 127.0.0.1 or localhost is answered", async () => {
  const s = await serve();
  const context = await browser.newContext();
  const page = await context.newPage();
  for (const path of ["/", "/edit", "/log", "/downloads", "/download/pdf"]) {
    const r = await page.goto(s.base + path);
    assert.equal(r.status(), 403, path);
    assert.match(await page.textContent("body"), /open the address that `carepath serve` printed/);
  }
  const wrong = await page.goto(s.base + "/?token=" + "0".repeat(64));
  assert.equal(wrong.status(), 403);
  // The token from the printed address: the cookie is set and the token leaves the address bar.
  const ok = await page.goto(s.url);
  assert.equal(ok.status(), 200);
  assert.equal(new URL(page.url()).search, "");
  assert.match(await page.textContent("h1"), /Bedside RN to Acute Care Nurse Practitioner/);
  const token = new URL(s.url).searchParams.get("token");
  const cookie = `carepath-${s.port}=${token}`;
  // A page of another site rebound to 127.0.0.1 sends its own name as Host.
  assert.equal(await rawGet(s.port, "/", { Host: "attacker.example", Cookie: cookie }), 403);
  assert.equal(await rawGet(s.port, "/", { Host: `attacker.example:${s.port}`, Cookie: cookie }), 403);
  assert.equal(await rawGet(s.port, "/", { Host: `localhost:${s.port}`, Cookie: cookie }), 200);
  // A form posted without the session's CSRF token changes nothing.
  const before = readFileSync(s.plan);
  const status = await page.evaluate(async () => {
    const r = await fetch("/log/progress", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "milestone=icu-hours&amount=3&date=2026-11-22&version=x",
    });
    return r.status;
  });
  assert.equal(status, 403);
  assert.deepEqual(readFileSync(s.plan), before);
  await context.close();
});

test("adding a milestone shows it on the timeline", async () => {
  const s = await serve();
  const { page, context } = await open(s);
  const timelineBefore = await page.locator(".timeline").innerHTML();
  assert.doesNotMatch(timelineBefore, /Wound care course/);
  await page.click("nav >> text=Edit");
  await page.click("text=Milestones");
  await page.click("text=Add a milestone");
  const n = (await page.locator("input[name$='.id']").getAttribute("name")).match(/\[(\d+)\]/)[1];
  await page.fill(`input[name='milestones[${n}].id']`, "wound-care");
  await page.fill(`input[name='milestones[${n}].title']`, "Wound care course");
  await page.selectOption(`select[name='milestones[${n}].kind']`, "training");
  await page.fill(`input[name='milestones[${n}].effort_hours']`, "12");
  await page.check(`input[name='milestones[${n}].after'][value='icu-transfer']`);
  await page.click("button:text('Add the milestone')");
  assert.match(await page.textContent("main"), /Saved: Wound care course/);
  const text = readFileSync(s.plan, "utf8");
  assert.match(text, /\[\[milestones\]\]\nid = "wound-care"\ntitle = "Wound care course"\nkind = "training"\nafter = \["icu-transfer"\]\neffort_hours = 12\n/);
  await page.click("nav >> text=Overview");
  const timelineAfter = await page.locator(".timeline").innerHTML();
  assert.match(timelineAfter, /Wound care course/);
  assert.notEqual(timelineAfter, timelineBefore);
  await context.close();
});

test("an invalid edit is refused at its field and the file stays byte for byte", async () => {
  const s = await serve();
  const before = readFileSync(s.plan);
  const { page, context } = await open(s);
  await page.goto(s.base + "/edit/milestones/0");
  await page.fill("input[name='milestones[0].effort_hours']", "-5");
  await page.click("button:text('Save')");
  const field = page.locator("input[name='milestones[0].effort_hours']");
  assert.equal(await field.getAttribute("aria-invalid"), "true");
  assert.equal(await field.inputValue(), "-5", "what was typed stays in the field");
  const described = (await field.getAttribute("aria-describedby")).split(" ")[0];
  const message = await page.textContent(`#${described}`);
  // The same words as `carepath check`.
  const check = spawnCheck(s.plan, "-5");
  assert.ok(check.includes(message.trim()), `check says: ${check}\npage says: ${message}`);
  assert.deepEqual(readFileSync(s.plan), before);
  await context.close();
});

/// `carepath check` on a copy of the plan with the first milestone's effort set to `value`.
function spawnCheck(plan, value) {
  const copy = plan.replace(/\.toml$/, "-check.toml");
  const text = readFileSync(plan, "utf8").replace(/effort_hours = 8 /, `effort_hours = ${value} `);
  writeFileSync(copy, text);
  try {
    execFileSync(bin, ["--as-of", "2026-11-22", "check", copy], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    return "";
  } catch (e) {
    return String(e.stdout) + String(e.stderr);
  } finally {
    rmSync(copy);
  }
}

test("a changed value keeps every other byte of the TOML file", async () => {
  const s = await serve();
  const before = readFileSync(s.plan, "utf8");
  const { page, context } = await open(s);
  await page.goto(s.base + "/edit/capacity");
  await page.fill("input[name='capacity.hours_per_week']", "8");
  await page.click("button:text('Save')");
  assert.match(await page.textContent("main"), /Saved\./);
  const after = readFileSync(s.plan, "utf8");
  assert.equal(
    after,
    before.replace(
      "hours_per_week = 6                         # outside my 3x12 shifts",
      "hours_per_week = 8                         # outside my 3x12 shifts",
    ),
  );
  await context.close();
});

test("an interest typed with a comma in it stays one entry, one a line", async () => {
  const s = await serve();
  const before = readFileSync(s.plan, "utf8");
  const { page, context } = await open(s);
  await page.goto(s.base + "/edit/profile");
  const box = page.getByLabel("Interests");
  assert.equal(await box.inputValue(), "critical care\nsepsis management\nprecepting new grads\npoint-of-care ultrasound");
  await box.fill("critical care\nsepsis management\nprecepting new grads, residents\npoint-of-care ultrasound");
  await page.click("button:text('Save')");
  assert.match(await page.textContent("main"), /Saved\./);
  assert.equal(readFileSync(s.plan, "utf8"), before.replace('"precepting new grads"', '"precepting new grads, residents"'));
  await context.close();
});

test("the shift rotation is edited in the page: a shift's start changed, a bad one refused at its field", async () => {
  const s = await serve({ fixture: "icu-rotation.toml" });
  const before = readFileSync(s.plan, "utf8");
  const { page, context } = await open(s);
  await page.goto(s.base + "/edit/rotation");
  const box = page.getByLabel("Shifts", { exact: true });
  assert.equal(await box.inputValue(), "D 07:00 12.5\nN 19:00 12.5");
  await box.fill("D 07:00 12.5\nN 7pm 12.5");
  await page.click("button:text('Save')");
  assert.equal(await box.getAttribute("aria-invalid"), "true");
  assert.match(await page.textContent("main"), /the shift `N` starts at "7pm", which is not a time of day written as HH:MM/);
  assert.equal(readFileSync(s.plan, "utf8"), before);
  await box.fill("D 07:00 12.5\nN 19:30 12.5");
  await page.click("button:text('Save')");
  assert.match(await page.textContent("main"), /Saved\./);
  assert.equal(readFileSync(s.plan, "utf8"), before.replace('N = { start = "19:00"', 'N = { start = "19:30"'));
  await context.close();
});

test("logging progress adds an entry to the file and the page shows it", async () => {
  const s = await serve();
  const { page, context } = await open(s);
  await page.click("nav >> text=Log");
  await page.selectOption("#progress-milestone", "icu-hours");
  await page.fill("#progress-amount", "36");
  await page.fill("#progress-note", "three shifts");
  await page.click("button:text('Log progress')");
  assert.match(await page.textContent("main"), /Progress logged\./);
  const text = readFileSync(s.plan, "utf8");
  assert.ok(
    text.endsWith('[[progress]]\ndate = 2026-11-22\nmilestone = "icu-hours"\namount = 36\nnote = "three shifts"\n'),
    text.slice(-200),
  );
  assert.match(await page.locator("table").last().textContent(), /2026-11-22icu-hours36three shifts/);
  await context.close();
});

test("an edit of the file on disk shows up in the open page within a second", async () => {
  const s = await serve();
  const { page, context } = await open(s);
  assert.match(await page.textContent("h1"), /Bedside RN/);
  const text = readFileSync(s.plan, "utf8");
  const started = Date.now();
  writeFileSync(s.plan, text.replace('title = "Bedside RN to Acute Care Nurse Practitioner"', 'title = "Edited in my editor"'));
  await page.waitForFunction(() => document.querySelector("h1").textContent.includes("Edited in my editor"), null, { timeout: 1000 });
  assert.ok(Date.now() - started < 1000);
  assert.match(await page.textContent("#changed"), /Updated from the plan file/);
  await context.close();
});

test("an edit in the page that crosses an edit on disk is refused with the new version", async () => {
  const s = await serve();
  const { page, context } = await open(s);
  await page.goto(s.base + "/edit/plan");
  await page.fill("input[name='title']", "Typed in the page");
  const text = readFileSync(s.plan, "utf8");
  const onDisk = text.replace('currency = "USD"', 'currency = "CAD"');
  writeFileSync(s.plan, onDisk);
  await page.waitForFunction(() => document.querySelector("#changed").textContent.includes("changed on disk"), null, { timeout: 2000 });
  await page.click("button:text('Save')");
  assert.match(await page.textContent("main"), /The file changed on disk since this page was made; here is the new version/);
  assert.equal(await page.inputValue("input[name='currency']"), "CAD");
  assert.equal(readFileSync(s.plan, "utf8"), onDisk, "nothing merged, nothing lost");
  await context.close();
});

test("the PDF downloads, and it is the plan's", async () => {
  const s = await serve();
  const { page, context } = await open(s);
  await page.click("nav >> text=Downloads");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("a[href='/download/pdf']")]);
  assert.equal(download.suggestedFilename(), "plan.pdf");
  const path = join(dirname(s.plan), "downloaded.pdf");
  await download.saveAs(path);
  const bytes = readFileSync(path);
  assert.equal(bytes.subarray(0, 5).toString(), "%PDF-");
  execFileSync("qpdf", ["--check", path], { encoding: "utf8" });
  const text = execFileSync("pdftotext", ["-layout", path, "-"], { encoding: "utf8" });
  assert.match(text, /Bedside RN to Acute Care Nurse Practitioner/);
  assert.match(text, /CCRN/);
  await context.close();
});

test("two roles checked on the Explore page open side by side on the Compare page", async () => {
  const s = await serve();
  const { page, context } = await open(s);
  await page.goto(s.base + "/explore");
  await page.check("label:has-text('Critical care nurse') input[type=checkbox]");
  await page.check("label:has-text('Oncology nurse') input[type=checkbox]");
  await page.click("button:text('Compare the checked roles')");
  assert.equal(new URL(page.url()).pathname, "/compare");
  const heads = await page.locator("table.compare thead th").allTextContents();
  assert.deepEqual(heads, ["Role", "Critical care nurse", "Oncology nurse"]);
  const route = await page.locator("table.compare tr:has(th:text('From you')) td").allTextContents();
  assert.deepEqual(route, ["12 months, US$365 known costs", "24 months"]);
  await context.close();
});

test("every page passes axe-core, loads nothing from elsewhere, and works by keyboard", async () => {
  const s = await serve();
  const { page, context, requests } = await open(s);
  const pages = ["/", "/edit", "/edit/plan", "/edit/profile", "/edit/credentials", "/edit/credentials/0", "/edit/skills/0",
    "/edit/experience/0", "/edit/capacity", "/edit/rotation", "/edit/roster", "/edit/breaks/0", "/edit/target", "/edit/goals", "/edit/goals/0",
    "/edit/milestones", "/edit/milestones/0", "/edit/milestones/new", "/log", "/explore", "/compare?role=critical-care-nurse&role=oncology-nurse", "/downloads"];
  for (const p of pages) {
    const r = await page.goto(s.base + p);
    assert.equal(r.status(), 200, p);
    await axe(page, p);
  }
  // The page with errors shown, too.
  await page.goto(s.base + "/edit/milestones/0");
  await page.fill("input[name='milestones[0].effort_hours']", "-5");
  await page.click("button:text('Save')");
  await axe(page, "a refused edit");
  for (const u of requests) assert.ok(u.startsWith(s.base), `a request left the machine: ${u}`);

  // By keyboard alone: every field of the milestone form is reached by Tab, in order.
  await page.goto(s.base + "/edit/milestones/0");
  const fields = await page.$$eval("form.edit input:not([type=hidden]), form.edit select, form.edit textarea, form.edit button",
    (els) => els.map((e) => e.id || e.name || e.textContent));
  const reached = [];
  for (let i = 0; i < 200 && reached.length < fields.length + 40; i++) {
    await page.keyboard.press("Tab");
    const id = await page.evaluate(() => {
      const e = document.activeElement;
      return e && e.closest("form.edit") ? e.id || e.name || e.textContent : null;
    });
    if (id && !reached.includes(id)) reached.push(id);
    if (id === "Save") break;
  }
  assert.deepEqual(reached, fields);
  // And used: change a field and save with the keyboard only.
  await page.focus("input[name='milestones[0].title']");
  await page.keyboard.press("End");
  await page.keyboard.type(" (keyboard)");
  await page.keyboard.press("Enter");
  await page.waitForURL(/saved=/);
  assert.match(readFileSync(s.plan, "utf8"), /title = "Renew ACLS \(AHA HeartCode online \+ skills check\) \(keyboard\)"/);
  await context.close();
});

test("serve --new creates the plan from the start form", async () => {
  const s = await serve({ fresh: true });
  assert.ok(!existsSync(s.plan));
  const { page, context } = await open(s);
  assert.match(page.url(), /\/start$/);
  await axe(page, "/start");
  await page.fill("#start-name", "Sam Rivera");
  await page.selectOption("#start-role", "registered-nurse");
  await page.selectOption("#start-target", "nurse-practitioner");
  await page.fill("#start-hours", "5");
  await page.click("button:text('Create my plan')");
  assert.ok(existsSync(s.plan));
  const text = readFileSync(s.plan, "utf8");
  assert.match(text, /name = "Sam Rivera"/);
  assert.match(text, /hours_per_week = 5/);
  assert.match(await page.textContent("h2#forecast-h"), /Forecast/);
  const check = execFileSync(bin, ["--as-of", "2026-11-22", "check", s.plan], { encoding: "utf8" });
  assert.ok(check.length > 0);
  const [download] = await Promise.all([page.waitForEvent("download"), page.goto(s.base + "/downloads").then(() => page.click("a[href='/download/pdf']"))]);
  assert.equal(download.suggestedFilename(), "my-plan.pdf");
  await context.close();
});
