//! The rulesets of the brief, and a fight's effective rules after its
//! settings.

use crate::syntax::ast::{Duration, Ruleset};

/// A fight's rules: the ruleset's defaults with the fight's settings applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules {
    /// The ruleset named by `rules` (default `pro`).
    pub ruleset: Ruleset,
    /// Whether a `referee` is required.
    pub referee_required: bool,
    /// Length of a round; `None` for a fight without rounds.
    pub round_length: Option<Duration>,
    /// Rest between rounds.
    pub rest: Duration,
    /// Scheduled rounds; `None` for a fight without rounds.
    pub rounds: Option<u32>,
    /// Whether the referee must count to eight after every knockdown.
    pub mandatory_eight: bool,
    /// Whether three knockdowns in one round end the fight.
    pub three_knockdown: bool,
    /// Whether fouls count (and are warned about).
    pub fouls: bool,
}

impl Rules {
    /// The defaults of `ruleset`, as the brief's table gives them.
    pub fn defaults(ruleset: Ruleset) -> Rules {
        let minutes = |m: u64| Some(Duration::from_millis(m * 60_000));
        let rest = Duration::from_millis(60_000);
        match ruleset {
            Ruleset::Pro => Rules {
                ruleset,
                referee_required: true,
                round_length: minutes(3),
                rest,
                rounds: Some(12),
                mandatory_eight: true,
                three_knockdown: false,
                fouls: true,
            },
            Ruleset::Amateur => Rules {
                ruleset,
                referee_required: true,
                round_length: minutes(3),
                rest,
                rounds: Some(3),
                mandatory_eight: true,
                three_knockdown: true,
                fouls: true,
            },
            Ruleset::Exhibition => Rules {
                ruleset,
                referee_required: true,
                round_length: minutes(2),
                rest,
                rounds: Some(4),
                mandatory_eight: false,
                three_knockdown: false,
                fouls: true,
            },
            Ruleset::Unsanctioned => Rules {
                ruleset,
                referee_required: true,
                round_length: minutes(3),
                rest,
                rounds: Some(15),
                mandatory_eight: false,
                three_knockdown: false,
                fouls: false,
            },
            Ruleset::Street => Rules {
                ruleset,
                referee_required: false,
                round_length: None,
                rest: Duration::from_millis(0),
                rounds: None,
                mandatory_eight: false,
                three_knockdown: false,
                fouls: false,
            },
        }
    }

    /// Whether events stand in rounds under these rules.
    pub fn has_rounds(&self) -> bool {
        self.ruleset != Ruleset::Street
    }
}
