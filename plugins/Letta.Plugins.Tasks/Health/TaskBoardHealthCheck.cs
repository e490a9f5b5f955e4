using Letta.Plugins.Tasks.Board;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Letta.Plugins.Tasks.Health;

/// <summary>Task folder reachable and writable; <c>tasks.json</c> (and the archive, and any conflict copies) readable.</summary>
internal sealed class TaskBoardHealthCheck(TaskBoard board) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        string folder = board.Settings.Folder;
        var data = new Dictionary<string, object>
        {
            ["folder"] = folder,
            ["deviceId"] = board.Settings.DeviceId,
            ["deviceName"] = board.Settings.DeviceName,
        };

        try
        {
            await board.EnsureLoadedAsync(cancellationToken);

            // A probe named *.tmp: cloud clients never upload it.
            string probe = Path.Combine(folder, $".letta-health.{Environment.ProcessId}.tmp");
            await File.WriteAllTextAsync(probe, "ok", cancellationToken);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or BoardBusyException)
        {
            return HealthCheckResult.Unhealthy($"Task folder {folder} is not reachable or not writable: {ex.Message}", data: data);
        }

        data["tasks"] = board.Current.Active.Count;
        data["archived"] = board.Current.Archived.Count;
        if (board.BoardError is { } error)
        {
            data["file"] = error.Path;
            if (error.Line is { } line)
            {
                data["line"] = line;
                data["bytePositionInLine"] = error.BytePositionInLine ?? 0;
            }

            return HealthCheckResult.Degraded(
                $"{error} — serving the last good copy; writes are refused until the file is fixed or restored.", data: data);
        }

        if (board.ArchiveError is { } archiveError)
        {
            return HealthCheckResult.Degraded($"{archiveError} — archive and restore are refused until the file is fixed.", data: data);
        }

        if (board.BadConflictCopies is { Count: > 0 } bad)
        {
            return HealthCheckResult.Degraded(
                "Cloud conflict copies could not be merged and were left in place: " + string.Join("; ", bad), data: data);
        }

        return HealthCheckResult.Healthy($"{board.Current.Active.Count} tasks in {folder}", data);
    }
}
