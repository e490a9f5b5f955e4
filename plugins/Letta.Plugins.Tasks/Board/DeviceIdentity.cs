using System.Security.Cryptography;

namespace Letta.Plugins.Tasks.Board;

/// <summary>This device's id: random once, then kept in the plugin's data directory (never in the cloud folder).</summary>
internal static class DeviceIdentity
{
    public static string LoadOrCreate(string? dataDirectory)
    {
        if (string.IsNullOrEmpty(dataDirectory))
        {
            return NewId();
        }

        string path = Path.Combine(dataDirectory, "device-id");
        try
        {
            if (File.Exists(path))
            {
                string existing = File.ReadAllText(path).Trim();
                if (existing.Length is > 0 and <= 64)
                {
                    return existing;
                }
            }

            Directory.CreateDirectory(dataDirectory);
            string id = NewId();
            File.WriteAllText(path, id);
            return id;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return NewId();
        }
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
