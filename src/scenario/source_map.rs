//! Where each value of a RON document sits, by serde path (`course.sessions[0].nodes[3].goto`).
//!
//! serde forgets positions once a value is deserialized, so semantic diagnostics would have no
//! line and column. This module reads the same text once more, shallowly (no types, no escapes
//! decoded), into a tree of spans. It is built only when a file has findings to report, so a
//! clean `check` never pays for it. It never panics on malformed text: it stops where it can
//! no longer follow and keeps what it has.

use std::fmt;
use std::ops::Range;

/// Deeper than this the map stops descending. RON itself refuses documents nested deeper than
/// its recursion limit (128) before the map is ever built; this bound only keeps the stack safe.
const MAX_DEPTH: usize = 256;

/// One step of a serde path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Field(String),
    Index(usize),
}

/// A serde path, printed the way serde_path_to_error prints one: `nodes[3].choices[1].goto`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataPath(pub Vec<Segment>);

impl DataPath {
    pub fn root() -> Self {
        DataPath(Vec::new())
    }

    /// This path with a field appended.
    pub fn field(&self, name: &str) -> Self {
        let mut path = self.clone();
        path.0.push(Segment::Field(name.to_owned()));
        path
    }

    /// This path with a list index appended.
    pub fn index(&self, index: usize) -> Self {
        let mut path = self.clone();
        path.0.push(Segment::Index(index));
        path
    }
}

impl fmt::Display for DataPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Field(name) if i == 0 => write!(f, "{name}")?,
                Segment::Field(name) => write!(f, ".{name}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// A value in the document and the byte range it covers.
#[derive(Debug, Clone)]
struct Value {
    span: Range<usize>,
    /// The type name (`Choice` in `Choice(...)`) or the opening bracket: where to point at the
    /// value as a whole.
    head: Range<usize>,
    kind: Kind,
}

#[derive(Debug, Clone)]
enum Kind {
    /// A string, number, identifier or anything else without children.
    Atom,
    /// `Name(field: value, ...)` or `(field: value, ...)`.
    Fields(Vec<Field>),
    /// `Name(value, ...)`: a tuple or a newtype such as `Some(x)`.
    Tuple(Vec<Value>),
    /// `[value, ...]` or the values of a `{key: value}` map.
    List(Vec<Value>),
}

#[derive(Debug, Clone)]
struct Field {
    name: String,
    name_span: Range<usize>,
    value: Value,
}

/// The span tree of one RON document.
#[derive(Debug, Clone)]
pub struct SourceMap {
    root: Option<Value>,
}

impl SourceMap {
    /// Maps `source`; whatever cannot be followed is left out rather than guessed.
    pub fn new(source: &str) -> Self {
        let mut reader = Reader {
            text: source.as_bytes(),
            at: 0,
        };
        reader.skip_attributes();
        SourceMap {
            root: reader.value(0),
        }
    }

    /// The span of the value at `path`, or of its deepest ancestor that exists in the text
    /// (a missing field points at the struct that lacks it).
    pub fn span_of(&self, path: &DataPath) -> Option<Range<usize>> {
        let mut value = self.root.as_ref()?;
        for segment in &path.0 {
            match step(value, segment) {
                Some(child) => value = child,
                None => return Some(name_span(value)),
            }
        }
        Some(value.span.clone())
    }

    /// The type name of the innermost value that contains byte `offset`: where to point when
    /// something is missing from that value.
    pub fn head_at(&self, offset: usize) -> Option<Range<usize>> {
        let path = self.path_at(offset);
        let mut value = self.root.as_ref()?;
        for segment in &path.0 {
            value = step(value, segment)?;
        }
        Some(name_span(value))
    }

    /// The path of the innermost value that contains byte `offset`, for errors reported by
    /// position (such as RON's own).
    pub fn path_at(&self, offset: usize) -> DataPath {
        let mut path = DataPath::root();
        let mut value = self.root.as_ref();
        while let Some(current) = value {
            value = match &current.kind {
                Kind::Atom => None,
                Kind::Fields(fields) => fields
                    .iter()
                    .find(|field| field.name_span.start <= offset && offset < field.value.span.end)
                    .map(|field| {
                        path.0.push(Segment::Field(field.name.clone()));
                        &field.value
                    }),
                Kind::Tuple(items) => {
                    transparent(items).filter(|inner| contains(&inner.span, offset))
                }
                Kind::List(items) => items
                    .iter()
                    .enumerate()
                    .find(|(_, item)| contains(&item.span, offset))
                    .map(|(i, item)| {
                        path.0.push(Segment::Index(i));
                        item
                    }),
            };
        }
        path
    }
}

fn contains(span: &Range<usize>, offset: usize) -> bool {
    span.start <= offset && offset < span.end
}

/// A one-element tuple (`Some(x)`, a newtype variant) is invisible in serde paths.
fn transparent(items: &[Value]) -> Option<&Value> {
    match items {
        [only] => Some(only),
        _ => None,
    }
}

fn step<'v>(value: &'v Value, segment: &Segment) -> Option<&'v Value> {
    match (&value.kind, segment) {
        (Kind::Fields(fields), Segment::Field(name)) => fields
            .iter()
            .find(|field| &field.name == name)
            .map(|field| &field.value),
        (Kind::List(items), Segment::Index(i)) => items.get(*i),
        (Kind::Tuple(items), _) => step(transparent(items)?, segment),
        _ => None,
    }
}

