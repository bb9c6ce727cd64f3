//! Compiles the generated parser (`src/parser.c`, committed).

fn main() {
    let src = std::path::Path::new("src");
    let mut build = cc::Build::new();
    build.std("c11").include(src).warnings(false);
    build.file(src.join("parser.c"));
    let scanner = src.join("scanner.c");
    if scanner.exists() {
        build.file(&scanner);
    }
    build.compile("tree-sitter-bout");
    println!("cargo:rerun-if-changed=src/parser.c");
}
