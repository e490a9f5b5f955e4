using Letta.Memories;
using Letta.Messaging;
using Letta.Plugins.Memory.Hub;
using Letta.Plugins.Memory.Service;
using Letta.Plugins.Memory.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Letta.Plugins.Memory.Tests.Support;

/// <summary>
/// The plugin's own container, composed the way the host composes it (forwarded logging, hub and context, then
/// <see cref="MemoryPlugin.ConfigureServices"/>), with the store migrated and the hub request handler registered.
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
        var dataDirectory = Directory.CreateTempSubdirectory("letta-memory-test-").FullName;
        var context = new TestPluginContext(dataDirectory, settings);
        var hub = new RecordingMessageHub();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton<IMessageHub>(hub);
        services.AddSingleton<Letta.Plugins.IPluginContext>(context);
        var plugin = new MemoryPlugin();
        plugin.ConfigureServices(services, context);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await plugin.StartAsync(provider, CancellationToken.None);
        var registration = hub.HandleRequests<SearchMemories, MemoryPage>(async (request, ct) =>
        {
            await using var scope = provider.CreateAsyncScope();
            // The host's scan registers the handler; here it is made the same way, in its own scope.
            return await new SearchMemoriesHandler(scope.ServiceProvider).HandleAsync(request, ct);
        });
        return new MemoryTestHost(provider, hub, registration, dataDirectory);
    }

    /// <summary>Runs <paramref name="action"/> with a scoped <see cref="MemoryService"/>, as one request would.</summary>
    public async Task<T> WithServiceAsync<T>(Func<MemoryService, Task<T>> action)
    {
        await using var scope = _provider.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MemoryService>());
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
