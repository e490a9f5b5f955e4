using Letta.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Letta.TestPlugins.NewerAbi;

/// <summary>An otherwise trivial plugin whose contract reference is Letta.Abstractions 1.99.0.0.</summary>
public sealed class NewerAbiPlugin : ILettaPlugin
{
    public void ConfigureServices(IServiceCollection services, IPluginContext context)
    {
    }
}
