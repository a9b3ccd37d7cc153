//! Diagnostics: every finding about a scenario file, with a stable code, a severity, a place
//! (file, line, column, serde path), a message and a hint, drawn like rustc's or given as JSON.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use super::ids::escaped;
use super::source_map::DataPath;

/// How serious a finding is. Errors stop a scenario from loading; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $severity:ident, $summary:literal;)*) => {
        /// Every kind of finding. The code string of each is stable: documentation, tests and
        /// instructors' notes refer to it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code { $($variant,)* }

        impl Code {
            /// Every code, in numeric order.
            pub const ALL: &[Code] = &[$(Code::$variant,)*];

            /// The stable code, e.g. `E0012`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// What the code means in a few words, for the authoring guide.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }
        }
    };
}

codes! {
    Syntax = "E0001", Error, "the text is not valid RON";
    UnknownField = "E0002", Error, "a field the format does not have";
    MissingField = "E0003", Error, "a required field is missing";
    UnknownVariant = "E0004", Error, "a value that is not one of the allowed names";
    InvalidValue = "E0005", Error, "a value of the wrong type or out of range";
    NotText = "E0006", Error, "the file is not UTF-8 text";
    TooLarge = "E0007", Error, "the file is larger than the size limit";
    TooDeep = "E0008", Error, "values nested deeper than the limit";
    DuplicateField = "E0009", Error, "a field given twice";
    DuplicateId = "E0010", Error, "two nodes, choices, lines or statements share an id";
    MissingStart = "E0011", Error, "`start` names no node";
    UndefinedNode = "E0012", Error, "a jump to a node that does not exist";
    DeadEnd = "E0013", Error, "a node that is not an ending and has no way on";
    CycleWithoutExit = "E0014", Error, "a loop that never reaches an ending";
    Unreachable = "W0015", Warning, "a node that no path from the start reaches";
    FlagNeverSet = "W0016", Warning, "a flag that is read but never set";
    FlagNeverRead = "W0017", Warning, "a flag that is set but never read";
    AllHidden = "W0018", Warning, "every option of a choice point (or every line variant) can be hidden";
    NoFeedback = "W0019", Warning, "a scored choice without a rationale";
    UnknownItem = "E0020", Error, "evidence for a rubric item that does not exist";
    NoFormulation = "E0021", Error, "no formulation step, so the problem area cannot be scored";
    NoSickRole = "E0022", Error, "no chance to give both halves of the sick role in the initial phase";
    NoTermination = "E0023", Error, "no termination phase with a chance to score termination";
    PhaseOrder = "E0024", Error, "sessions out of IPT order or outside the time limit";
    AssetMissing = "E0025", Error, "a referenced file that does not exist";
    AssetOutside = "E0026", Error, "an asset path that leaves the scenario's folder";
    EmptyList = "E0027", Error, "a list that must not be empty is empty";
    UnknownExpert = "E0028", Error, "`expert` names no choice of its node";
    BackInTime = "W0029", Warning, "a jump back to an earlier session";
    OutOfRange = "E0030", Error, "a number outside its range";
    Io = "E0031", Error, "the file could not be read";
    DuplicateScenario = "E0032", Error, "two scenario files in the library share an id";
    RiskNoReply = "E0033", Error, "a risk cue or disclosure that no next reply can answer";
    RiskNoPlan = "E0034", Error, "a disclosure with no way to a safety plan in its session";
    ProscribedCredit = "E0035", Error, "credit for a proscribed technique, which can only be `Against`";
    OutOfPhase = "W0036", Warning, "a rubric item evidenced outside the phase IPT does it in";
    SurfacePasses = "W0037", Warning, "a strategy that knows nothing of IPT passes the scenario";
    PromptNamesTask = "W0038", Warning, "a prompt that names the task the trainee should recognise";
    InvalidId = "E0039", Error, "an id with characters or a length the format does not accept";
    NoDisputeStage = "W0040", Warning, "a role-dispute course that never asks for the dispute's stage";
    NoReferral = "E0041", Error, "a referral course with no choice that refers, or no `Referral` ending";
}

