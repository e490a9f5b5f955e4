using System.Text.Json;

namespace Letta.Host.Hosting;

/// <summary><c>$LETTA_HOME/server.json</c>: how CLI verbs find the running server.</summary>
internal static class ServerInfoFile
{
    public static void Write(LettaHome home, string url) =>
        FilePermissions.WritePrivateFile(home.ServerInfoPath, JsonSerializer.Serialize(new ServerInfo(url, Environment.ProcessId)));

    public static void DeleteIfOurs(LettaHome home)
    {
        ServerInfo? info = TryRead(home);
        if (info is not null && info.Pid == Environment.ProcessId)
        {
            File.Delete(home.ServerInfoPath);
        }
    }

    public static ServerInfo? TryRead(LettaHome home)
    {
        try
        {
            return File.Exists(home.ServerInfoPath) ? JsonSerializer.Deserialize<ServerInfo>(File.ReadAllText(home.ServerInfoPath)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
