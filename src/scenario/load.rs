//! Loading a scenario: from bytes to a validated `Scenario`, or to diagnostics that say what is
//! wrong and where. Refuses input that is not a scenario at all (binary data, huge files, deep
//! nesting) with a diagnostic; never panics.

use std::path::{Path, PathBuf};

use ron::error::{Error as RonError, SpannedError};
use ron::extensions::Extensions;

use super::diagnostic::{Code, Diagnostic, Finding, line_column, offset_of};
use super::model::Scenario;
use super::source_map::SourceMap;
use super::validate::{AssetRoot, validate};
use crate::files::{self, ReadError};

/// The largest scenario file accepted. A realistic course of 120 nodes is about 100 KiB; this
/// leaves room for forty times that while refusing anything that is clearly not a scenario.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// How deeply values may nest. A scenario needs about 12 levels (conditions nest further);
/// RON's parser stops past this, so a hostile file cannot overflow the stack.
pub const MAX_NESTING: usize = 64;

/// The RON dialect of scenario files: `Some(...)` may be left out around optional values, and
/// a node's fields go straight inside its kind (`Client(id: ...)`, not `Client((id: ...))`).
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME | Extensions::UNWRAP_VARIANT_NEWTYPES)
        .with_recursion_limit(MAX_NESTING)
}

/// The result of checking one file: the scenario if it has no errors, and every finding.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The name the diagnostics use for the file.
    pub file: String,
    /// The text, for drawing diagnostics (empty if the file could not be read as text).
    pub source: String,
    pub scenario: Option<Scenario>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// A file or folder that could not be read at all.
    pub fn io_error(file: &str, message: String) -> Self {
        Self::refused(
            file,
            Code::Io,
            message,
            "check the path and its permissions",
        )
    }

    /// This file, refused because an earlier file already has its scenario's id.
    pub fn conflict(self, earlier: &str) -> Self {
        let id = self
            .scenario
            .as_ref()
            .map(|s| s.id.clone())
            .unwrap_or_default();
        let mut refused = Self::refused(
            &self.file,
            Code::DuplicateScenario,
            format!("the scenario id `{id}` is already used by `{earlier}`"),
            "give one of the two files another `id`",
        );
        refused.source = self.source;
        refused
    }

    fn refused(file: &str, code: Code, message: String, hint: &str) -> Self {
        Checked {
            file: file.to_owned(),
            source: String::new(),
            scenario: None,
            diagnostics: vec![Diagnostic {
                code,
                severity: code.severity(),
                file: file.to_owned(),
                line: 1,
                column: 1,
                span: 0..0,
                path: String::new(),
                message,
                label: String::new(),
                hint: Some(hint.to_owned()),
            }],
        }
    }
}

/// Reads and checks a scenario file; assets are looked up beside it.
pub fn load_file(path: &Path) -> Checked {
    let file = path.display().to_string();
    // A bare file name's folder is the current one (`Path::parent` gives an empty path, which
    // would resolve nowhere when assets are checked).
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match files::read_capped(path, MAX_FILE_BYTES) {
        Ok(bytes) => load_bytes(&file, &bytes, &AssetRoot::Folder(folder)),
        Err(ReadError::TooLarge(_)) => too_large(&file),
        Err(error) => Checked::io_error(&file, format!("cannot read `{file}`: {error}")),
    }
}

fn too_large(file: &str) -> Checked {
    Checked::refused(
        file,
        Code::TooLarge,
        format!(
            "the file is over the {} limit for a scenario",
            files::size(MAX_FILE_BYTES)
        ),
        "a scenario is a text file of at most a few hundred KiB; is this the right file?",
    )
}

/// The byte order mark some editors put at the start of UTF-8 files.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Checks a scenario given as bytes (the file name is for the diagnostics only).
pub fn load_bytes(file: &str, bytes: &[u8], assets: &AssetRoot) -> Checked {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return too_large(file);
    }
    // A leading byte order mark is not part of the text; lines and columns count without it.
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(source) => load_source(file, source, assets),
        Err(error) => {
            let valid = std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default();
            let (line, column) = line_column(valid, valid.len());
            let mut checked = Checked::refused(
                file,
                Code::NotText,
                format!("the file is not UTF-8 text (invalid byte at {line}:{column})"),
                "a scenario is a RON text file saved as UTF-8",
            );
            if let Some(d) = checked.diagnostics.first_mut() {
                d.line = line;
                d.column = column;
            }
            checked
        }
    }
}

