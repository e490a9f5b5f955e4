using Letta.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Letta.TestPlugins.BenchSink;

public sealed class BenchSinkPlugin : ILettaPlugin
{
    public void ConfigureServices(IServiceCollection services, IPluginContext context) => services.AddSingleton<SinkCounter>();
}
