//! Typed configuration, layered: defaults → `docreview.toml` → `DOCREVIEW_*`
//! environment variables (nested keys joined by `__`, e.g.
//! `DOCREVIEW_LOG__FORMAT=json`) → command-line flags (applied by the binary).

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use docreview_engine::{EngineSettings, FetchSettings, ModelSettings, ParseLimits};
use docreview_judge::ExpressionLimits;
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

/// Everything `docreview serve` can be told.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Address the HTTP API listens on.
    pub listen: SocketAddr,
    /// Where the embedded SQLite database lives (created on first start).
    pub data_dir: PathBuf,
    /// `postgres://…` (or `sqlite://…`) to use instead of the embedded database.
    pub database_url: Option<DatabaseUrl>,
    pub log: LogSettings,
    pub limits: Limits,
    pub engine: EngineSettings,
    /// Downloads of uploads by URL: internal hosts allowed, time limit.
    pub fetch: FetchSettings,
    /// Models that judge prompt rules (`[[models]]` tables); none by default,
    /// and then only rules with an `expression` are judged.
    pub models: Vec<ModelSettings>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("./data"),
            database_url: None,
            log: LogSettings::default(),
            limits: Limits::default(),
            engine: EngineSettings::default(),
            fetch: FetchSettings::default(),
            models: Vec::new(),
        }
    }
}

/// Logging.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogSettings {
    /// `text` for people, `json` for log collectors.
    pub format: LogFormat,
    /// A tracing filter such as `info` or `docreview_server=debug,info`.
    pub filter: String,
}

impl Default for LogSettings {
    fn default() -> Self {
        Self { format: LogFormat::Text, filter: "info".to_owned() }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

/// Request limits, the limits of parsing an uploaded file (which runs in a
/// child process, see `docreview_engine::sandbox`), and those of evaluating
/// a rule expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Largest JSON request body, in bytes.
    pub json_body_bytes: usize,
    /// Largest uploaded file (documents, samples), in bytes.
    pub upload_file_bytes: usize,
    /// Most parts in one multipart upload.
    pub upload_parts: usize,
    /// Largest multipart upload request, all its parts together, in bytes.
    pub upload_request_bytes: usize,
    /// Memory (address space) of the process parsing one file, in bytes.
    pub parse_memory_bytes: u64,
    /// CPU time of the process parsing one file, in seconds.
    pub parse_cpu_seconds: u64,
    /// Wall-clock time to parse one file, in milliseconds.
    pub parse_timeout_ms: u64,
    /// Largest parsed document (as JSON) accepted from the parsing process, in bytes.
    pub parse_output_bytes: u64,
    /// Most pixels of one image page (or PDF page rendered for OCR).
    pub parse_image_pixels: u64,
    /// Cost units one evaluation of a rule expression may use, and the most
    /// its worst-case estimate may come to when the rule is saved.
    pub expression_cost: u64,
    /// The largest value one step of an expression may build, in bytes.
    pub expression_value_bytes: u64,
    /// Wall-clock time one evaluation of an expression may take, in milliseconds.
    pub expression_time_ms: u64,
}

impl Default for Limits {
    fn default() -> Self {
        let parse = ParseLimits::default();
        Self {
            json_body_bytes: 2 * 1024 * 1024,
            upload_file_bytes: 100 * 1024 * 1024,
            upload_parts: 100,
            upload_request_bytes: 256 * 1024 * 1024,
            parse_memory_bytes: parse.memory_bytes,
            parse_cpu_seconds: parse.cpu_seconds,
            parse_timeout_ms: parse.timeout_ms,
            parse_output_bytes: parse.output_bytes,
            parse_image_pixels: parse.image_pixels,
            expression_cost: ExpressionLimits::DEFAULT_COST,
            expression_value_bytes: ExpressionLimits::DEFAULT_VALUE_BYTES,
            expression_time_ms: ExpressionLimits::DEFAULT_TIME_MS,
        }
    }
}

impl Limits {
    /// The limits each parse runs under.
    pub fn parse(&self) -> ParseLimits {
        ParseLimits {
            memory_bytes: self.parse_memory_bytes,
            cpu_seconds: self.parse_cpu_seconds,
            timeout_ms: self.parse_timeout_ms,
            output_bytes: self.parse_output_bytes,
            image_pixels: self.parse_image_pixels,
        }
    }

    /// The limits rule expressions are checked and evaluated within.
    pub fn expression(&self) -> ExpressionLimits {
        ExpressionLimits {
            cost: self.expression_cost,
            value_bytes: self.expression_value_bytes,
            time_ms: self.expression_time_ms,
        }
    }
}

/// A database URL whose password never reaches a log line.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DatabaseUrl(pub String);

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.0.find("://"), self.0.rfind('@')) {
            (Some(scheme), Some(at)) if at > scheme => {
                write!(f, "{}://[redacted]@{}", &self.0[..scheme], &self.0[at + 1..])
            }
            _ => write!(f, "{}", self.0),
        }
    }
}

