using System.CommandLine;
using Letta.Host.Hosting;

namespace Letta.Host.Cli;

/// <summary>
/// The <c>letta</c> command line. <c>letta</c> and <c>letta serve</c> run the server; every other verb is a client of
/// a running server, found through <c>$LETTA_HOME</c>. Plugin verbs are read from the server, so the CLI has no
/// compile-time knowledge of any plugin.
/// </summary>
internal static class LettaCommandLine
{
    private static readonly string[] BuiltIn = ["serve", "plugins", "health"];

    /// <param name="args">The command line.</param>
    /// <param name="buildServer">Composes the server that <c>letta serve</c> runs.</param>
    public static async Task<int> RunAsync(string[] args, Func<ServerOverrides, WebApplication> buildServer)
    {
        RootCommand root = new("Letta: a self-hosted hub for your memories, tasks, device sync and connectors.");
        ServeCommand.AddTo(root, buildServer);
        root.Subcommands.Add(PluginsCommand.Create());
        root.Subcommands.Add(HealthCommand.Create());

        bool wantsPluginVerbs = args.Length > 0 && !BuiltIn.Contains(args[0]) && (!args[0].StartsWith('-') || args.Any(a => a is "--help" or "-h" or "-?"));
        if (wantsPluginVerbs)
        {
            await PluginVerbs.AddToAsync(root, requestedPlugin: args[0].StartsWith('-') ? null : args[0]).ConfigureAwait(false);
        }

        ParseResult parse = root.Parse(args);
        return await parse.InvokeAsync().ConfigureAwait(false);
    }
}
