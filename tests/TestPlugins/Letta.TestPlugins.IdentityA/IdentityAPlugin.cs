using Letta.Messaging;
using Letta.Plugins;
using Letta.TestPlugins.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Letta.TestPlugins.IdentityA;

/// <summary>POST ping?text=… publishes identity-a's own <see cref="PrivatePing"/> through the hub.</summary>
public sealed class IdentityAPlugin : ILettaPlugin
{
    public void ConfigureServices(IServiceCollection services, IPluginContext context)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("ping", async (string? text, IMessageHub hub, CancellationToken ct) =>
        {
            var ping = new PrivatePing(text ?? "ping");
            await hub.PublishAsync(ping, ct);
            return Results.Accepted(value: ping);
        });
}
