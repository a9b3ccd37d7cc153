//! Embeds the built-in scenario library (`scenarios/*.ron`) in the binary, so that the app
//! works from any directory.

use std::fmt::Write;
use std::{env, fs, path::Path};

fn main() {
    println!("cargo::rerun-if-changed=scenarios");
    let mut names: Vec<String> = fs::read_dir("scenarios")
        .map(|dir| {
            dir.filter_map(|entry| entry.ok())
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".ron"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut code = String::from(
        "/// The built-in scenarios: file name and text.\npub const BUILT_IN: &[(&str, &str)] = &[\n",
    );
    for name in &names {
        let _ = writeln!(
            code,
            "    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/scenarios/{name}\"))),"
        );
    }
    code.push_str("];\n");
    let out = env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    if let Err(error) = fs::write(Path::new(&out).join("built_in.rs"), code) {
        println!("cargo::warning=could not write the built-in scenario list: {error}");
    }
}
