namespace Letta.Plugins.Sync.Tests.Support.Cloud;

/// <summary>One version of one cloud path as the simulated server holds it; <see cref="Bytes"/> null is a deletion.</summary>
internal sealed record CloudRevision(long Number, byte[]? Bytes, string Origin);
