using Letta.Memories;
using Letta.Messaging;
using Letta.Plugins.Memory.Service;
using Letta.Plugins.Memory.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Letta.Plugins.Memory.Tests.Support;

/// <summary>
/// The plugin's own container, composed and started the way the host does it (<see cref="PluginTestServices"/>),
/// with the hub request handler answering through a <see cref="RecordingMessageHub"/>.
/// </summary>
internal sealed class MemoryTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly IDisposable _handlerRegistration;
    private readonly string _dataDirectory;

    private MemoryTestHost(ServiceProvider provider, RecordingMessageHub hub, IDisposable handlerRegistration, string dataDirectory)
    {
        _provider = provider;
        Hub = hub;
        _handlerRegistration = handlerRegistration;
        _dataDirectory = dataDirectory;
    }

    public RecordingMessageHub Hub { get; }

    public IServiceProvider Services => _provider;

    public IMemoryStore Store => _provider.GetRequiredService<IMemoryStore>();

    public static async Task<MemoryTestHost> StartAsync(IDictionary<string, string?> settings)
    {
        var home = Directory.CreateTempSubdirectory("letta-memory-test-").FullName;
        var hub = new RecordingMessageHub();
        var plugin = new MemoryPlugin();
        var provider = new ServiceCollection()
            .AddPluginLikeTheHost(plugin, new TestPluginContext("memory", home, settings), hub)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await provider.StartPluginLikeTheHostAsync(plugin);
        var registration = hub.HandleRequests<SearchMemories, MemoryPage>(async (request, ct) =>
        {
            // The host subscribes the scanned handler in its own scope per request; so does this.
            await using var scope = provider.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IRequestHandler<SearchMemories, MemoryPage>>().HandleAsync(request, ct);
        });
        return new MemoryTestHost(provider, hub, registration, home);
    }

    /// <summary>Runs <paramref name="action"/> with a scoped <see cref="MemoryService"/>, as one request would.</summary>
    public Task<T> WithServiceAsync<T>(Func<MemoryService, Task<T>> action) => InScopeAsync(action);

    /// <summary>Runs <paramref name="action"/> with a scoped <see cref="MemoryImporter"/>, as one import request would.</summary>
    public Task<T> WithImporterAsync<T>(Func<MemoryImporter, Task<T>> action) => InScopeAsync(action);

    private async Task<T> InScopeAsync<TService, T>(Func<TService, Task<T>> action)
        where TService : notnull
    {
        await using var scope = _provider.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async ValueTask DisposeAsync()
    {
        _handlerRegistration.Dispose();
        await _provider.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
