namespace Letta.Plugins.Memory.Benchmarks;

/// <summary>One query measured through REST and as raw SQL on the same database.</summary>
internal sealed record QueryResult(string Name, Latency Rest, Latency Raw, int RestRows, int RawRows)
{
    public double Ratio => Rest.P50Ms / Raw.P50Ms;
}

/// <summary>Everything measured for one provider.</summary>
internal sealed record ProviderResult(string Provider, long Imported, long Failed, TimeSpan ImportTime, IReadOnlyList<QueryResult> Queries)
{
    public double ImportRate => Imported / ImportTime.TotalSeconds;
}
