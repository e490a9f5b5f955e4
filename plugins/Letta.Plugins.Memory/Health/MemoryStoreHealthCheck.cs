using Letta.Plugins.Memory.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Letta.Plugins.Memory.Health;

/// <summary>Healthy when the database answers and its schema is the version this build expects.</summary>
internal sealed class MemoryStoreHealthCheck(IMemoryStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["provider"] = store.Provider };
        try
        {
            var (current, expected) = await store.GetSchemaVersionAsync(cancellationToken);
            data["schemaVersion"] = current;
            data["expectedSchemaVersion"] = expected;
            return current == expected
                ? HealthCheckResult.Healthy($"The {store.Provider} database is reachable; schema version {current}.", data)
                : HealthCheckResult.Unhealthy($"The {store.Provider} schema is at version {current}, this build needs {expected}; restart the plugin to migrate.", data: data);
        }
#pragma warning disable CA1031 // any failure to reach the database is the unhealthy result, not an exception
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy($"The {store.Provider} database is not reachable: {ex.Message}", ex, data);
        }
    }
}
