using Letta.Host.Plugins;

namespace Letta.Host.Http;

/// <summary>
/// For a request routed to a plugin endpoint: answers 503 when the plugin is not Active, runs the endpoint with a
/// scope of the plugin's own container, and turns an unhandled plugin exception into a 500 problem without a
/// stack trace, logged with the plugin id.
/// </summary>
internal sealed class PluginRequestMiddleware(RequestDelegate next, PluginCatalog catalog, ILogger<PluginRequestMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        PluginEndpointMarker? marker = context.GetEndpoint()?.Metadata.GetMetadata<PluginEndpointMarker>();
        PluginRuntime? runtime = marker is null ? null : catalog.Find(marker.PluginId);
        if (runtime is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (!runtime.IsActive)
        {
            await Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Plugin not active",
                $"Plugin '{runtime.Id}' is {runtime.State}: {runtime.Reason}").ConfigureAwait(false);
            return;
        }

        IServiceProvider original = context.RequestServices;
        await using AsyncServiceScope scope = runtime.Services!.CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            using (logger.BeginScope(new Dictionary<string, object> { ["PluginId"] = runtime.Id }))
            {
                logger.LogError(ex, "Plugin {PluginId} failed on {Method} {Path}", runtime.Id, context.Request.Method, context.Request.Path);
            }

            if (!context.Response.HasStarted)
            {
                context.RequestServices = original;
                await Problems.WriteAsync(context, StatusCodes.Status500InternalServerError, "Plugin error",
                    $"Plugin '{runtime.Id}' failed to handle the request; the host log has the details.").ConfigureAwait(false);
            }
        }
        finally
        {
            context.RequestServices = original;
        }
    }
}
