namespace Letta.Plugins.Sync.Tests.Support.Cloud;

/// <summary>How badly the simulated cloud client behaves in one step; every probability is per file.</summary>
internal sealed record CloudLag
{
    /// <summary>A client that delivers everything, whole, in random order, with no duplicates.</summary>
    public static readonly CloudLag Prompt = new() { UploadShare = 1, DeliverShare = 1, CompleteShare = 1, PartialChance = 0, DuplicateChance = 0 };

    /// <summary>Share of the pending uploads of a view that reach the server in a step.</summary>
    public double UploadShare { get; init; } = 0.5;

    /// <summary>Share of the server's revisions a view lacks that are delivered to it in a step.</summary>
    public double DeliverShare { get; init; } = 0.5;

    /// <summary>A delivered file is first written in place, truncated, and completed in a later step.</summary>
    public double PartialChance { get; init; } = 0.2;

    /// <summary>Share of the half-written files that are completed in a step.</summary>
    public double CompleteShare { get; init; } = 0.5;

    /// <summary>A delivered file also turns up as an iCloud duplicate, <c>name 2.ext</c> or <c>name (1).ext</c>.</summary>
    public double DuplicateChance { get; init; } = 0.03;
}
