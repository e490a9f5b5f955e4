using Microsoft.Extensions.DependencyInjection;

namespace Letta.Samples.EchoConnector.Tests;

/// <summary>The echo plugin's container, filled the way the host fills it (<see cref="PluginTestServices"/>).</summary>
internal static class EchoPluginServices
{
    public static ServiceProvider Build(IReadOnlyDictionary<string, string?>? settings = null) =>
        new ServiceCollection()
            .AddPluginLikeTheHost(new EchoPlugin(), Context(settings))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    public static TestPluginContext Context(IReadOnlyDictionary<string, string?>? settings = null) =>
        new("echo", Path.Combine(Path.GetTempPath(), "letta-echo-tests"), settings ?? new Dictionary<string, string?>());
}
