namespace Letta.Plugins.Sync.Tests.Support;

/// <summary>
/// Tests that move gigabytes run alone: the process-wide allocation and heap figures they assert on must not
/// include other tests' work, and other tests' timings must not suffer from their disk traffic.
/// </summary>
[CollectionDefinition(nameof(LargeFileRunsAlone), DisableParallelization = true)]
public sealed class LargeFileRunsAlone;
