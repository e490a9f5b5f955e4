namespace Letta.Host.Http;

internal sealed record DependencyInfo(string Id, string Version);
