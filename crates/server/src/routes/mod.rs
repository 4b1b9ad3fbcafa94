//! One module per resource; handlers parse, call the store, shape the result.

pub mod callback;
pub mod category;
pub mod file;
pub mod health;
pub mod review;
pub mod rule;
pub mod rule_group;
pub mod rule_repo;
pub mod workspace;
