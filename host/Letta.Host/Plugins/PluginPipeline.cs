
namespace Letta.Host.Plugins;

/// <summary>Wires the real plugin pipeline; the server, the loader tests and the benchmarks all use this one.</summary>
internal static class PluginPipeline
{
    public static PluginBootstrapper CreateBootstrapper(PluginHostServices services, ILoggerFactory loggerFactory) =>
        new(
            new PluginDiscovery(loggerFactory.CreateLogger<PluginDiscovery>()),
            new PluginPreflight(HostAssemblyCatalog.FromRuntime()),
            new PluginComposer(services),
            loggerFactory.CreateLogger<PluginBootstrapper>());
}
