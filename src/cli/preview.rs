//! `bout preview FILE`: the screenplay, timeline, diagnostics and stats,
//! live in the browser on every save.

use std::path::PathBuf;

use bout::export::screenplay::Choreography;
use clap::ValueEnum;

use super::ExitStatus;

/// `bout preview FILE [--port N] [--open] [options]`.
#[derive(clap::Args)]
pub struct Args {
    /// The script to preview.
    file: PathBuf,
    /// The port on 127.0.0.1 (a free one when not given).
    #[arg(long)]
    port: Option<u16>,
    /// Open the page in the browser (`$BROWSER`, else `xdg-open`).
    #[arg(long)]
    open: bool,
    /// Paper size of the screenplay.
    #[arg(long, value_enum, default_value_t = Paper::Letter)]
    paper: Paper,
    /// How fights appear in the screenplay.
    #[arg(long, value_enum, default_value_t = Fights::Prose)]
    choreography: Fights,
    /// A command to open the script at a line clicked in the page, run as
    /// `CMD FILE:LINE` (for instance `code --goto`).
    #[arg(long, value_name = "CMD")]
    editor: Option<String>,
}

/// `--paper`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Paper {
    /// US Letter.
    Letter,
    /// A4.
    A4,
}

/// `--choreography`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Fights {
    /// Action prose.
    Prose,
    /// The numbered fight-script table.
    Table,
    /// Prose, then the table.
    Both,
}

/// Runs `bout preview` until Ctrl-C.
pub fn run(args: Args) -> ExitStatus {
    let open = args.open;
    let options = bout::preview::Options {
        file: args.file,
        port: args.port,
        settings: bout::preview::Settings {
            choreography: match args.choreography {
                Fights::Prose => Choreography::Prose,
                Fights::Table => Choreography::Table,
                Fights::Both => Choreography::Both,
            },
            a4: args.paper == Paper::A4,
        },
        editor: args.editor,
    };
    let shown = super::display(&options.file);
    let result = bout::preview::run(options, move |address| {
        let url = format!("http://{address}/");
        // The first line says where; scripts and tests read it.
        println!("bout preview of {shown}: {url}");
        println!("(Ctrl-C to stop)");
        if open {
            let browser = std::env::var("BROWSER").unwrap_or_else(|_| "xdg-open".to_owned());
            if let Err(error) = std::process::Command::new(&browser).arg(&url).spawn() {
                eprintln!("note: could not run `{browser}` to open the page: {error}");
            }
        }
    });
    match result {
        Ok(()) => ExitStatus::Success,
        Err(error) => {
            eprintln!("error: bout preview: {}", bout::input::io_message(&error));
            ExitStatus::Error
        }
    }
}
