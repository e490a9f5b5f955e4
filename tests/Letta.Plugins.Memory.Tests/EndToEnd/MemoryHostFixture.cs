
namespace Letta.Plugins.Memory.Tests.EndToEnd;

/// <summary>One real <c>letta</c> process with only the memory plugin, on its default SQLite store.</summary>
public sealed class MemoryHostFixture : IAsyncLifetime
{
    private LettaHostProcess? _host;

    public LettaHostProcess Host => _host ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() =>
        _host = await LettaHostProcess.StartAsync(new LettaHostOptions { PluginIds = ["memory"] });

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
