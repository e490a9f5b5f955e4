-- Memories. `seq` is the stable integer rowid the external-content FTS5 table needs (a plain rowid may change on VACUUM).
CREATE TABLE memories (
    seq        INTEGER PRIMARY KEY,
    id         TEXT    NOT NULL UNIQUE,
    title      TEXT    NOT NULL,
    content    TEXT    NOT NULL,
    tags       TEXT    NOT NULL DEFAULT '[]',   -- JSON array, mirrored into memory_tags by triggers
    metadata   TEXT    NOT NULL DEFAULT '{}',   -- JSON object
    source     TEXT,
    created_at INTEGER NOT NULL,                -- microseconds since the Unix epoch, UTC
    updated_at INTEGER NOT NULL,
    version    INTEGER NOT NULL
);
CREATE INDEX ix_memories_created ON memories (created_at, id);
CREATE INDEX ix_memories_updated ON memories (updated_at);
CREATE INDEX ix_memories_source ON memories (source);

CREATE TABLE memory_tags (
    tag        TEXT    NOT NULL,
    memory_seq INTEGER NOT NULL,
    PRIMARY KEY (tag, memory_seq)
) WITHOUT ROWID;
CREATE INDEX ix_memory_tags_seq ON memory_tags (memory_seq);

-- Append-only history: one full snapshot per version.
CREATE TABLE memory_history (
    memory_id  TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    event      TEXT    NOT NULL,
    changed_at INTEGER NOT NULL,
    title      TEXT    NOT NULL,
    content    TEXT    NOT NULL,
    tags       TEXT    NOT NULL,
    metadata   TEXT    NOT NULL,
    source     TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (memory_id, version)
) WITHOUT ROWID;

CREATE TRIGGER memory_history_no_update BEFORE UPDATE ON memory_history
BEGIN SELECT RAISE(ABORT, 'memory_history is append-only'); END;
CREATE TRIGGER memory_history_no_delete BEFORE DELETE ON memory_history
BEGIN SELECT RAISE(ABORT, 'memory_history is append-only'); END;

-- Full-text index over title and content; `tags` (the JSON text, whose tokens are the tags' words) lets a tag
-- filter narrow a search inside FTS5 before the exact memory_tags check.
CREATE VIRTUAL TABLE memory_fts USING fts5(
    title, content, tags, content='memories', content_rowid='seq', tokenize='porter unicode61 remove_diacritics 2');

CREATE TRIGGER memories_ai AFTER INSERT ON memories BEGIN
    INSERT INTO memory_fts (rowid, title, content, tags) VALUES (new.seq, new.title, new.content, new.tags);
    INSERT OR IGNORE INTO memory_tags (tag, memory_seq) SELECT value, new.seq FROM json_each(new.tags);
END;
CREATE TRIGGER memories_ad AFTER DELETE ON memories BEGIN
    INSERT INTO memory_fts (memory_fts, rowid, title, content, tags) VALUES ('delete', old.seq, old.title, old.content, old.tags);
    DELETE FROM memory_tags WHERE memory_seq = old.seq;
END;
CREATE TRIGGER memories_au_text AFTER UPDATE OF title, content, tags ON memories BEGIN
    INSERT INTO memory_fts (memory_fts, rowid, title, content, tags) VALUES ('delete', old.seq, old.title, old.content, old.tags);
    INSERT INTO memory_fts (rowid, title, content, tags) VALUES (new.seq, new.title, new.content, new.tags);
END;
CREATE TRIGGER memories_au_tags AFTER UPDATE OF tags ON memories BEGIN
    DELETE FROM memory_tags WHERE memory_seq = old.seq;
    INSERT OR IGNORE INTO memory_tags (tag, memory_seq) SELECT value, new.seq FROM json_each(new.tags);
END;
