CREATE TABLE memories (
    id            text        PRIMARY KEY,
    title         text        NOT NULL,
    content       text        NOT NULL,
    tags          text[]      NOT NULL DEFAULT '{}',
    metadata      jsonb       NOT NULL DEFAULT '{}',
    source        text,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    version       bigint      NOT NULL,
    search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', content), 'B')) STORED
);
CREATE INDEX ix_memories_created ON memories (created_at, id);
CREATE INDEX ix_memories_updated ON memories (updated_at);
CREATE INDEX ix_memories_source ON memories (source);
CREATE INDEX ix_memories_search ON memories USING gin (search_vector);
CREATE INDEX ix_memories_tags ON memories USING gin (tags);
CREATE INDEX ix_memories_metadata ON memories USING gin (metadata jsonb_path_ops);

-- Append-only history: one full snapshot per version.
CREATE TABLE memory_history (
    memory_id  text        NOT NULL,
    version    bigint      NOT NULL,
    event      text        NOT NULL,
    changed_at timestamptz NOT NULL,
    title      text        NOT NULL,
    content    text        NOT NULL,
    tags       text[]      NOT NULL,
    metadata   jsonb       NOT NULL,
    source     text,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (memory_id, version)
);

CREATE FUNCTION memory_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'memory_history is append-only';
END $$;
CREATE TRIGGER memory_history_append_only BEFORE UPDATE OR DELETE ON memory_history
    FOR EACH ROW EXECUTE FUNCTION memory_history_append_only();
