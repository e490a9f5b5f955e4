using Microsoft.AspNetCore.Http;

namespace Letta.Plugins.Tasks.Api;

/// <summary>Turns the board's exceptions into problem details for every endpoint of the plugin.</summary>
internal sealed class TaskErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (TaskProblems.ToResult(ex) is { } problem)
        {
            return problem;
        }
    }
}
