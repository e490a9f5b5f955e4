namespace Letta.Plugins.Memory.Benchmarks;

/// <summary>One query measured through REST and as raw SQL on the same database.</summary>
internal sealed record QueryResult(string Name, Latency Rest, Latency Raw, int RestRows, int RawRows)
{
    public double Ratio => Rest.P50Ms / Raw.P50Ms;
}

/// <summary>
/// Everything measured for one provider, with the CPU time the host process and (PostgreSQL) the database server
/// used for the import, and the benchmark's own CPU time (the HTTP client sending the pre-built body) over the same window.
/// </summary>
internal sealed record ProviderResult(string Provider, long Imported, long Failed, TimeSpan ImportTime, double HostCpuSeconds, double DbCpuSeconds, double ClientCpuSeconds, IReadOnlyList<QueryResult> Queries)
{
    public double ImportCpuSeconds => HostCpuSeconds + DbCpuSeconds;

    public double ImportRate => Imported / ImportTime.TotalSeconds;

    /// <summary>Memories imported per CPU-second of host + database; on N idle cores the wall rate can reach about N× this.</summary>
    public double ImportRatePerCpuSecond => Imported / ImportCpuSeconds;
}
