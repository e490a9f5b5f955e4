using Letta.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Letta.TestPlugins.CtorThrows;

/// <summary>A plugin whose constructor throws; the host must mark it Faulted and keep serving.</summary>
public sealed class CtorThrowsPlugin : ILettaPlugin
{
    public CtorThrowsPlugin() => throw new InvalidOperationException("constructor exploded");

    public void ConfigureServices(IServiceCollection services, IPluginContext context)
    {
    }
}
