//! The expression judge as reviews use it: one rule's verdict, with a panic
//! of the evaluator turned into an error verdict; and the verdicts of a whole
//! plan's expression rules, shared out over the machine's cores.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::thread;

use docreview_judge::RuleContext;
use docreview_store::files::FileRow;
use docreview_store::review::{PlannedRule, Verdict};

use super::context::SharedContexts;
use super::verdict::{does_not_compile, error, from_judge};
use crate::judges::Judges;
use crate::workflow::plan::PlannedTask;

/// Rules one thread judges at least: fewer are judged on the caller's thread,
/// as starting a thread costs about as much as judging a few dozen rules.
const RULES_PER_THREAD: usize = 128;

/// The verdict of `expression` over `context`. One rule that trips the
/// evaluator must not sink the others judged with it.
pub(crate) fn judge_expression(judges: &Judges, expression: &str, context: &RuleContext) -> Verdict {
    match judges.programs.get_or_compile(expression) {
        Ok(program) => {
            match catch_unwind(AssertUnwindSafe(|| docreview_judge::evaluate(&program, context, &judges.limits))) {
                Ok(verdict) => from_judge(verdict),
                Err(panic) => error(format!("the expression judge failed on this rule: {}", panic_text(&panic))),
            }
        }
        Err(cause) => does_not_compile(cause),
    }
}

/// Each triggered rule with its verdict when it has an expression (the
/// others are left to a model), in order. Runs on the calling thread and,
/// for large plans, on as many more as there are cores.
pub(crate) fn judge_plan(rules: Vec<PlannedRule>, files: &[FileRow], judges: &Judges) -> Vec<PlannedTask> {
    let threads = thread::available_parallelism().map_or(1, usize::from).min(rules.len() / RULES_PER_THREAD).max(1);
    let share = rules.len().div_ceil(threads).max(1);
    let mut verdicts: Vec<Option<Verdict>> = Vec::with_capacity(rules.len());
    thread::scope(|scope| {
        let mut shares = rules.chunks(share);
        let own = shares.next().unwrap_or_default();
        let others: Vec<_> = shares.map(|share| scope.spawn(|| judge_share(share, files, judges))).collect();
        verdicts.extend(judge_share(own, files, judges));
        for other in others {
            // judge_share catches the evaluator's panics; anything else is a bug worth stopping for.
            verdicts.extend(other.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
    });
    rules.into_iter().zip(verdicts).map(|(rule, verdict)| PlannedTask { rule, verdict }).collect()
}

fn judge_share(rules: &[PlannedRule], files: &[FileRow], judges: &Judges) -> Vec<Option<Verdict>> {
    let mut contexts = SharedContexts::new(files);
    rules
        .iter()
        .map(|planned| {
            let expression = planned.rule.expression.as_deref()?;
            Some(judge_expression(judges, expression, contexts.get(&planned.rule)))
        })
        .collect()
}

fn panic_text(panic: &(dyn Any + Send)) -> &str {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("panic")
}
