namespace Letta.Benchmarks;

/// <summary>One way of moving events from a publisher to a handler: its burst throughput and round-trip latency.</summary>
internal sealed record PipeResult(string Name, double EventsPerSecond, double RoundTripP50Microseconds, double RoundTripP95Microseconds);
