//! The `bout` command line; each command is a module of [`cli`].

mod cli;

/// bout allocates many small nodes and strings; mimalloc serves them faster
/// than the system allocator (about a third off a long render).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::run()
}