/// Top-level keys an environment variable may set; other `DOCREVIEW_*` variables
/// (used by scripts and tests) are ignored.
const ENV_KEYS: [&str; 7] = ["listen", "data_dir", "database_url", "log", "limits", "engine", "fetch"];

impl Settings {
    /// Defaults, then the TOML file at `path` if it exists, then the environment.
    pub fn load(path: &Path) -> Result<Self, Box<figment::Error>> {
        Self::figment(path).extract().map_err(Box::new)
    }

    fn figment(path: &Path) -> Figment {
        Figment::from(Serialized::defaults(Settings::default())).merge(Toml::file(path)).merge(
            Env::prefixed("DOCREVIEW_").split("__").filter(|key| {
                let top = key.as_str().split('.').next().unwrap_or_default();
                ENV_KEYS.iter().any(|k| k.eq_ignore_ascii_case(top))
            }),
        )
    }
}

/// A commented `docreview.toml` holding every setting at its default.
pub const EXAMPLE: &str = r#"# docreview.toml — every setting, at its default.
# Each one can also be set with an environment variable: DOCREVIEW_ and the key
# in capitals, nested keys joined by a double underscore (DOCREVIEW_LOG__FORMAT=json).
# Command-line flags (--listen, --data-dir, --database-url) win over both.

# Address the HTTP API listens on.
listen = "127.0.0.1:8080"

# Directory of the embedded SQLite database (docreview.sqlite), created on first start.
data_dir = "./data"

# Use PostgreSQL instead of the embedded database, e.g.
# database_url = "postgres://docreview@127.0.0.1:5432/docreview"

[log]
# "text" for people, "json" for log collectors. Logs go to standard error.
format = "text"
# A tracing filter; RUST_LOG overrides it.
filter = "info"

[limits]
# Largest JSON request body accepted, in bytes; larger ones answer code 41300.
json_body_bytes = 2097152
# Largest uploaded file (a document or a category sample), in bytes;
# a larger one answers code 1005016010.
upload_file_bytes = 104857600
# Most parts in one multipart upload, and most bytes in one, all parts
# together (signed uploads too); more answer code 41300.
upload_parts = 100
upload_request_bytes = 268435456
# Each uploaded file is parsed in a child process (`docreview parse`) under
# these limits; a file that hits one ends as a failed task naming the limit.
# Memory (address space) of the parsing process, in bytes (1 GiB).
parse_memory_bytes = 1073741824
# CPU time of the parsing process, in seconds.
parse_cpu_seconds = 60
# Wall-clock time from the start of the parse to its answer, in milliseconds.
parse_timeout_ms = 120000
# Largest parsed document (its JSON) accepted and stored, in bytes (256 MiB).
parse_output_bytes = 268435456
# Most pixels of one image page, checked against the size the image declares
# before it is decoded; PDF pages rendered for OCR are scaled down to fit.
# A 600-dpi A4 scan has about 35 million.
parse_image_pixels = 40000000
# Rule expressions are written by tenants; each evaluation is bounded (docs/security.md).
# Cost units one evaluation may use: a loop step costs 1, a value built 1 per 64 bytes.
# A rule whose estimated worst case costs more is refused when it is saved.
expression_cost = 1000000
# The largest string or list one step of an expression may build, in bytes.
expression_value_bytes = 1048576
# Wall-clock time one evaluation may take, in milliseconds.
expression_time_ms = 1000

[fetch]
# Uploads by URL never reach internal addresses (loopback, private networks,
# link-local, unique-local, multicast; docs/security.md) unless listed here:
# host names, addresses or networks, e.g. ["docs.intranet", "10.0.0.0/8"].
allow = []
# How long one download may take, redirects included, in milliseconds.
timeout_ms = 30000

[engine]
# Workers in this process (parsing, classifying, extracting, judging);
# 0 makes an API-only node when several processes share a PostgreSQL database.
workers = 2
# How long a worker's claim on a job lasts without a heartbeat, in milliseconds;
# after a crash, its job is taken up again this long after the last heartbeat.
lease_ms = 30000
# How often an idle worker looks for work queued by other processes, in milliseconds.
poll_ms = 500
# A callback the receiver did not accept is sent again after this many
# milliseconds times the attempt number squared (5 s, 20 s, 45 s).
callback_backoff_ms = 5000

