-- The local API tokens of the runnable server (ledger-app with ledger.security.mode=local; docs/SECURITY.md). They
-- are credentials, not evidence: not ledger entries, and no projection. A token is "hlt_<token_id>_<secret>" (the
-- secret 32 random bytes, base64url); only the SHA-256 of the whole token is kept, as 64 lowercase hex digits, so a
-- copy of the database gives no usable token. The person is a person of the directory: their roles and enterprise
-- are read from the ledger's directory at each request, never from here. Times are RFC 3339 UTC.
CREATE TABLE api_token (
    token_id VARCHAR(16) NOT NULL PRIMARY KEY,
    token_sha256 CHAR(64) NOT NULL,
    person_id VARCHAR(64) NOT NULL,
    label VARCHAR(100),
    created_at VARCHAR(40) NOT NULL,
    expires_at VARCHAR(40),
    revoked_at VARCHAR(40)
);
CREATE INDEX api_token_person ON api_token (person_id);
