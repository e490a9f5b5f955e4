namespace Letta.Host.Hosting;

internal sealed record ServerInfo(string Url, int Pid);
