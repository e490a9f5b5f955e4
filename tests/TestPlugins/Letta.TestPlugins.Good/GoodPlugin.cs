using Letta.Cli;
using Letta.Plugins;
using Letta.Tasks;
using Letta.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Letta.TestPlugins.Good;

/// <summary>The well-formed fixture plugin (id <c>good</c>).</summary>
public sealed class GoodPlugin : ILettaPlugin
{
    public Type? SettingsType => typeof(GoodOptions);

    public IReadOnlyList<CliCommand> Commands { get; } = [new CliCommand("hello", "Says hello", "GET", "hello")];

    public void ConfigureServices(IServiceCollection services, IPluginContext context)
    {
        services.AddSingleton<ReceivedEvents>();
        services.AddHealthChecks().AddCheck<GoodHealthCheck>("good");
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        // IOptions<GoodOptions> is inferred as a service: it proves handler parameters resolve from the plugin container.
        endpoints.MapGet("hello", (IOptions<GoodOptions> options) => Results.Text($"{options.Value.Greeting} from good"));

        endpoints.MapGet("services", (HttpContext http) =>
        {
            IServiceProvider sp = http.RequestServices;
            var context = sp.GetService<IPluginContext>();
            return Results.Ok(new
            {
                messageHub = sp.GetService<IMessageHub>() is not null,
                pluginContext = context is not null,
                pluginId = context?.PluginId,
                dataDirectory = context?.DataDirectory,
                timeProvider = sp.GetService<TimeProvider>() is not null,
                httpClientFactory = sp.GetService<IHttpClientFactory>() is not null,
                chatClient = sp.GetService<IChatClient>() is not null,
            });
        });

        endpoints.MapPost("publish", async (string? title, IMessageHub hub, TimeProvider time, CancellationToken ct) =>
        {
            var created = new TaskCreated($"good-{Guid.NewGuid():N}", title ?? "from good", "Backlog", "Medium", time.GetUtcNow());
            await hub.PublishAsync(created, ct);
            return Results.Accepted(value: created);
        });

        endpoints.MapGet("received", (ReceivedEvents received) => Results.Ok(received.Memories.ToArray()));
        endpoints.MapGet("received-tasks", (ReceivedEvents received) => Results.Ok(received.Tasks.ToArray()));
    }

    public Task StartAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        services.GetRequiredService<ILogger<GoodPlugin>>().LogInformation("good plugin started");
        return Task.CompletedTask;
    }
}
