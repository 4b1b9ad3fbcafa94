//! HTTP tests of the real server on port 0, each with a fresh SQLite database.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod auth;
mod callbacks;
mod categories;
mod dates;
mod docflow_clients;
mod envelope;
mod expressions;
mod fetching;
mod files;
mod helpers;
mod model;
mod openapi;
mod page_images;
mod review;
mod rules;
mod upload_limits;
mod workspaces;
