using System.CommandLine;
using Letta.Host.Configuration;
using Letta.Host.Hosting;
using Microsoft.Extensions.Options;

namespace Letta.Host.Cli;

/// <summary><c>letta serve</c> (also plain <c>letta</c>): runs the server in the foreground.</summary>
internal static class ServeCommand
{
    public static void AddTo(RootCommand root, Func<ServerOverrides, WebApplication> buildServer)
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen (default http://127.0.0.1:8284; env LETTA_URLS)." };
        var pluginsDir = new Option<string?>("--plugins-dir") { Description = "The plugins folder (env LETTA_PLUGINS_DIR)." };
        var pluginsConfig = new Option<string?>("--plugins-config") { Description = "The plugins.json to use (env LETTA_PLUGINS_CONFIG)." };
        var serve = new Command("serve", "Run the Letta server in the foreground.");
        foreach (Option option in new Option[] { urls, pluginsDir, pluginsConfig })
        {
            serve.Options.Add(option);
            root.Options.Add(option);
        }

        Func<ParseResult, CancellationToken, Task<int>> action = (parse, ct) =>
            RunAsync(buildServer, new ServerOverrides(parse.GetValue(urls), parse.GetValue(pluginsDir), parse.GetValue(pluginsConfig)), ct);
        serve.SetAction(action);
        root.SetAction(action);
        root.Subcommands.Add(serve);
    }

    private static async Task<int> RunAsync(Func<ServerOverrides, WebApplication> buildServer, ServerOverrides overrides, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = buildServer(overrides);
        }
        catch (PluginsFileException ex)
        {
            await Console.Error.WriteLineAsync($"letta: cannot start: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"letta: cannot start: {string.Join("; ", ex.Failures)}").ConfigureAwait(false);
            return 2;
        }

        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                // Kestrel reports an address in use as an IOException; say what to do.
                await Console.Error.WriteLineAsync($"letta: cannot listen: {ex.Message}. Is another Letta running? Use --urls to pick another port.").ConfigureAwait(false);
                return 2;
            }
        }

        return 0;
    }
}
