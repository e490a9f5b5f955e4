using System.Runtime.InteropServices;
using System.Text.Json;
using Letta.Plugins.Sync.Engine.Cloud;

namespace Letta.Plugins.Sync.Engine.Devices;

/// <summary>Registrations in <c>devices/</c>: register or refresh this device, list all, revoke one.</summary>
internal sealed class DeviceRegistry(CloudLayout layout, DeviceIdentity device, string appVersion)
{
    public static readonly TimeSpan LastSeenRefresh = TimeSpan.FromHours(1);

    public IReadOnlyList<DeviceRecord> List()
    {
        var records = new List<DeviceRecord>();
        if (!Directory.Exists(layout.DevicesDir))
        {
            return records;
        }

        foreach (string file in Directory.EnumerateFiles(layout.DevicesDir, "*.json"))
        {
            try
            {
                DeviceRecord? record = JsonSerializer.Deserialize(File.ReadAllBytes(file), SyncJsonContext.Default.DeviceRecord);
                if (record is not null && Path.GetFileNameWithoutExtension(file) == record.Id)
                {
                    records.Add(record);
                }
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
            {
                // A half-synced registration is skipped this run, read again next run.
            }
        }

        return records;
    }

    /// <summary>Ids revoked by any device that is not itself revoked by another.</summary>
    public static HashSet<string> RevokedSet(IReadOnlyList<DeviceRecord> records)
    {
        var revoked = new HashSet<string>(StringComparer.Ordinal);
        foreach (DeviceRecord r in records)
        {
            revoked.UnionWith(r.Revoked.Where(id => id != r.Id));
        }

        // A revoked device's own revocations do not count.
        var effective = new HashSet<string>(StringComparer.Ordinal);
        foreach (DeviceRecord r in records.Where(r => !revoked.Contains(r.Id)))
        {
            effective.UnionWith(r.Revoked.Where(id => id != r.Id));
        }

        return effective;
    }

    public DeviceRecord? Own() => Read(layout.DevicePath(device.Id));

    /// <summary>Writes this device's registration when new, renamed, or last seen more than an hour ago.</summary>
    public void Touch(DateTimeOffset now, bool force = false)
    {
        DeviceRecord? own = Own();
        if (!force && own is not null && own.Name == device.Name && now - own.LastSeen < LastSeenRefresh)
        {
            return;
        }

        Write((own ?? new DeviceRecord(device.Id, device.Name, RuntimeInformation.OSDescription, now, now, appVersion))
            with { Name = device.Name, LastSeen = now, AppVersion = appVersion });
    }

    public void Revoke(string deviceId, DateTimeOffset now)
    {
        DeviceRecord own = Own() ?? new DeviceRecord(device.Id, device.Name, RuntimeInformation.OSDescription, now, now, appVersion);
        if (!own.Revoked.Contains(deviceId))
        {
            Write(own with { Revoked = [.. own.Revoked, deviceId], LastSeen = now });
        }
    }

    private void Write(DeviceRecord record)
    {
        Directory.CreateDirectory(layout.DevicesDir);
        Directory.CreateDirectory(layout.TempDir);
        string tmp = layout.NewTempPath(device.ShortId);
        File.WriteAllBytes(tmp, JsonSerializer.SerializeToUtf8Bytes(record, SyncJsonContext.Default.DeviceRecord));
        File.Move(tmp, layout.DevicePath(record.Id), overwrite: true);
    }

    private static DeviceRecord? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllBytes(path), SyncJsonContext.Default.DeviceRecord) : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
