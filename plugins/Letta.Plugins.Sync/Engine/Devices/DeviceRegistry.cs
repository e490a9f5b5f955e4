using Letta.Plugins.Shared;
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

    /// <summary>
    /// The devices revoked, deciding revocations in time order: a revocation counts unless its author had been revoked
    /// before it was made. So a revoked device can neither revoke anyone nor undo its own revocation by revoking the
    /// device that revoked it; two devices that revoke each other at the same moment are both revoked.
    /// </summary>
    public static HashSet<string> RevokedSet(IReadOnlyList<DeviceRecord> records)
    {
        var events = new List<(string By, string Target, DateTimeOffset At)>();
        foreach (DeviceRecord r in records)
        {
            var timed = new HashSet<string>(r.Revocations.Select(v => v.DeviceId), StringComparer.Ordinal);
            events.AddRange(r.Revocations.Where(v => v.DeviceId != r.Id).Select(v => (r.Id, v.DeviceId, v.At)));
            events.AddRange(r.Revoked.Where(id => id != r.Id && !timed.Contains(id)).Select(id => (r.Id, id, DateTimeOffset.MinValue)));
        }

        var revokedAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach ((string by, string target, DateTimeOffset at) in events.OrderBy(e => e.At).ThenBy(e => e.By, StringComparer.Ordinal).ThenBy(e => e.Target, StringComparer.Ordinal))
        {
            if (revokedAt.TryGetValue(by, out DateTimeOffset byRevoked) && byRevoked < at)
            {
                continue; // made after its author was revoked
            }

            if (!revokedAt.TryGetValue(target, out DateTimeOffset existing) || at < existing)
            {
                revokedAt[target] = at;
            }
        }

        return [.. revokedAt.Keys];
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

    /// <summary>Revokes a registered device from now on; a device that is itself revoked revokes no one.</summary>
    public RevokeOutcome Revoke(string deviceId, DateTimeOffset now)
    {
        IReadOnlyList<DeviceRecord> records = List();
        if (deviceId == device.Id)
        {
            return RevokeOutcome.Self;
        }

        if (records.All(d => d.Id != deviceId))
        {
            return RevokeOutcome.UnknownDevice;
        }

        if (RevokedSet(records).Contains(device.Id))
        {
            return RevokeOutcome.RevokerRevoked;
        }

        DeviceRecord own = Own() ?? new DeviceRecord(device.Id, device.Name, RuntimeInformation.OSDescription, now, now, appVersion);
        if (own.Revocations.All(v => v.DeviceId != deviceId) && !own.Revoked.Contains(deviceId))
        {
            Write(own with { Revocations = [.. own.Revocations, new Revocation(deviceId, now)], LastSeen = now });
        }

        return RevokeOutcome.Revoked;
    }

    private void Write(DeviceRecord record)
    {
        PrivateFiles.CreateDirectory(layout.DevicesDir);
        PrivateFiles.CreateDirectory(layout.TempDir);
        string tmp = layout.NewTempPath(device.ShortId);
        PrivateFiles.WriteAllBytes(tmp, JsonSerializer.SerializeToUtf8Bytes(record, SyncJsonContext.Default.DeviceRecord));
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
