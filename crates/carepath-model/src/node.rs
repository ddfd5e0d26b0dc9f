//! A format-neutral value tree with byte spans, so TOML and JSON plans share one reader and every
//! finding can point at the exact place in the file.

use std::ops::Range;

pub type Span = Range<usize>;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Span,
    pub kind: NodeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    /// A TOML date or date-time literal, as written.
    DateLit(String),
    Array(Vec<Node>),
    Table(Vec<(Key, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub span: Span,
}

impl Node {
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            NodeKind::Null => "null",
            NodeKind::Bool(_) => "a boolean",
            NodeKind::Int(_) => "an integer",
            NodeKind::Float(_) => "a decimal number",
            NodeKind::Str(_) => "text",
            NodeKind::DateLit(_) => "a date",
            NodeKind::Array(_) => "a list",
            NodeKind::Table(_) => "a table",
        }
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            NodeKind::Table(entries) => entries.iter().find(|(k, _)| k.name == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// A syntax error: where, and what was expected.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
    pub hint: Option<String>,
}

/// How deep lists and tables may nest. No valid plan needs more than 4 levels; the limit keeps a
/// hostile file from exhausting the stack.
pub const MAX_DEPTH: usize = 32;

pub fn parse_toml(text: &str) -> Result<Node, SyntaxError> {
    use toml::de::{DeTable, DeValue};
    let doc = DeTable::parse(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let message = e.message().trim().trim_end_matches('.').to_string();
        SyntaxError {
            span,
            hint: toml_hint(&message),
            message: format!("this is not valid TOML: {message}"),
        }
    })?;

    fn conv(v: &toml::Spanned<DeValue<'_>>, depth: usize) -> Result<Node, SyntaxError> {
        let span = v.span();
        if depth > MAX_DEPTH {
            return Err(too_deep(span));
        }
        let kind = match v.get_ref() {
            DeValue::String(s) => NodeKind::Str(s.to_string()),
            DeValue::Integer(i) => {
                let raw = i.as_str().replace('_', "");
                let parsed = i64::from_str_radix(raw.trim_start_matches("+"), i.radix());
                match parsed {
                    Ok(n) => NodeKind::Int(n),
                    Err(_) => {
                        return Err(SyntaxError {
                            span,
                            message: format!("the number {} is too large", i.as_str()),
                            hint: None,
                        });
                    }
                }
            }
            DeValue::Float(f) => {
                let raw = f.as_str().replace('_', "");
                match raw.parse::<f64>() {
                    // `+ 0.0` turns -0.0 into 0.0, so no -0 reaches any output.
                    Ok(x) if x.is_finite() => NodeKind::Float(x + 0.0),
                    _ => {
                        return Err(SyntaxError {
                            span,
                            message: format!("`{}` is not a usable number", f.as_str()),
                            hint: Some("write a plain decimal number such as 12.5".into()),
                        });
                    }
                }
            }
            DeValue::Boolean(b) => NodeKind::Bool(*b),
            DeValue::Datetime(d) => NodeKind::DateLit(d.to_string()),
            DeValue::Array(a) => {
                let mut out = Vec::new();
                for item in a.iter() {
                    out.push(conv(item, depth + 1)?);
                }
                NodeKind::Array(out)
            }
            DeValue::Table(t) => NodeKind::Table(conv_table(t, depth + 1)?),
        };
        Ok(Node { span, kind })
    }

    fn conv_table(t: &DeTable<'_>, depth: usize) -> Result<Vec<(Key, Node)>, SyntaxError> {
        let mut out = Vec::with_capacity(t.len());
        for (k, v) in t.iter() {
            let key = Key {
                name: k.get_ref().to_string(),
                span: k.span(),
            };
            out.push((key, conv(v, depth)?));
        }
        Ok(out)
    }

    let span = doc.span();
    Ok(Node {
        span,
        kind: NodeKind::Table(conv_table(doc.get_ref(), 1)?),
    })
}

