import type { HubMigration } from './index.js';

/**
 * Sign-in: the token certificates registered per user, sessions (only a hash of each token is
 * kept), one-use certificate challenges, and failed attempts (the per-account and per-address
 * limits count them here, so every hub instance sees the same count).
 */
export const migration020: HubMigration = {
  version: 20,
  name: 'certificates, sessions, challenges, failed sign-ins',
  async up(client) {
    await client.query(`
      CREATE TABLE user_certificates (
        sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        der bytea NOT NULL,
        subject text NOT NULL,
        serial_number text NOT NULL,
        not_after timestamptz NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX user_certificates_by_user ON user_certificates (user_id);

      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
        user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        method text NOT NULL CHECK (method IN ('password', 'certificate')),
        certificate_sha256 text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        address text NOT NULL,
        user_agent text NOT NULL,
        revoked_at timestamptz,
        revoked_by text,
        CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
      );
      CREATE INDEX sessions_by_user ON sessions (user_id, created_at);

      CREATE TABLE sign_in_challenges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        nonce text NOT NULL UNIQUE,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
      CREATE INDEX sign_in_challenges_by_expiry ON sign_in_challenges (expires_at);

      CREATE TABLE sign_in_failures (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        account text NOT NULL,
        address text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX sign_in_failures_by_account ON sign_in_failures (account, at);
      CREATE INDEX sign_in_failures_by_address ON sign_in_failures (address, at);
      -- Old rows of every account are dropped at each good sign-in.
      CREATE INDEX sign_in_failures_by_time ON sign_in_failures (at);
    `);
  },
};
