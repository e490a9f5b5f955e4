using Letta.Plugins.Memory.Storage;
using Microsoft.Extensions.Hosting;

namespace Letta.Plugins.Memory.Hosting;

/// <summary>Brings the database schema up to this build's version when the plugin starts, before it serves.</summary>
internal sealed class MemoryStoreMigrator(IMemoryStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