fn toml_hint(message: &str) -> Option<String> {
    let m = message.to_ascii_lowercase();
    if m.contains("invalid basic string") || m.contains("unterminated") || m.contains("string") {
        Some(
            "text values need a closing quote on the same line: title = \"Study for the CCRN\""
                .into(),
        )
    } else if m.contains("duplicate key") || m.contains("duplicate") {
        Some("each field may appear once per table; remove or rename one of them".into())
    } else if m.contains("invalid table header") || m.contains("table") {
        Some("tables look like [person], lists of tables like [[milestones]]".into())
    } else if m.contains("date") || m.contains("time") {
        Some("write dates as YYYY-MM-DD, for example 2026-09-30".into())
    } else {
        Some("see docs/plan-format.md for a complete example".into())
    }
}

fn too_deep(span: Span) -> SyntaxError {
    SyntaxError {
        span,
        message: format!("lists and tables are nested more than {MAX_DEPTH} levels deep"),
        hint: Some("a plan nests at most a few levels; this file is probably not a plan".into()),
    }
}

/// A strict JSON (RFC 8259) reader that keeps byte spans and refuses duplicate keys and deep
/// nesting with a located message instead of overflowing the stack.
pub fn parse_json(text: &str) -> Result<Node, SyntaxError> {
    let mut p = JsonParser {
        s: text.as_bytes(),
        text,
        pos: 0,
    };
    p.ws();
    let node = p.value(0)?;
    p.ws();
    if p.pos < p.s.len() {
        return Err(p.err_at(
            p.pos,
            "unexpected text after the end of the JSON document",
            None,
        ));
    }
    Ok(node)
}

