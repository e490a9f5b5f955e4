namespace Letta.Plugins.Memory.Options;

/// <summary>Settings of the memory store, bound from the plugin's <c>settings</c> object in <c>plugins.json</c>.</summary>
internal sealed class MemoryOptions
{
    /// <summary>The provider name for the embedded SQLite store.</summary>
    public const string SqliteProvider = "sqlite";

    /// <summary>The provider name for PostgreSQL.</summary>
    public const string PostgresProvider = "postgres";

    /// <summary>
    /// <c>sqlite</c> or <c>postgres</c>. Default: inferred — <c>postgres</c> when <see cref="ConnectionString"/> is set,
    /// else <c>sqlite</c>.
    /// </summary>
    public string? Provider { get; set; }

    /// <summary>PostgreSQL connection string (may use <c>${env:NAME}</c>, which the host expands). Default: none (SQLite).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>SQLite database file. Default: <c>memory.db</c> in the plugin's data directory.</summary>
    public string? SqlitePath { get; set; }

    /// <summary>Maximum characters of a memory's content. Default: 100,000.</summary>
    public int MaxContentLength { get; set; } = 100_000;

    /// <summary>Maximum characters of a title. Default: 1,000.</summary>
    public int MaxTitleLength { get; set; } = 1_000;

    /// <summary>Maximum tags on one memory. Default: 50.</summary>
    public int MaxTags { get; set; } = 50;

    /// <summary>Maximum characters of one tag. Default: 100.</summary>
    public int MaxTagLength { get; set; } = 100;

    /// <summary>Page size of list and search when the request gives none. Default: 50.</summary>
    public int DefaultPageSize { get; set; } = 50;

    /// <summary>Largest page size a request may ask for; a larger one is a 400, never a silent cap. Default: 500.</summary>
    public int MaxPageSize { get; set; } = 500;

    /// <summary>Lines per import batch; each batch commits all or nothing. Default: 1,000.</summary>
    public int ImportBatchSize { get; set; } = 1_000;

    /// <summary>
    /// How much of the SQLite file each connection reads through a memory map instead of copying pages in, in MiB;
    /// 0 turns it off. Default: 256 (a rare-term search over 100,000 checkpointed memories: 3.9 ms → 2.3 ms).
    /// </summary>
    public int SqliteMmapMegabytes { get; set; } = 256;

    /// <summary><see cref="SqliteMmapMegabytes"/> in bytes, as SQLite's <c>mmap_size</c> takes it.</summary>
    public long SqliteMmapBytes => SqliteMmapMegabytes * 1024L * 1024L;

    /// <summary>The effective provider after inference.</summary>
    public string EffectiveProvider =>
        string.IsNullOrWhiteSpace(Provider)
            ? (string.IsNullOrWhiteSpace(ConnectionString) ? SqliteProvider : PostgresProvider)
            : Provider.Trim().ToLowerInvariant();
}