/// A code is written as its stable string (`"E0012"`) in JSON.
impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One finding, placed in its file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// The file as the user named it (or `builtin:NAME` for the embedded library).
    pub file: String,
    /// 1-based line and column (in characters) of the start of the span.
    pub line: usize,
    pub column: usize,
    /// The byte range in the file, for drawing.
    #[serde(skip)]
    pub span: Range<usize>,
    /// Where in the data: `course.sessions[0].nodes[3].choices[1].goto`.
    pub path: String,
    pub message: String,
    /// What the caret points at, in a few words.
    pub label: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Draws the finding the way rustc does, with the source line and a caret.
    pub fn render(&self, source: &str, renderer: &Renderer) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let span = clamp_span(source, self.span.clone());
        // The source line is shown with its hidden characters (controls, direction marks)
        // replaced by visible ones of the same length, so that spans still line up and a
        // hostile file cannot drive the terminal.
        let shown = visible(source);
        let (file, message, label) = (
            escaped(&self.file),
            escaped(&self.message),
            escaped(&self.label),
        );
        let hint = self.hint.as_deref().map(escaped);
        let mut snippet = Snippet::source(shown.as_str())
            .path(file.as_str())
            .fold(true);
        if !source.is_empty() {
            snippet = snippet.annotation(AnnotationKind::Primary.span(span).label(label.as_str()));
        }
        let mut group = level
            .primary_title(message.as_str())
            .id(self.code.as_str())
            .element(snippet);
        let path_note = format!("at `{}`", escaped(&self.path));
        if !self.path.is_empty() {
            group = group.element(Level::NOTE.message(path_note.as_str()));
        }
        if let Some(hint) = &hint {
            group = group.element(Level::HELP.message(hint.as_str()));
        }
        let report: &[Group<'_>] = &[group];
        renderer.render(report)
    }
}

/// The text with every hidden character replaced by a visible one of the same length in UTF-8.
fn visible(source: &str) -> String {
    source
        .chars()
        .map(|c| {
            if !super::ids::hidden(c) || matches!(c, '\n' | '\r' | '\t') {
                return c;
            }
            match c.len_utf8() {
                1 => '?',
                2 => '\u{bf}',
                3 => '\u{fffd}',
                _ => '\u{1f5cb}',
            }
        })
        .collect()
}

/// Keeps a span inside the text and on character boundaries, so drawing never panics.
fn clamp_span(source: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.min(source.len());
    while !source.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, source.len());
    while !source.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// The 1-based line and column (in characters) of a byte offset.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let offset = clamp_span(source, offset..offset).start;
    let before = &source[..offset];
    let line = 1 + before.bytes().filter(|&b| b == b'\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = 1 + before[line_start..].chars().count();
    (line, column)
}

/// The byte offset of a 1-based line and column (in characters), as RON reports positions.
pub fn offset_of(source: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line {
        match source[offset..].find('\n') {
            Some(i) => offset += i + 1,
            None => return source.len(),
        }
    }
    let rest = &source[offset..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let within = rest[..line_end]
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(line_end))
        .nth(column.saturating_sub(1))
        .unwrap_or(line_end);
    offset + within
}

/// A finding before it is placed in a file: the validator speaks in serde paths, and the
/// loader turns paths into lines and columns only when there is something to report.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub code: Code,
    pub path: DataPath,
    pub message: String,
    pub label: String,
    pub hint: Option<String>,
}

impl Finding {
    pub fn new(code: Code, path: DataPath, message: impl Into<String>) -> Self {
        Finding {
            code,
            path,
            message: message.into(),
            label: String::new(),
            hint: None,
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn maybe_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }
}

/// "did you mean" for a misspelt name among the known ones, if one is close enough.
pub fn did_you_mean<'a>(found: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    known
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(found, candidate), candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| format!("did you mean `{candidate}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_positions_agree() {
        let text = "ab\ncdé\nf";
        for offset in [0, 1, 3, 5, 8, 9] {
            let (line, column) = line_column(text, offset);
            assert_eq!(offset_of(text, line, column), offset, "offset {offset}");
        }
        assert_eq!(line_column(text, 8), (3, 1));
    }

    #[test]
    fn codes_are_unique_and_match_their_severity() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "{} twice", code.as_str());
            let letter = if code.severity() == Severity::Error {
                'E'
            } else {
                'W'
            };
            assert!(code.as_str().starts_with(letter), "{}", code.as_str());
        }
    }

    #[test]
    fn hidden_characters_are_drawn_visibly_at_the_same_offsets() {
        let text = "a\u{1b}[2Jb \u{202e}cd \u{61c}e";
        let shown = visible(text);
        assert_eq!(shown.len(), text.len());
        assert!(!shown.chars().any(super::super::ids::hidden));
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("sick_role_legitmise", ["sick_role_legitimise", "diagnosis"]).as_deref(),
            Some("did you mean `sick_role_legitimise`?")
        );
        assert_eq!(did_you_mean("zzz", ["diagnosis"]), None);
    }
}
