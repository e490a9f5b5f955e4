using Letta.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Letta.TestPlugins.IdentityB;

/// <summary>GET received lists the <c>PrivatePing</c>s its handler got (expected: none from identity-a).</summary>
public sealed class IdentityBPlugin : ILettaPlugin
{
    public void ConfigureServices(IServiceCollection services, IPluginContext context) => services.AddSingleton<ReceivedPings>();

    public void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("received", (ReceivedPings received) => Results.Ok(received.Items.ToArray()));
}
