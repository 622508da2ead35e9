import type { HubMigration } from './index.js';

/**
 * Accounts: the agency's units (a tree), its users with their roles, the hub's identity, and the
 * append-only, hash-chained audit log the hub writes every decision to.
 */
export const migration010: HubMigration = {
  version: 10,
  name: 'units, users, roles, audit log',
  async up(client) {
    await client.query(`
      CREATE TABLE hub_settings (
        key text PRIMARY KEY,
        value text NOT NULL
      );
      -- Named in every sign-in challenge, so a signature made for this hub is worth nothing at another.
      INSERT INTO hub_settings (key, value) VALUES ('hub_id', gen_random_uuid()::text);

      CREATE TABLE units (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9._-]{1,32}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
        parent_id integer REFERENCES units (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (parent_id <> id)
      );
      CREATE INDEX units_by_parent ON units (parent_id);

      CREATE TABLE users (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{2,64}$'),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 255),
        unit_id integer NOT NULL REFERENCES units (id),
        -- scrypt, in the self-describing form of hub/accounts/passwords.ts; NULL: no password sign-in.
        password_hash text,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX users_by_unit ON users (unit_id);

      CREATE TABLE user_roles (
        user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('clerk', 'leader', 'unit_leader', 'specialist', 'admin')),
        PRIMARY KEY (user_id, role)
      );
      CREATE INDEX user_roles_by_role ON user_roles (role, user_id);

      CREATE TABLE audit_log (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        subject text,
        details text NOT NULL,
        prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        hash text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
      );
      CREATE INDEX audit_log_by_action ON audit_log (action, at);

      CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit log is append-only';
      END
      $$;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
    `);
  },
};