/// Where to point for a value as a whole: its type name if it has one, else its opening.
fn name_span(value: &Value) -> Range<usize> {
    match value.kind {
        Kind::Atom => value.span.clone(),
        _ => value.head.clone(),
    }
}

/// A cursor over the bytes of the document.
struct Reader<'t> {
    text: &'t [u8],
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.text.get(self.at + ahead).copied()
    }

    /// Skips white space and comments (`//` to the end of the line, nested `/* */`).
    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(c), _) if c.is_ascii_whitespace() => self.at += 1,
                (Some(b'/'), Some(b'/')) => {
                    while self.peek().is_some_and(|c| c != b'\n') {
                        self.at += 1;
                    }
                }
                (Some(b'/'), Some(b'*')) => {
                    self.at += 2;
                    let mut depth = 1usize;
                    while depth > 0 {
                        match (self.peek(), self.peek_at(1)) {
                            (None, _) => return,
                            (Some(b'*'), Some(b'/')) => {
                                depth -= 1;
                                self.at += 2;
                            }
                            (Some(b'/'), Some(b'*')) => {
                                depth += 1;
                                self.at += 2;
                            }
                            _ => self.at += 1,
                        }
                    }
                }
                _ => return,
            }
        }
    }

    /// Skips `#![enable(...)]` attributes before the top-level value.
    fn skip_attributes(&mut self) {
        loop {
            self.skip_trivia();
            if self.peek() != Some(b'#') {
                return;
            }
            while self.peek().is_some_and(|c| c != b']') {
                self.at += 1;
            }
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_trivia();
        if self.peek() == Some(byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        self.skip_trivia();
        let start = self.at;
        let first = self.peek()?;
        if depth > MAX_DEPTH {
            return None;
        }
        let mut head = start..start + 1;
        let kind = match first {
            b'"' => {
                self.quoted(b'"');
                Kind::Atom
            }
            b'\'' => {
                self.quoted(b'\'');
                Kind::Atom
            }
            b'r' if matches!(self.peek_at(1), Some(b'"' | b'#')) => {
                self.raw_string();
                Kind::Atom
            }
            b'b' if self.peek_at(1) == Some(b'"') => {
                self.at += 1;
                self.quoted(b'"');
                Kind::Atom
            }
            b'[' => {
                self.at += 1;
                Kind::List(self.items(b']', depth)?)
            }
            b'{' => {
                self.at += 1;
                Kind::List(self.map_values(depth)?)
            }
            b'(' => self.parenthesised(depth)?,
            c if is_ident_start(c) => {
                self.identifier();
                head = start..self.at;
                self.skip_trivia();
                if self.peek() == Some(b'(') {
                    self.parenthesised(depth)?
                } else {
                    Kind::Atom
                }
            }
            _ => {
                // Numbers and other literals: everything up to the next delimiter.
                while self.peek().is_some_and(|c| {
                    !matches!(c, b',' | b')' | b']' | b'}' | b':') && !c.is_ascii_whitespace()
                }) {
                    self.at += 1;
                }
                if self.at == start {
                    return None;
                }
                Kind::Atom
            }
        };
        Some(Value {
            span: start..self.at,
            head,
            kind,
        })
    }

    /// The inside of `( ... )`, as named fields if it starts with `name:`, else as a tuple.
    fn parenthesised(&mut self, depth: usize) -> Option<Kind> {
        self.at += 1; // the `(`
        let save = self.at;
        self.skip_trivia();
        let name_start = self.at;
        if self.peek().is_some_and(is_ident_start) {
            self.identifier();
            if self.eat(b':') {
                self.at = name_start;
                return self.fields(depth).map(Kind::Fields);
            }
        }
        self.at = save;
        self.items(b')', depth).map(Kind::Tuple)
    }

    fn fields(&mut self, depth: usize) -> Option<Vec<Field>> {
        let mut fields = Vec::new();
        loop {
            if self.eat(b')') {
                return Some(fields);
            }
            self.skip_trivia();
            let name_start = self.at;
            self.identifier();
            let name_span = name_start..self.at;
            let name = String::from_utf8_lossy(self.text.get(name_span.clone())?).into_owned();
            if name.is_empty() || !self.eat(b':') {
                return Some(fields);
            }
            let value = self.value(depth + 1)?;
            fields.push(Field {
                name,
                name_span,
                value,
            });
            if !self.eat(b',') {
                self.eat(b')');
                return Some(fields);
            }
        }
    }

    fn items(&mut self, close: u8, depth: usize) -> Option<Vec<Value>> {
        let mut items = Vec::new();
        loop {
            if self.eat(close) {
                return Some(items);
            }
            match self.value(depth + 1) {
                Some(item) => items.push(item),
                None => return Some(items),
            }
            if !self.eat(b',') {
                self.eat(close);
                return Some(items);
            }
        }
    }

    fn map_values(&mut self, depth: usize) -> Option<Vec<Value>> {
        let mut values = Vec::new();
        loop {
            if self.eat(b'}') {
                return Some(values);
            }
            self.value(depth + 1)?;
            if !self.eat(b':') {
                return Some(values);
            }
            match self.value(depth + 1) {
                Some(value) => values.push(value),
                None => return Some(values),
            }
            if !self.eat(b',') {
                self.eat(b'}');
                return Some(values);
            }
        }
    }

    fn identifier(&mut self) {
        if self.peek() == Some(b'r') && self.peek_at(1) == Some(b'#') {
            self.at += 2;
        }
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80)
        {
            self.at += 1;
        }
    }

    /// Skips a quoted literal (`"..."` or `'...'`) with backslash escapes.
    fn quoted(&mut self, quote: u8) {
        self.at += 1; // the opening quote
        while let Some(c) = self.peek() {
            self.at += 1;
            if c == b'\\' {
                self.at += 1;
            } else if c == quote {
                return;
            }
        }
        self.at = self.at.min(self.text.len());
    }

    fn raw_string(&mut self) {
        self.at += 1; // the `r`
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.at += 1;
        }
        self.at += 1; // the opening quote
        while let Some(c) = self.peek() {
            self.at += 1;
            if c == b'"' && (0..hashes).all(|i| self.peek_at(i) == Some(b'#')) {
                self.at += hashes;
                return;
            }
        }
    }
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r##"#![enable(implicit_some)]
// a comment with "quotes" and (parens
Root(
    name: "a \" b",
    nodes: [
        A(id: "x", next: "y"),
        B(id: "y", items: [C(goto: "z"), C(goto: r#"w"#)]),
    ],
    when: Some(Flag("f")),
    map: {"k": (v: 1)},
)"##;

    fn path(text: &str) -> DataPath {
        let mut p = DataPath::root();
        for part in text.split('.') {
            let (name, rest) = part.split_once('[').unwrap_or((part, ""));
            p = p.field(name);
            if let Some(index) = rest.strip_suffix(']') {
                p = p.index(index.parse().unwrap());
            }
        }
        p
    }

    fn text_at(p: &str) -> &'static str {
        let span = SourceMap::new(DOC).span_of(&path(p)).unwrap();
        &DOC[span]
    }

    #[test]
    fn finds_values_by_path() {
        assert_eq!(text_at("name"), r#""a \" b""#);
        assert_eq!(text_at("nodes[0].next"), r#""y""#);
        assert_eq!(text_at("nodes[1].items[1].goto"), r##"r#"w"#"##);
        assert_eq!(text_at("when"), r#"Some(Flag("f"))"#);
    }

    #[test]
    fn missing_field_points_at_its_struct() {
        assert_eq!(text_at("nodes[0].missing"), "A");
        let map = SourceMap::new(DOC);
        let end_of_a = DOC.find("\"y\"),").unwrap() + 3;
        assert_eq!(&DOC[map.head_at(end_of_a).unwrap()], "A");
    }

    #[test]
    fn finds_path_by_offset() {
        let map = SourceMap::new(DOC);
        let offset = DOC.find("\"z\"").unwrap();
        assert_eq!(map.path_at(offset).to_string(), "nodes[1].items[0].goto");
    }

    #[test]
    fn survives_garbage_and_deep_nesting() {
        let deep = "[".repeat(100_000);
        let map = SourceMap::new(&deep);
        assert_eq!(
            map.span_of(&path("a")),
            Some(0..1),
            "points at the outermost value"
        );
        for text in [
            "",
            "(",
            "(a:",
            "\"unterminated",
            "r#\"x",
            "/* open",
            "(a: [1, 2",
        ] {
            let map = SourceMap::new(text);
            let _ = map.span_of(&path("a.b[3]"));
            let _ = map.path_at(2);
        }
    }
}
