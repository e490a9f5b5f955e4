using System.Security.Cryptography;
using System.Text;

namespace Letta.Host.Http;

/// <summary>Every <c>/api</c> route needs the key, as <c>X-Api-Key</c> or <c>Authorization: Bearer</c>.</summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ApiKey apiKey)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || IsAuthorized(context.Request))
        {
            return next(context);
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "API key required",
            "Send the key from $LETTA_HOME/api-key as the X-Api-Key header or as 'Authorization: Bearer <key>'.");
    }

    private bool IsAuthorized(HttpRequest request)
    {
        string? presented = request.Headers["X-Api-Key"].FirstOrDefault();
        if (presented is null)
        {
            string? authorization = request.Headers.Authorization.FirstOrDefault();
            if (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                presented = authorization["Bearer ".Length..].Trim();
            }
        }

        return presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), apiKey.Bytes);
    }
}