/// Parses scenario text and validates its structure (the rubric's rules are added by
/// `analysis::check`, which knows the rubric).
pub fn load_source(file: &str, source: &str, assets: &AssetRoot) -> Checked {
    let mut checked = Checked {
        file: file.to_owned(),
        source: source.to_owned(),
        scenario: None,
        diagnostics: Vec::new(),
    };
    match ron_options().from_str::<Scenario>(source) {
        Err(error) => checked
            .diagnostics
            .push(parse_diagnostic(file, source, &error)),
        Ok(scenario) => {
            let findings = validate(&scenario, assets);
            checked.scenario = Some(scenario);
            checked.add(findings);
        }
    }
    checked
}

impl Checked {
    /// Adds findings about the loaded scenario, placed in the file; a scenario with errors is
    /// not kept.
    pub fn add(&mut self, findings: Vec<Finding>) {
        if !findings.is_empty() {
            // Only a file with findings pays for mapping paths back to positions.
            let map = SourceMap::new(&self.source);
            self.diagnostics.extend(
                findings
                    .into_iter()
                    .map(|f| place(&self.file, &self.source, &map, f)),
            );
            self.diagnostics.sort_by_key(|d| (d.line, d.column));
        }
        if self.errors() > 0 {
            self.scenario = None;
        }
    }
}

/// Turns a path-based finding into a diagnostic with a line and column.
fn place(file: &str, source: &str, map: &SourceMap, finding: Finding) -> Diagnostic {
    let span = map.span_of(&finding.path).unwrap_or(0..0);
    let (line, column) = line_column(source, span.start);
    Diagnostic {
        code: finding.code,
        severity: finding.code.severity(),
        file: file.to_owned(),
        line,
        column,
        span,
        path: finding.path.to_string(),
        message: finding.message,
        label: finding.label,
        hint: finding.hint,
    }
}

/// Turns RON's error into a diagnostic, with "did you mean" for misspelt names.
fn parse_diagnostic(file: &str, source: &str, error: &SpannedError) -> Diagnostic {
    let mut start = offset_of(source, error.span.start.line, error.span.start.col);
    let mut end = offset_of(source, error.span.end.line, error.span.end.col).max(start);
    let (mut code, mut message, mut label, mut hint) = describe(&error.code);
    // RON reads `rapport: 5.5` as the integer 5 followed by a stray `.5`, and asks for a comma;
    // the author needs to hear that the field takes a whole number.
    if matches!(error.code, RonError::ExpectedComma)
        && let Some(number) = fraction_at(source, start)
    {
        (start, end) = (number.start, number.end);
        code = Code::InvalidValue;
        message = format!(
            "expected a whole number, found `{}`",
            source.get(number).unwrap_or_default()
        );
        label = "not a whole number".into();
        hint = Some("this field takes an integer, such as `5` or `-2`".into());
    }
    let map = SourceMap::new(source);
    let path = map.path_at(start);
    if code == Code::MissingField {
        // RON notices a missing field at the closing bracket; point at the struct's name.
        if let Some(head) = map.head_at(start) {
            (start, end) = (head.start, head.end);
        }
    }
    // RON's span starts where the previous token ended; point at the offending token itself.
    let blank = source
        .get(start..)
        .map_or(0, |rest| rest.len() - rest.trim_start().len());
    start = (start + blank).min(source.len());
    end = end.max(start);
    let (line, column) = line_column(source, start);
    Diagnostic {
        code,
        severity: code.severity(),
        file: file.to_owned(),
        line,
        column,
        span: start..end,
        path: path.to_string(),
        message,
        label,
        hint,
    }
}

