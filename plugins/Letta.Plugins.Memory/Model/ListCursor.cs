namespace Letta.Plugins.Memory.Model;

/// <summary>The keyset position of a list page: the last row's creation time and id (newest first order).</summary>
internal sealed record ListCursor(DateTimeOffset CreatedAt, string Id);
