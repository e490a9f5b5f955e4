using System.Security.Cryptography;

namespace Letta.Host.Hosting;

/// <summary>Reads the API key from <c>$LETTA_HOME/api-key</c>, creating it (mode 0600) on first run.</summary>
internal static class ApiKeyStore
{
    public static string LoadOrCreate(LettaHome home)
    {
        if (File.Exists(home.ApiKeyPath))
        {
            string existing = File.ReadAllText(home.ApiKeyPath).Trim();
            if (existing.Length >= 16)
            {
                return existing;
            }
        }

        string key = "letta_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        FilePermissions.WritePrivateFile(home.ApiKeyPath, key + "\n");
        return key;
    }

    public static string? TryRead(LettaHome home) =>
        File.Exists(home.ApiKeyPath) ? File.ReadAllText(home.ApiKeyPath).Trim() : null;
}
