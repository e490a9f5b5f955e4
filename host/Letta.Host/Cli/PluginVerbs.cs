using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Letta.Cli;

namespace Letta.Host.Cli;

/// <summary>
/// Adds <c>letta {pluginId} {verb}</c> commands from the declarations the running server reports for its active
/// plugins. When the server is not reachable, an unknown verb says so instead of a bare parse error.
/// </summary>
internal static class PluginVerbs
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task AddToAsync(RootCommand root, string? requestedPlugin)
    {
        using HttpClient client = ServerClient.Create(TimeSpan.FromSeconds(5));
        List<PluginDeclaration> plugins;
        try
        {
            plugins = (await client.GetFromJsonAsync<PluginDeclarationList>("api/plugins?health=false", Json).ConfigureAwait(false))?.Plugins ?? [];
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            if (requestedPlugin is not null)
            {
                var placeholder = new Command(requestedPlugin, "A plugin verb (the server is not reachable, so its verbs are unknown).");
                placeholder.SetAction(_ =>
                {
                    Console.Error.WriteLine(ServerClient.Unreachable(client, ex));
                    return 1;
                });
                root.Subcommands.Add(placeholder);
            }

            return;
        }

        foreach (PluginDeclaration plugin in plugins.Where(p => p.State == "Active" && p.Commands.Count > 0))
        {
            var group = new Command(plugin.Id, plugin.Description ?? plugin.Name ?? plugin.Id);
            foreach (CliCommand declaration in plugin.Commands)
            {
                group.Subcommands.Add(PluginVerbCommand.Create(plugin.Id, declaration));
            }

            root.Subcommands.Add(group);
        }
    }

    private sealed record PluginDeclarationList(List<PluginDeclaration> Plugins);

    private sealed record PluginDeclaration(string Id, string? Name, string State, string? Description, List<CliCommand> Commands);
}
