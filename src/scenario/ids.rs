//! Which ids the format accepts. A scenario id names files (attempt records are named after it)
//! and is typed on the command line, so it is kept to a short, plain character set; the ids of
//! nodes, lines, choices and statements are shown in terminals and records, so they may not
//! hide characters (controls, zero-width or direction marks) or spaces.

/// The longest scenario id.
pub const SCENARIO_ID_MAX: usize = 64;

/// The longest id of a node, line, choice or statement.
pub const ITEM_ID_MAX: usize = 128;

/// Why a scenario id is refused, if it is: lower-case ASCII letters, digits and dashes, starting
/// with a letter or digit, at most [`SCENARIO_ID_MAX`] characters.
pub fn scenario_id_problem(id: &str) -> Option<String> {
    plain_id_problem(id, SCENARIO_ID_MAX)
}

/// The same rule for any id that names a file (scenario ids and attempt record ids).
pub fn plain_id_problem(id: &str, max: usize) -> Option<String> {
    if id.is_empty() {
        return Some("it is empty".into());
    }
    if id.chars().count() > max {
        return Some(format!("it is longer than {max} characters"));
    }
    if let Some(bad) = id
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Some(format!(
            "it holds {}; use lower-case letters, digits and dashes",
            describe(bad)
        ));
    }
    if id.starts_with('-') {
        return Some("it starts with a dash".into());
    }
    None
}

/// Why the id of a node, line, choice or statement is refused, if it is: letters (of any
/// script), digits, dashes, underscores and dots, at most [`ITEM_ID_MAX`] characters.
pub fn item_id_problem(id: &str) -> Option<String> {
    if id.is_empty() {
        return Some("it is empty".into());
    }
    if id.chars().count() > ITEM_ID_MAX {
        return Some(format!("it is longer than {ITEM_ID_MAX} characters"));
    }
    id.chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .map(|bad| {
            format!(
                "it holds {}; use letters, digits, dashes, underscores and dots",
                describe(bad)
            )
        })
}

/// A character as a message can show it: visible ones quoted, the rest by code point.
pub fn describe(c: char) -> String {
    if c.is_whitespace() {
        format!("a space (U+{:04X})", u32::from(c))
    } else if hidden(c) {
        format!("an invisible character (U+{:04X})", u32::from(c))
    } else {
        format!("`{c}`")
    }
}

/// Text as a terminal may show it: every hidden character written as `\u{...}`, so that scenario
/// text (or a hostile file) can neither move the cursor nor reorder what is printed.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if hidden(c) && c != '\n' {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether a character changes how a terminal shows text without being seen itself:
/// controls, zero-width characters and direction marks and overrides.
pub fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            u32::from(c),
            0x00AD | 0x061C | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0xFEFF
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scenario_ids_are_plain() {
        assert_eq!(scenario_id_problem("grief-ruth"), None);
        assert!(scenario_id_problem("../../x").is_some());
        assert!(scenario_id_problem("/etc/x").is_some());
        assert!(scenario_id_problem("Ruth").is_some());
        assert!(scenario_id_problem("-x").is_some());
        assert!(scenario_id_problem("").is_some());
        assert!(scenario_id_problem(&"a".repeat(65)).is_some());
    }

    #[test]
    fn hidden_characters_are_shown_escaped() {
        assert_eq!(escaped("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escaped("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(escaped("two\nlines"), "two\nlines");
    }

    #[test]
    fn item_ids_hide_nothing() {
        assert_eq!(item_id_problem("s1-onset_link.2"), None);
        assert_eq!(item_id_problem("début"), None);
        assert!(item_id_problem("a b").is_some());
        assert!(item_id_problem("a\u{200b}b").is_some());
        assert!(
            item_id_problem("a\u{202e}b")
                .is_some_and(|p| p.contains("invisible character (U+202E)"))
        );
        assert!(item_id_problem("a\u{1b}[31m").is_some());
    }
}
