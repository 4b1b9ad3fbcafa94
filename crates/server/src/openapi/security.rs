//! DocFlow's credentials as OpenAPI security schemes: the app id with either
//! the secret or a timestamp and an HMAC signature, each in its own header.

use utoipa::Modify;
use utoipa::openapi::OpenApi;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};

/// Adds the four header schemes the document's `security` names.
#[derive(Debug)]
pub struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        for (name, header) in [
            ("app_id", "x-ti-app-id"),
            ("secret_code", "x-ti-secret-code"),
            ("timestamp", "x-ti-timestamp"),
            ("signature", "x-ti-signature"),
        ] {
            components.add_security_scheme(name, SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::new(header))));
        }
    }
}
