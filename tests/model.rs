//! Model stage: the scheduled event graph of each fixture under
//! `tests/fixtures/model/` and of every example, snapshotted as text: the
//! nodes in source order with both clocks, then the edges in a stable order.

use std::fmt::Write;
use std::path::Path;

use bout::model::graph::{EdgeKind, NodeKind};

fn clock(millis: u64) -> String {
    format!(
        "{}:{:02}.{:03}",
        millis / 60_000,
        (millis / 1000) % 60,
        millis % 1000
    )
}

/// Renders the scheduled graph of one script.
/// Checks `source`, which must have no diagnostic at all.
fn clean(source: &str, what: &str) -> bout::Checked {
    let checked = bout::check(source);
    let messages: Vec<_> = checked.diagnostics.iter().map(|d| &d.message).collect();
    assert!(messages.is_empty(), "{what} is not clean: {messages:?}");
    checked
}

fn check(path: &Path) {
    let source = std::fs::read_to_string(path).expect("fixture is readable");
    let checked = clean(&source, &path.display().to_string());
    let model = checked.model();
    let graph = &model.graph;
    let mut out = String::new();
    for n in graph.order() {
        let node = &graph.graph[n];
        let kind = match node.kind {
            NodeKind::Start(b) => format!("start {b:?}"),
            NodeKind::End(b) => format!("end {b:?}"),
            other => format!("{other:?}"),
        };
        let story = graph.fight_clock(n).map_or(String::new(), |c| {
            let round = c.round.map_or("-".to_owned(), |r| format!("r{r}"));
            let in_round = c.in_round.map_or("-".to_owned(), clock);
            format!(" story {round} {in_round} abs {}", clock(c.absolute))
        });
        let _ = writeln!(
            out,
            "{:<28} {:<20} screen {}+{}{story}",
            graph.id(n),
            kind,
            clock(node.screen_start),
            clock(graph.screen_duration(n))
        );
    }
    out.push('\n');
    for (a, b, kind) in graph.edges_in_order() {
        let arrow = match kind {
            EdgeKind::Sequence => "->",
            EdgeKind::Cause => "=cause=>",
            EdgeKind::Simultaneous => "=&=",
            EdgeKind::After => "=after=>",
        };
        let _ = writeln!(out, "{} {arrow} {}", graph.id(a), graph.id(b));
    }
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!(out);
    });
}

#[test]
fn model_fixtures() {
    insta::glob!("fixtures/model/*.bout", check);
}

#[test]
fn example_graphs() {
    insta::glob!("..", "examples/*.bout", check);
}

#[test]
fn ids_are_unique_and_cycles_are_found() {
    let source = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/rocky-iv.bout"
    ))
    .expect("example");
    let checked = bout::check(&source);
    let model = checked.model();
    let mut ids: Vec<String> = model.graph.order().map(|n| model.graph.id(n)).collect();
    let total = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), total, "node ids repeat");
    assert!(model.graph.cycles.is_empty());
    // The fight in Moscow ends in round 15 by knockout, ROCKY the winner.
    let moscow = &model.fights[1];
    let ending = moscow.facts.ending.expect("the fight ends");
    assert_eq!(moscow.fighters[ending.winner].value, "ROCKY");
    assert_eq!(ending.method, bout::syntax::ast::Method::Ko);
}

/// The fighters' state follows the schedule, not the page: in a trade the
/// punch written second with `&` starts with the first, so its thrower is
/// still standing; in a double knockdown the count goes on over the one
/// still down, and he is counted out.
#[test]
fn state_follows_the_schedule() {
    use bout::model::state::{Condition, EndCause};
    use bout::syntax::ast::{Method, StmtKind};
    let source = r#"
cast {
  ROCKY  fighter "Rocky Balboa"
  APOLLO fighter "Apollo Creed"
  REF    referee "Referee"
}
scene "INT. SPECTRUM - NIGHT" {
  fight ROCKY vs APOLLO {
    rules pro
    rounds 15
    referee REF
    round 1 {
      ROCKY left hook chin -> APOLLO down mat
      & APOLLO right cross chin -> ROCKY hit
      REF count 8
      APOLLO up
      bell
    }
    round 2 {
      ROCKY left hook chin -> APOLLO down mat
      & APOLLO right hook chin -> ROCKY down mat
      REF count 9
      ROCKY up
      REF count 10
    }
    result ROCKY ko
  }
}
"#;
    let checked = clean(source, "the trade");
    let model = checked.model();
    let facts = &model.fights[0].facts;
    let moves: Vec<_> = facts
        .events
        .iter()
        .filter(|f| matches!(f.stmt.kind, StmtKind::Move(_)))
        .collect();
    // Facts stay in source order; Apollo's `&` cross meets him standing.
    assert_eq!(moves.len(), 4);
    assert_eq!(moves[1].before.condition, [Condition::Standing; 2]);
    // Both fall in round 2; after Rocky rises at nine, Apollo's count goes on.
    let last_count = facts
        .events
        .iter()
        .rev()
        .find(|f| matches!(f.stmt.kind, StmtKind::Referee { .. }))
        .expect("a count");
    assert_eq!(
        last_count.before.condition,
        [Condition::Standing, Condition::Down]
    );
    assert!(last_count.before.count_goes_on[1]);
    let ending = facts.ending.expect("a knockout");
    assert_eq!(
        (ending.method, ending.cause, ending.winner, ending.round),
        (Method::Ko, EndCause::CountOut, 0, Some(2))
    );
    assert!(facts.short_counts.is_empty());
}
