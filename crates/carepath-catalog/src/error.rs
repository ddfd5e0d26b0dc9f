use std::fmt;
use std::ops::Range;

/// A catalog that could not be read: a message and, where known, the byte span it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogError {
    message: String,
    span: Option<Range<usize>>,
}

impl CatalogError {
    pub fn new(message: impl Into<String>, span: Option<Range<usize>>) -> Self {
        CatalogError {
            message: message.into(),
            span,
        }
    }

    pub(crate) fn from_toml(error: toml::de::Error) -> Self {
        CatalogError::new(error.message().trim_end(), error.span())
    }

    /// What went wrong, in one or a few lines, without location.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Byte offsets into the catalog text.
    pub fn span(&self) -> Option<Range<usize>> {
        self.span.clone()
    }

    /// The 1-based line and column (in characters) where the span starts in `text`.
    pub fn line_col(&self, text: &str) -> Option<(usize, usize)> {
        let start = self.span.as_ref()?.start.min(text.len());
        let before = text.get(..start)?;
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Some((line, column))
    }
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CatalogError {}
