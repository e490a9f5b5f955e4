namespace Letta.Plugins;

/// <summary>Published by the host when a plugin's state or health status changes.</summary>
/// <param name="PluginId">The plugin.</param>
/// <param name="PreviousStatus">The status before: <c>Healthy</c>, <c>Degraded</c>, <c>Unhealthy</c>, or a <see cref="PluginState"/> name.</param>
/// <param name="Status">The status now.</param>
/// <param name="Description">Why, in words a user can act on.</param>
/// <param name="OccurredAt">When the change was seen (UTC).</param>
public sealed record PluginHealthChanged(string PluginId, string PreviousStatus, string Status, string? Description, DateTimeOffset OccurredAt);
