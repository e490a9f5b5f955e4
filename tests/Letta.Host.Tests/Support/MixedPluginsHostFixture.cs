
namespace Letta.Host.Tests.Support;

/// <summary>
/// One real host process whose plugins folder holds the sample plus every kind of broken plugin the issue names:
/// a garbage DLL, a throwing constructor, a newer abstractions minor, Microsoft.Extensions.* 11, a duplicate id,
/// a plugin failing its start, and two plugins whose private message types share a name.
/// </summary>
#pragma warning disable CA1001 // the folder is deleted in IAsyncLifetime.DisposeAsync, after the host that uses it has stopped
public sealed class MixedPluginsHostFixture : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly PluginsFolder _plugins = new();

    public LettaHostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _plugins.AddPlugin("echo");
        _plugins.AddTestPlugin("good");
        _plugins.AddTestPlugin("ctor-throws");
        _plugins.AddTestPlugin("newer-abi");
        _plugins.AddTestPlugin("newer-extensions");
        _plugins.AddTestPlugin("faulty");
        _plugins.AddTestPlugin("identity-a");
        _plugins.AddTestPlugin("identity-b");
        _plugins.AddTestPlugin("dependent", "dupe", m => m["id"] = "dupe");
        _plugins.AddTestPlugin("dependent", "dupe@2", m => m["id"] = "dupe");
        _plugins.AddFolder("junk", ("junk.dll", [0x4d, 0x5a, 0x90, 0x00, 0xde, 0xad, 0xbe, 0xef]));
        Host = await LettaHostProcess.StartAsync(new LettaHostOptions
        {
            PluginsDirectory = _plugins.Path,
            PluginsJson = """
                {
                  "plugins": {
                    "faulty": { "settings": { "throwIn": "start" } },
                    "echo": { "enabled": true, "settings": { "prefix": ">> " } },
                    "not-installed": { "enabled": true }
                  }
                }
                """,
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _plugins.Dispose();
    }
}
