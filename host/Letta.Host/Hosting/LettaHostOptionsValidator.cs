using Microsoft.Extensions.Options;

namespace Letta.Host.Hosting;

internal sealed class LettaHostOptionsValidator : IValidateOptions<LettaHostOptions>
{
    public ValidateOptionsResult Validate(string? name, LettaHostOptions options)
    {
        var failures = new List<string>();
        foreach (string url in options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out Uri? uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            {
                failures.Add($"Letta:Urls: '{url}' is not an http(s) URL");
            }
        }

        if (options.PluginStartTimeout <= TimeSpan.Zero)
        {
            failures.Add("Letta:PluginStartTimeout must be positive");
        }

        if (options.LogRetentionDays is < 1 or > 3650)
        {
            failures.Add("Letta:LogRetentionDays must be between 1 and 3650");
        }

        if (options.LogFileSizeLimitBytes < 64 * 1024)
        {
            failures.Add("Letta:LogFileSizeLimitBytes must be at least 65536");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
