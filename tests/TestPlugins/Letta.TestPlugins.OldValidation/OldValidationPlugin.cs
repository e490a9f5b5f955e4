using FluentValidation;
using Letta.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Letta.TestPlugins.OldValidation;

/// <summary>
/// Uses FluentValidation 11 privately. GET version reports which FluentValidation it loaded;
/// GET validate runs its validator on the bound settings.
/// </summary>
public sealed class OldValidationPlugin : ILettaPlugin
{
    public Type? SettingsType => typeof(OldValidationOptions);

    public void ConfigureServices(IServiceCollection services, IPluginContext context) =>
        services.AddSingleton<OldValidationOptionsValidator>();

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("version", () => Results.Text(typeof(AbstractValidator<>).Assembly.GetName().Version?.ToString() ?? ""));
        endpoints.MapGet("validate", (IOptions<OldValidationOptions> options, OldValidationOptionsValidator validator) =>
        {
            var result = validator.Validate(options.Value);
            return Results.Ok(new { name = options.Value.Name, valid = result.IsValid, errors = result.Errors.Select(e => e.PropertyName + ": " + e.ErrorMessage) });
        });
    }
}
