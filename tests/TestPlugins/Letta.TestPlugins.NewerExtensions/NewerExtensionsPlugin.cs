using Letta.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Letta.TestPlugins.NewerExtensions;

/// <summary>
/// Uses ILogger types from Microsoft.Extensions.Logging.Abstractions 11.0.0 so the reference is real:
/// on a 10.0 host its types fail to load (plugin-loading.md §2.5), so preflight must reject it first.
/// </summary>
public sealed class NewerExtensionsPlugin : ILettaPlugin
{
    private ILogger _logger = NullLogger.Instance;

    public void ConfigureServices(IServiceCollection services, IPluginContext context)
    {
        _logger = NullLoggerFactory.Instance.CreateLogger<NewerExtensionsPlugin>();
        _logger.LogInformation("newer-extensions configured");
    }
}
