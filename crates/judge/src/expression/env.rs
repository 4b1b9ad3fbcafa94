//! The one CEL environment every expression is compiled and run in: the
//! standard library, the `math`, `strings` and `lists` extensions, and our
//! helpers, and the functions that charge an evaluation's meter. Built once per process and shared; a per-evaluation context
//! only adds the variables.

use std::sync::{Arc, OnceLock};

use cel::Env;

use super::{charging, functions};

/// The shared environment, or why it could not be built (a name declared
/// twice: a programming error every test would catch).
pub(crate) fn env() -> Result<&'static Arc<Env>, &'static str> {
    static ENV: OnceLock<Result<Arc<Env>, String>> = OnceLock::new();
    ENV.get_or_init(build).as_ref().map_err(String::as_str)
}

fn build() -> Result<Arc<Env>, String> {
    let mut env = Env::stdlib();
    let declared = env
        .add_extension(cel::extensions::math)
        .and_then(|()| env.add_extension(cel::extensions::strings))
        .and_then(|()| env.add_extension(cel::extensions::lists))
        .and_then(|()| functions::declare(&mut env))
        .and_then(|()| charging::declare(&mut env));
    match declared {
        Ok(()) => Ok(Arc::new(env)),
        Err(e) => Err(format!("the expression environment cannot be built: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_builds() {
        assert!(env().is_ok());
    }
}
