using Letta.Plugins.Shared;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Letta.Plugins.Sync.Engine.Scanning;

namespace Letta.Plugins.Sync.Engine.Devices;

/// <summary>
/// This installation's stable id: base32(SHA-256(random secret)), 52 characters. A machine fingerprint
/// (machine id + the state directory's absolute path) is stored next to it: a state directory copied to
/// another machine or place does not match and registers as a new device instead of writing as a twin.
/// </summary>
internal sealed class DeviceIdentity
{
    private DeviceIdentity(string id, string name, bool isNew)
    {
        Id = id;
        Name = name;
        IsNew = isNew;
    }

    public string Id { get; }

    /// <summary>First 13 characters (65 bits) of the id; used in version vectors.</summary>
    public string ShortId => Id[..13];

    /// <summary>First 7 characters; used in conflict file names.</summary>
    public string Short7 => Id[..7];

    public string Name { get; }

    /// <summary>Whether the id was made on this load (first run or clone detected).</summary>
    public bool IsNew { get; }

    public static string FilePath(string stateDirectory) => Path.Combine(stateDirectory, "device.json");

    /// <summary>Loads the identity, making a new one on first run or when the fingerprint does not match.</summary>
    public static DeviceIdentity LoadOrCreate(string stateDirectory, string? name, string machineId, DateTimeOffset now)
    {
        string fingerprint = Fingerprint(machineId, stateDirectory);
        string path = FilePath(stateDirectory);
        if (File.Exists(path))
        {
            DeviceIdentityFile? existing = JsonSerializer.Deserialize(File.ReadAllBytes(path), SyncJsonContext.Default.DeviceIdentityFile);
            if (existing is not null && existing.Fingerprint == fingerprint)
            {
                string effectiveName = string.IsNullOrWhiteSpace(name) ? existing.Name : name;
                return new DeviceIdentity(existing.DeviceId, effectiveName, isNew: false);
            }
        }

        byte[] secret = RandomNumberGenerator.GetBytes(32);
        string id = Base32(SHA256.HashData(secret))[..52];
        string deviceName = string.IsNullOrWhiteSpace(name) ? Environment.MachineName : name;
        var file = new DeviceIdentityFile(id, Convert.ToBase64String(secret), fingerprint, deviceName, now);
        PrivateFiles.CreateDirectory(stateDirectory);
        string tmp = path + ".tmp";
        PrivateFiles.WriteAllBytes(tmp, JsonSerializer.SerializeToUtf8Bytes(file, SyncJsonContext.Default.DeviceIdentityFile));

        File.Move(tmp, path, overwrite: true);
        return new DeviceIdentity(id, deviceName, isNew: true);
    }

    /// <summary>Reads the identity without creating one (dry-run); <see langword="null"/> when none matches.</summary>
    public static DeviceIdentity? TryLoad(string stateDirectory, string? name, string machineId)
    {
        string path = FilePath(stateDirectory);
        if (!File.Exists(path))
        {
            return null;
        }

        DeviceIdentityFile? existing = JsonSerializer.Deserialize(File.ReadAllBytes(path), SyncJsonContext.Default.DeviceIdentityFile);
        return existing is not null && existing.Fingerprint == Fingerprint(machineId, stateDirectory)
            ? new DeviceIdentity(existing.DeviceId, string.IsNullOrWhiteSpace(name) ? existing.Name : name, isNew: false)
            : null;
    }

    /// <summary>The machine id of this host: /etc/machine-id where it exists, else the host name.</summary>
    public static string CurrentMachineId()
    {
        foreach (string candidate in new[] { "/etc/machine-id", "/var/lib/dbus/machine-id" })
        {
            try
            {
                if (File.Exists(candidate))
                {
                    string text = File.ReadAllText(candidate).Trim();
                    if (text.Length > 0)
                    {
                        return text;
                    }
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return Environment.MachineName;
    }

    private static string Fingerprint(string machineId, string stateDirectory) =>
        ContentHasher.HashBytes(Encoding.UTF8.GetBytes(machineId + "\n" + Path.GetFullPath(stateDirectory).TrimEnd('/', '\\')));

    private static string Base32(byte[] bytes)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var sb = new StringBuilder();
        int buffer = 0, bits = 0;
        foreach (byte b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                sb.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            sb.Append(alphabet[(buffer << (5 - bits)) & 31]);
        }

        return sb.ToString();
    }
}