/// The number with a fractional part whose `.` sits at `at` (just after its integer part).
fn fraction_at(source: &str, at: usize) -> Option<std::ops::Range<usize>> {
    let bytes = source.as_bytes();
    if bytes.get(at) != Some(&b'.') || !bytes.get(at + 1)?.is_ascii_digit() {
        return None;
    }
    let digits_before = bytes[..at]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits_before == 0 {
        return None;
    }
    let mut begin = at - digits_before;
    if begin > 0 && matches!(bytes[begin - 1], b'-' | b'+') {
        begin -= 1;
    }
    let digits_after = bytes[at + 1..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    Some(begin..at + 1 + digits_after)
}

fn names(list: &[&str]) -> String {
    list.iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn describe(error: &RonError) -> (Code, String, String, Option<String>) {
    use super::diagnostic::did_you_mean;
    let within = |outer: &Option<String>| {
        outer
            .as_ref()
            .map(|o| format!(" in `{o}`"))
            .unwrap_or_default()
    };
    match error {
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => (
            Code::UnknownField,
            format!("unknown field `{found}`{}", within(outer)),
            "unknown field".into(),
            did_you_mean(found, expected.iter().copied())
                .or_else(|| Some(format!("the fields here are {}", names(expected)))),
        ),
        RonError::MissingStructField { field, outer } => (
            Code::MissingField,
            format!("missing field `{field}`{}", within(outer)),
            format!("`{field}` is required here"),
            Some(format!("add `{field}: ...`")),
        ),
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => (
            Code::UnknownVariant,
            format!("`{found}` is not allowed here{}", within(outer)),
            "unknown name".into(),
            // Files written before scoring v2 marked risk lines `risk: true`.
            if outer.as_deref() == Some("Risk") && matches!(found.as_str(), "true" | "false") {
                Some(
                    "since scoring v2 a risk line is `risk: Cue` (hopelessness: the next reply \
                     must ask) or `risk: Disclosure` (suicidal thoughts: the next reply must \
                     respond and a safety plan must follow in the session); leave `risk` out for \
                     a plain line"
                        .into(),
                )
            } else {
                did_you_mean(found, expected.iter().copied())
                    .or_else(|| Some(format!("expected one of {}", names(expected))))
            },
        ),
        RonError::DuplicateStructField { field, outer } => (
            Code::DuplicateField,
            format!("the field `{field}` is given twice{}", within(outer)),
            "given again here".into(),
            Some("keep one of them".into()),
        ),
        RonError::ExceededRecursionLimit => (
            Code::TooDeep,
            format!("values are nested more than {MAX_NESTING} levels deep"),
            "too deep".into(),
            Some("a scenario never needs this much nesting; is this the right file?".into()),
        ),
        RonError::Utf8Error(_) => (
            Code::NotText,
            "the file is not UTF-8 text".into(),
            "invalid text".into(),
            None,
        ),
        RonError::ExpectedInteger
        | RonError::ExpectedFloat
        | RonError::ExpectedBoolean
        | RonError::ExpectedString
        | RonError::ExpectedChar
        | RonError::ExpectedArray
        | RonError::ExpectedMap
        | RonError::ExpectedOption
        | RonError::ExpectedUnit
        | RonError::ExpectedStructLike
        | RonError::ExpectedNamedStructLike(_) => (
            Code::InvalidValue,
            format!("wrong kind of value: {}", lower_first(&error.to_string())),
            "not the expected kind of value".into(),
            Some("see the field's type in scenarios/README.md".into()),
        ),
        RonError::InvalidValueForType { .. }
        | RonError::ExpectedDifferentLength { .. }
        | RonError::IntegerOutOfBounds
        | RonError::Message(_) => (
            Code::InvalidValue,
            error.to_string(),
            "wrong value".into(),
            Some("see the field's type in scenarios/README.md".into()),
        ),
        RonError::ExpectedDifferentStructName { expected, found } => (
            Code::UnknownVariant,
            format!("expected `{expected}` here, found `{found}`"),
            "wrong name".into(),
            Some(format!("write `{expected}(...)`, or leave the name out")),
        ),
        other => (
            Code::Syntax,
            format!("syntax error: {}", lower_first(&other.to_string())),
            "here".into(),
            Some(syntax_hint(other).into()),
        ),
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

fn syntax_hint(error: &RonError) -> &'static str {
    match error {
        RonError::ExpectedComma => "separate fields and list items with commas",
        RonError::ExpectedStringEnd => "text goes in double quotes: \"like this\"",
        RonError::Eof => "a bracket or quote opened earlier is never closed",
        RonError::TrailingCharacters => "a scenario file holds exactly one `Scenario(...)`",
        _ => "compare with the annotated example in scenarios/README.md",
    }
}

/// Parses text into a scenario with no validation: the baseline the `check` benchmark compares
/// against.
pub fn parse_only(source: &str) -> Result<Scenario, SpannedError> {
    ron_options().from_str(source)
}
