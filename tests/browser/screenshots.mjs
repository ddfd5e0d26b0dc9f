// Screenshots of every page of `carepath serve` in headless Chromium, to look at by eye:
// `CAREPATH_BIN=target/debug/carepath node tests/browser/screenshots.mjs [OUT_DIR]`
// (default tests/browser/screenshots, which git ignores).
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { copyFileSync, mkdtempSync, mkdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");
const bin = process.env.CAREPATH_BIN || join(repo, "target", "debug", "carepath");
const out = process.argv[2] || join(here, "screenshots");
mkdirSync(out, { recursive: true });

async function serve(args) {
  const child = spawn(bin, ["--as-of", "2026-11-22", "serve", ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((resolve) => {
    createInterface({ input: child.stdout }).on("line", (l) => {
      if (/^\s*http:\/\//.test(l)) resolve(l.trim());
    });
  });
  return { child, url, base: url.replace(/\/\?token=.*/, "") };
}

const dir = mkdtempSync(join(tmpdir(), "carepath-shots-"));
const plan = join(dir, "rn-to-acnp.toml");
copyFileSync(join(repo, "fixtures", "rn-to-acnp.toml"), plan);
const exe = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const browser = await chromium.launch({ executablePath: exe, headless: true, args: ["--no-sandbox"] });
const s = await serve([plan]);
const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
await page.goto(s.url);
// A tall page in parts of 1,000 pixels, each readable at a glance.
async function shoot(name) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let i = 0, y = 0; y < height; i++, y += 1000) {
    await page.screenshot({ path: join(out, `${name}-${i + 1}.png`), fullPage: true, clip: { x: 0, y, width: 1100, height: Math.min(1000, height - y) } });
  }
}
const pages = {
  overview: "/", edit: "/edit", "edit-plan": "/edit/plan", profile: "/edit/profile", credentials: "/edit/credentials",
  "credential-0": "/edit/credentials/0", skill: "/edit/skills/0", experience: "/edit/experience/1", capacity: "/edit/capacity", roster: "/edit/roster",
  breaks: "/edit/breaks", target: "/edit/target", goals: "/edit/goals", goal: "/edit/goals/0", milestones: "/edit/milestones",
  milestone: "/edit/milestones/2", "milestone-new": "/edit/milestones/new", log: "/log", explore: "/explore", compare: "/compare?role=acute-care-np&role=critical-care-nurse&role=oncology-nurse", downloads: "/downloads",
};
for (const [name, path] of Object.entries(pages)) {
  await page.goto(s.base + path);
  await shoot(name);
}
await page.goto(s.base + "/edit/milestones/0");
await page.fill("input[name='milestones[0].effort_hours']", "-5");
await page.click("button:text('Save')");
await shoot("milestone-refused");
s.child.kill("SIGINT");
// A plan with a shift rotation, for its page.
const icu = join(dir, "icu-rotation.toml");
copyFileSync(join(repo, "fixtures", "icu-rotation.toml"), icu);
const r = await serve([icu]);
await page.goto(r.url);
await page.goto(r.base + "/edit/rotation");
await shoot("rotation");
r.child.kill("SIGINT");
const n = await serve(["--new", join(dir, "new-plan.toml")]);
await page.goto(n.url);
await shoot("start");
n.child.kill("SIGINT");
await browser.close();
console.log(`screenshots in ${out}`);
