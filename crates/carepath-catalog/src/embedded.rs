//! The embedded catalog, read at build time.
//!
//! `build.rs` parses `data/catalog.toml`, checks its integrity (a problem fails the build,
//! with the file, line and column of each), and writes the parsed TOML as static data: a tree
//! of [`Node`]s. At run time [`catalog`] deserialises that tree with the same serde derives
//! that read TOML, so defaults, enums and unknown-field checks behave exactly as
//! [`Catalog::from_toml_str`](crate::Catalog::from_toml_str) does; the text is never
//! tokenised, and only the strings are allocated.
//!
//! Why a static tree rather than the alternatives:
//! - a postcard or bincode blob is not self-describing, and the model's
//!   `skip_serializing_if` (which keeps its JSON output tidy) breaks such formats; it would
//!   also add a dependency;
//! - generated Rust constructors cannot be `static` (the model holds `String`, `Vec` and
//!   `BTreeMap`), and would need a generator per type, a second copy of the model;
//! - the tree needs neither: the build script writes six kinds of value, and this module is
//!   a small serde `Deserializer` over them.
//!
//! The tree holds no pointers: strings are ranges of one [`TEXT`], arrays ranges of
//! [`NODES`], tables ranges of [`ENTRIES`]. A tree of `&'static` references (as it was) put
//! one relocation per reference in the position-independent binary, about 15,000 of them (a
//! quarter of the binary's), which the loader patched, copying some 300 KB of pages, on every
//! start, whether the command needed the catalog or not. Offsets cost nothing until read.

use serde::Deserialize;
use serde::de::value::{Error, MapDeserializer, SeqDeserializer};
use serde::de::{self, IntoDeserializer, Visitor};

use crate::model::{Catalog, Role};

/// A TOML value, as static data. Ranges are `start, len`.
#[derive(Debug)]
pub(crate) enum Node {
    /// A range of [`TEXT`].
    Str(u32, u32),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// A range of [`NODES`].
    Array(u32, u32),
    /// A range of [`ENTRIES`]: key (a range of [`TEXT`]) and value, in the order
    /// `toml::Table` keeps them (sorted).
    Table(u32, u32),
}

// `static TEXT`, `NODES`, `ENTRIES` and `ROOT`, written by build.rs.
include!(concat!(env!("OUT_DIR"), "/embedded_catalog.rs"));

/// The embedded catalog, built from the static tree: the roles (about two fifths of it) and the
/// rest joined on rayon's threads, the pool the CLI's exporters use next. The result is the same
/// value as deserialising the whole tree at once (a test compares it with the parsed TOML).
pub(crate) fn catalog() -> Result<Catalog, Error> {
    let Node::Table(start, len) = ROOT else {
        return Catalog::deserialize(&ROOT);
    };
    let entries = &ENTRIES[range(start, len)];
    let is_roles = |(key, key_len, _): &&(u32, u32, Node)| text(*key, *key_len) == "roles";
    let Some((_, _, roles)) = entries.iter().find(is_roles) else {
        return Catalog::deserialize(&ROOT);
    };
    let rest = || {
        // A map deserialiser checks, as the whole table's does, that every entry was read.
        Catalog::deserialize(MapDeserializer::new(
            entries
                .iter()
                .filter(|e| !is_roles(e))
                .map(|(key, key_len, value)| (text(*key, *key_len), value)),
        ))
    };
    let (roles, rest) = rayon::join(|| Vec::<Role>::deserialize(roles), rest);
    let mut catalog = rest?;
    catalog.roles = roles?;
    Ok(catalog)
}

fn range(start: u32, len: u32) -> std::ops::Range<usize> {
    start as usize..start as usize + len as usize
}

fn text(start: u32, len: u32) -> &'static str {
    &TEXT[range(start, len)]
}

impl<'de> de::Deserializer<'de> for &'static Node {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Node::Str(start, len) => visitor.visit_borrowed_str(text(*start, *len)),
            Node::Int(n) => visitor.visit_i64(*n),
            Node::Float(x) => visitor.visit_f64(*x),
            Node::Bool(b) => visitor.visit_bool(*b),
            Node::Array(start, len) => {
                let mut seq = SeqDeserializer::new(NODES[range(*start, *len)].iter());
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Node::Table(start, len) => {
                let entries = ENTRIES[range(*start, *len)].iter();
                let mut map = MapDeserializer::new(
                    entries.map(|(key, key_len, value)| (text(*key, *key_len), value)),
                );
                let value = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(value)
            }
        }
    }

    /// TOML has no null: a value that is there is `Some`.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    /// Enums are unit variants written as strings (`track = "nursing"`).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self {
            Node::Str(start, len) => visitor.visit_enum(
                IntoDeserializer::<Error>::into_deserializer(text(*start, *len)),
            ),
            _ => Err(de::Error::custom("expected a string naming a variant")),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

impl<'de> IntoDeserializer<'de, Error> for &'static Node {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}