# Models that judge rules by their prompt (rules with an `expression` need none).
# None is configured by default. Any OpenAI-compatible chat-completions server
# works: llama.cpp's llama-server, vLLM, Ollama, hosted providers. Repeat the
# table for several models; a review task's `model` picks one by name or alias,
# any other name gets the first. Every key but name, base_url and model is shown
# at its default.
#
# [[models]]
# name = "local"
# # DocFlow's model names, so existing clients' tasks use this model.
# aliases = ["deepseek-v4-pro", "qwen3.6-plus", "qwen3.7-max", "ORM-O1"]
# base_url = "http://127.0.0.1:8000/v1"      # before /chat/completions
# model = "qwen2.5-7b-instruct"              # the name the server expects
# api_key_env = ""                           # e.g. "OPENAI_API_KEY"; empty: no key
# concurrency = 4                            # halved on 429, grown back on success
# timeout_ms = 120000                        # per request
# max_attempts = 4                           # then the rule task is an error
# max_retry_wait_ms = 60000                  # the longest Retry-After honoured
# max_document_chars = 24000                 # document data per request
# temperature = 0.0
# max_tokens = 1024
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_file_parses_to_the_defaults() {
        let parsed: Settings = Figment::from(Toml::string(EXAMPLE)).extract().unwrap();
        assert_eq!(parsed, Settings::default());
    }

    #[test]
    #[allow(clippy::result_large_err)] // figment::Jail fixes the closure type
    fn the_file_then_the_environment_override_the_defaults() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("docreview.toml", "listen = \"0.0.0.0:9000\"\n[log]\nformat = \"json\"\n")?;
            jail.set_env("DOCREVIEW_LOG__FILTER", "debug");
            jail.set_env("DOCREVIEW_LISTEN", "127.0.0.1:9001");
            jail.set_env("DOCREVIEW_BIN", "ignored");
            let settings = Settings::load(Path::new("docreview.toml")).map_err(|e| *e)?;
            assert_eq!(settings.listen, "127.0.0.1:9001".parse().unwrap());
            assert_eq!(settings.log.format, LogFormat::Json);
            assert_eq!(settings.log.filter, "debug");
            assert_eq!(settings.data_dir, PathBuf::from("./data"));
            Ok(())
        });
    }

    #[test]
    fn a_model_table_takes_the_defaults_for_what_it_leaves_out() {
        let file =
            "[[models]]\nname = \"local\"\nbase_url = \"http://127.0.0.1:8000/v1\"\nmodel = \"m\"\nconcurrency = 2\n";
        let parsed: Settings = Figment::from(Toml::string(file)).extract().unwrap();
        let expected = ModelSettings {
            name: "local".into(),
            base_url: "http://127.0.0.1:8000/v1".into(),
            model: "m".into(),
            concurrency: 2,
            ..ModelSettings::default()
        };
        assert_eq!(parsed.models, vec![expected]);
        let example_model: String = EXAMPLE
            .lines()
            .skip_while(|l| !l.starts_with("# [[models]]"))
            .map(|l| l.strip_prefix("# ").unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n");
        let parsed: Settings = Figment::from(Toml::string(&example_model)).extract().unwrap();
        assert_eq!(parsed.models[0].aliases.len(), 4, "the commented example is a valid table");
        assert_eq!(parsed.models[0].max_attempts, ModelSettings::default().max_attempts);
    }

    #[test]
    #[allow(clippy::result_large_err)] // figment::Jail fixes the closure type
    fn parse_limits_come_from_the_limits_section_and_the_environment() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("docreview.toml", "[limits]\nparse_memory_bytes = 268435456\nparse_cpu_seconds = 5\n")?;
            jail.set_env("DOCREVIEW_LIMITS__PARSE_TIMEOUT_MS", "9000");
            let settings = Settings::load(Path::new("docreview.toml")).map_err(|e| *e)?;
            let expected = ParseLimits {
                memory_bytes: 268_435_456,
                cpu_seconds: 5,
                timeout_ms: 9000,
                output_bytes: 256 << 20,
                image_pixels: 40_000_000,
            };
            assert_eq!(settings.limits.parse(), expected);
            Ok(())
        });
    }

    #[test]
    fn every_section_but_the_model_list_can_be_set_from_the_environment() {
        let value = serde_json::to_value(Settings::default()).unwrap();
        for key in value.as_object().unwrap().keys().filter(|key| *key != "models") {
            assert!(ENV_KEYS.contains(&key.as_str()), "{key} is missing from ENV_KEYS");
        }
    }

    #[test]
    #[allow(clippy::result_large_err)] // figment::Jail fixes the closure type
    fn fetch_allow_is_read_from_the_environment_as_a_list() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("DOCREVIEW_FETCH__ALLOW", r#"["127.0.0.1", "10.0.0.0/8"]"#);
            let settings = Settings::load(Path::new("absent.toml")).map_err(|e| *e)?;
            assert_eq!(settings.fetch.allow, ["127.0.0.1", "10.0.0.0/8"]);
            Ok(())
        });
    }

    #[test]
    fn an_unknown_key_in_the_file_is_an_error() {
        let result: Result<Settings, _> = Figment::from(Toml::string("lisen = \"x\"")).extract();
        assert!(result.unwrap_err().to_string().contains("lisen"));
    }

    #[test]
    fn database_passwords_are_redacted_in_debug_output() {
        let url = DatabaseUrl("postgres://user:hunter2@db:5432/docreview".into());
        assert_eq!(format!("{url:?}"), "postgres://[redacted]@db:5432/docreview");
    }
}