struct JsonParser<'a> {
    s: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl JsonParser<'_> {
    fn err_at(&self, pos: usize, msg: &str, hint: Option<&str>) -> SyntaxError {
        let end = self.text[pos.min(self.text.len())..]
            .chars()
            .next()
            .map_or(pos, |c| pos + c.len_utf8());
        SyntaxError {
            span: pos..end,
            message: format!("this is not valid JSON: {msg}"),
            hint: hint.map(str::to_string),
        }
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.get(self.pos) {
            self.pos += 1;
        }
    }

    fn found(&self) -> String {
        match self.text[self.pos.min(self.text.len())..].chars().next() {
            None => "the end of the file".into(),
            Some(c) => format!("`{c}`"),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(too_deep(self.pos..self.pos + 1));
        }
        let start = self.pos;
        match self.s.get(self.pos) {
            Some(b'{') => self.object(depth),
            Some(b'[') => {
                self.pos += 1;
                let mut items = Vec::new();
                self.ws();
                if self.s.get(self.pos) == Some(&b']') {
                    self.pos += 1;
                    return Ok(Node {
                        span: start..self.pos,
                        kind: NodeKind::Array(items),
                    });
                }
                loop {
                    self.ws();
                    items.push(self.value(depth + 1)?);
                    self.ws();
                    match self.s.get(self.pos) {
                        Some(b',') => {
                            let comma = self.pos;
                            self.pos += 1;
                            self.ws();
                            if self.s.get(self.pos) == Some(&b']') {
                                return Err(self.err_at(
                                    comma,
                                    "a comma before `]`",
                                    Some("JSON allows no comma after the last item of a list"),
                                ));
                            }
                        }
                        Some(b']') => {
                            self.pos += 1;
                            return Ok(Node {
                                span: start..self.pos,
                                kind: NodeKind::Array(items),
                            });
                        }
                        _ => {
                            let msg =
                                format!("expected `,` or `]` in a list, found {}", self.found());
                            return Err(self.err_at(
                                self.pos,
                                &msg,
                                Some("separate list items with commas"),
                            ));
                        }
                    }
                }
            }
            Some(b'"') => {
                let s = self.string()?;
                Ok(Node {
                    span: start..self.pos,
                    kind: NodeKind::Str(s),
                })
            }
            Some(b't') => self.literal("true", NodeKind::Bool(true)),
            Some(b'f') => self.literal("false", NodeKind::Bool(false)),
            Some(b'n') => self.literal("null", NodeKind::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => {
                let msg = format!("expected a value, found {}", self.found());
                Err(self.err_at(
                    self.pos,
                    &msg,
                    Some("values are \"text\", numbers, true/false, [lists] or {objects}"),
                ))
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let mut entries: Vec<(Key, Node)> = Vec::new();
        // The names seen so far, for duplicates: a set, so a huge object costs linear time.
        let mut names: std::collections::HashSet<String> = std::collections::HashSet::new();
        self.ws();
        if self.s.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return Ok(Node {
                span: start..self.pos,
                kind: NodeKind::Table(entries),
            });
        }
        loop {
            self.ws();
            if self.s.get(self.pos) != Some(&b'"') {
                let msg = format!(
                    "expected a field name in double quotes, found {}",
                    self.found()
                );
                return Err(self.err_at(
                    self.pos,
                    &msg,
                    Some("JSON field names are quoted: \"title\": \"...\""),
                ));
            }
            let kstart = self.pos;
            let name = self.string()?;
            let key = Key {
                name,
                span: kstart..self.pos,
            };
            if !names.insert(key.name.clone()) {
                let msg = format!("the field `{}` appears twice in this object", key.name);
                return Err(SyntaxError {
                    span: key.span,
                    message: msg,
                    hint: Some("keep one of them".into()),
                });
            }
            self.ws();
            if self.s.get(self.pos) != Some(&b':') {
                let msg = format!("expected `:` after the field name, found {}", self.found());
                return Err(self.err_at(self.pos, &msg, None));
            }
            self.pos += 1;
            self.ws();
            let value = self.value(depth + 1)?;
            entries.push((key, value));
            self.ws();
            match self.s.get(self.pos) {
                Some(b',') => {
                    let comma = self.pos;
                    self.pos += 1;
                    self.ws();
                    if self.s.get(self.pos) == Some(&b'}') {
                        return Err(self.err_at(
                            comma,
                            "a comma before `}`",
                            Some("JSON allows no comma after the last field of an object"),
                        ));
                    }
                }
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Node {
                        span: start..self.pos,
                        kind: NodeKind::Table(entries),
                    });
                }
                _ => {
                    let msg = format!("expected `,` or `}}` after a field, found {}", self.found());
                    return Err(self.err_at(
                        self.pos,
                        &msg,
                        Some("separate fields with commas and close objects with `}`"),
                    ));
                }
            }
        }
    }

    fn literal(&mut self, word: &str, kind: NodeKind) -> Result<Node, SyntaxError> {
        let start = self.pos;
        if self.s[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(Node {
                span: start..self.pos,
                kind,
            })
        } else {
            Err(self.err_at(
                start,
                "expected a value",
                Some("text must be in double quotes"),
            ))
        }
    }

    fn number(&mut self) -> Result<Node, SyntaxError> {
        let start = self.pos;
        let mut is_float = false;
        if self.s.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        let digits = |p: &mut Self| {
            let b = p.pos;
            while let Some(b'0'..=b'9') = p.s.get(p.pos) {
                p.pos += 1;
            }
            p.pos > b
        };
        if !digits(self) {
            return Err(self.err_at(start, "a number needs digits", None));
        }
        if self.s.get(self.pos) == Some(&b'.') {
            is_float = true;
            self.pos += 1;
            if !digits(self) {
                return Err(self.err_at(self.pos, "expected digits after the decimal point", None));
            }
        }
        if let Some(b'e' | b'E') = self.s.get(self.pos) {
            is_float = true;
            self.pos += 1;
            if let Some(b'+' | b'-') = self.s.get(self.pos) {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(self.err_at(self.pos, "expected digits in the exponent", None));
            }
        }
        let raw = &self.text[start..self.pos];
        let kind = if is_float {
            match raw.parse::<f64>() {
                Ok(x) if x.is_finite() => NodeKind::Float(x + 0.0),
                _ => return Err(self.err_at(start, "this number is out of range", None)),
            }
        } else {
            match raw.parse::<i64>() {
                Ok(n) => NodeKind::Int(n),
                Err(_) => return Err(self.err_at(start, "this number is too large", None)),
            }
        };
        Ok(Node {
            span: start..self.pos,
            kind,
        })
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            while let Some(&b) = self.s.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.text[run_start..self.pos]);
            match self.s.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let esc = self.s.get(self.pos).copied();
                    self.pos += 1;
                    match esc {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let hi = self.hex4()?;
                            let c = if (0xD800..0xDC00).contains(&hi) {
                                if self.s[self.pos..].starts_with(b"\\u") {
                                    self.pos += 2;
                                    let lo = self.hex4()?;
                                    if !(0xDC00..0xE000).contains(&lo) {
                                        return Err(self.err_at(
                                            self.pos - 6,
                                            "an unpaired surrogate escape",
                                            None,
                                        ));
                                    }
                                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                                } else {
                                    None
                                }
                            } else {
                                char::from_u32(hi)
                            };
                            match c {
                                Some(c) => out.push(c),
                                None => {
                                    return Err(self.err_at(
                                        self.pos - 6,
                                        "an invalid \\u escape",
                                        None,
                                    ));
                                }
                            }
                        }
                        _ => {
                            return Err(self.err_at(
                                self.pos - 2,
                                "an unknown escape in text",
                                Some("write a backslash as \\\\"),
                            ));
                        }
                    }
                }
                Some(_) => {
                    return Err(self.err_at(
                        self.pos,
                        "a line break or control character inside text",
                        Some("write a line break inside text as \\n"),
                    ));
                }
                None => {
                    return Err(self.err_at(
                        open,
                        "this text is never closed",
                        Some("add the closing `\"`"),
                    ));
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let h = self
            .text
            .get(self.pos..self.pos + 4)
            .and_then(|h| u32::from_str_radix(h, 16).ok());
        match h {
            Some(v) => {
                self.pos += 4;
                Ok(v)
            }
            None => Err(self.err_at(self.pos, "expected four hex digits after \\u", None)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_keeps_spans_and_unicode() {
        let text = r#"{"name": "Zo\u00eb \ud83d\ude00", "n": [1, 2.5]}"#;
        let node = parse_json(text).unwrap();
        let name = node.get("name").unwrap();
        assert_eq!(name.kind, NodeKind::Str("Zoë 😀".into()));
        assert_eq!(&text[name.span.clone()], r#""Zo\u00eb \ud83d\ude00""#);
        let n = node.get("n").unwrap();
        assert!(matches!(&n.kind, NodeKind::Array(v) if v[1].kind == NodeKind::Float(2.5)));
    }

    #[test]
    fn json_refuses_deep_nesting_without_overflowing() {
        let text = "[".repeat(100_000);
        let err = parse_json(&text).unwrap_err();
        assert!(err.message.contains("nested more than"), "{}", err.message);
    }

    #[test]
    fn json_trailing_comma_and_duplicate_keys() {
        let err = parse_json("{\"a\": 1,\n}").unwrap_err();
        assert!(err.message.contains("comma before `}`"));
        assert_eq!(err.span.start, 7);
        let err = parse_json(r#"{"a": 1, "a": 2}"#).unwrap_err();
        assert!(err.message.contains("appears twice"));
    }

    #[test]
    fn toml_dates_and_spans() {
        let text = "start = 2026-01-05\nname = \"x\"\n";
        let node = parse_toml(text).unwrap();
        assert_eq!(
            node.get("start").unwrap().kind,
            NodeKind::DateLit("2026-01-05".into())
        );
        assert_eq!(&text[node.get("name").unwrap().span.clone()], "\"x\"");
    }

    #[test]
    fn negative_zero_is_read_as_zero() {
        for node in [
            parse_json(r#"{"a": -0.0, "b": -0e5}"#).unwrap(),
            parse_toml("a = -0.0\nb = -0e5\n").unwrap(),
        ] {
            for k in ["a", "b"] {
                let NodeKind::Float(x) = node.get(k).unwrap().kind else {
                    panic!("{k} is a float")
                };
                assert!(x == 0.0 && x.is_sign_positive(), "{k}: {x}");
            }
        }
    }

    #[test]
    fn toml_deep_nesting_is_an_error_not_a_crash() {
        let text = format!("a = {}{}", "[".repeat(5000), "]".repeat(5000));
        assert!(parse_toml(&text).is_err());
    }
}
